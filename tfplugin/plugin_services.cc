#include "tfplugin/plugin_services.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include "tfplugin/log.h"

namespace tfplugin {

ShutdownSignal::ShutdownSignal() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

ShutdownSignal::~ShutdownSignal() {
  if (fd_ >= 0) ::close(fd_);
}

void ShutdownSignal::Notify() {
  notified_.store(true);
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(fd_, &one, sizeof one);
}

grpc::Status ControllerService::Shutdown(grpc::ServerContext*, const plugin::Empty*,
                                         plugin::Empty*) {
  if (honour_) {
    Log(LogLevel::kDebug, "tfplugin", "shutdown requested by the plugin host");
    signal_->Notify();
  } else {
    Log(LogLevel::kInfo, "tfplugin", "shutdown request ignored in debug mode");
  }
  return grpc::Status::OK;
}

namespace {

// Holds the stream open, writing nothing, until the call is cancelled (the
// host goes away or the server shuts down).
class IdleStdioStream final : public grpc::ServerWriteReactor<plugin::StdioData> {
 public:
  void OnCancel() override { Finish(grpc::Status::OK); }
  void OnDone() override { delete this; }
};

// Reads and discards broker messages until the client closes or cancels.
class IdleBrokerStream final : public grpc::ServerBidiReactor<plugin::ConnInfo, plugin::ConnInfo> {
 public:
  IdleBrokerStream() { StartRead(&incoming_); }
  void OnReadDone(bool ok) override {
    if (ok) {
      StartRead(&incoming_);
    } else {
      Finish(grpc::Status::OK);
    }
  }
  void OnDone() override { delete this; }

 private:
  plugin::ConnInfo incoming_;
};

}  // namespace

grpc::ServerWriteReactor<plugin::StdioData>* StdioService::StreamStdio(
    grpc::CallbackServerContext*, const plugin::StdioRequest*) {
  return new IdleStdioStream();
}

grpc::ServerBidiReactor<plugin::ConnInfo, plugin::ConnInfo>* BrokerService::StartStream(
    grpc::CallbackServerContext*) {
  return new IdleBrokerStream();
}

}  // namespace tfplugin
