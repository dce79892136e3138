// go-plugin's own services, which every plugin process serves beside its
// protocol: GRPCController (the host asks the plugin to exit), GRPCStdio (a
// stream newer hosts open to mirror output; we send nothing on it, our logs
// go to stderr directly) and GRPCBroker (extra connections; unused by
// Terraform providers, accepted and left idle).
#ifndef TFPLUGIN_PLUGIN_SERVICES_H_
#define TFPLUGIN_PLUGIN_SERVICES_H_

#include <atomic>

#include "proto/grpc_broker.grpc.pb.h"
#include "proto/grpc_controller.grpc.pb.h"
#include "proto/grpc_stdio.grpc.pb.h"

namespace tfplugin {

// A one-shot "please shut down" flag that a poll() loop can wait on.
class ShutdownSignal {
 public:
  ShutdownSignal();
  ~ShutdownSignal();
  ShutdownSignal(const ShutdownSignal&) = delete;
  ShutdownSignal& operator=(const ShutdownSignal&) = delete;

  void Notify();                 // async-signal-safe
  bool notified() const { return notified_.load(); }
  int fd() const { return fd_; }  // readable once notified

 private:
  int fd_ = -1;
  std::atomic<bool> notified_{false};
};

class ControllerService final : public plugin::GRPCController::Service {
 public:
  // In -debug mode the process outlives each Terraform run, so Shutdown is
  // acknowledged but ignored (`honour_shutdown` = false).
  ControllerService(ShutdownSignal* signal, bool honour_shutdown)
      : signal_(signal), honour_(honour_shutdown) {}
  grpc::Status Shutdown(grpc::ServerContext* ctx, const plugin::Empty* req,
                        plugin::Empty* resp) override;

 private:
  ShutdownSignal* signal_;
  bool honour_;
};

// Callback-API services: an idle stream costs no thread.
class StdioService final : public plugin::GRPCStdio::CallbackService {
 public:
  grpc::ServerWriteReactor<plugin::StdioData>* StreamStdio(
      grpc::CallbackServerContext* ctx, const plugin::StdioRequest* req) override;
};

class BrokerService final : public plugin::GRPCBroker::CallbackService {
 public:
  grpc::ServerBidiReactor<plugin::ConnInfo, plugin::ConnInfo>* StartStream(
      grpc::CallbackServerContext* ctx) override;
};

}  // namespace tfplugin

#endif  // TFPLUGIN_PLUGIN_SERVICES_H_
