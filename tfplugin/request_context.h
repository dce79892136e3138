// The per-request context every Provider / Resource method receives: whether
// this request was cancelled (StopProvider while it was in flight, the client
// went away, the plugin is shutting down), the deadline its client set, and
// the RPC and resource type for log lines. Protocol-free: the gRPC layer
// makes one per RPC and cancels it; provider code only observes it.
//
// Cancellation belongs to the request, not to the process: a StopProvider
// cancels the requests in flight at that moment, and the next request starts
// uncancelled (a `-debug` provider serves many runs).
#ifndef TFPLUGIN_REQUEST_CONTEXT_H_
#define TFPLUGIN_REQUEST_CONTEXT_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tfplugin/log.h"

namespace tfplugin {

enum class CancelCause {
  kNone,
  kStopProvider,  // Terraform asked the provider to stop (Ctrl-C)
  kClientGone,    // the caller cancelled the RPC or its connection closed
  kShutdown,      // the plugin process is exiting
};

// "Terraform asked the provider to stop", ... (for diagnostics and logs).
std::string_view CancelCauseText(CancelCause cause);

class RequestContext {
  struct Shared;

 public:
  using Clock = std::chrono::steady_clock;

  // Keeps a cancel callback registered; destroying it unregisters the
  // callback (waiting for it if it is running on another thread).
  class CancelCallback {
   public:
    CancelCallback() = default;
    CancelCallback(CancelCallback&& other) noexcept;
    CancelCallback& operator=(CancelCallback&& other) noexcept;
    CancelCallback(const CancelCallback&) = delete;
    CancelCallback& operator=(const CancelCallback&) = delete;
    ~CancelCallback();

   private:
    friend class RequestContext;
    CancelCallback(std::shared_ptr<Shared> shared, uint64_t id);
    void Reset();
    std::shared_ptr<Shared> shared_;
    uint64_t id_ = 0;
  };

  // `type_name`: the resource type the request is about ("" for provider-level
  // RPCs). `deadline`: when the client stops waiting, if it said.
  explicit RequestContext(std::string rpc, std::string type_name = "",
                          std::optional<Clock::time_point> deadline = std::nullopt);
  ~RequestContext();
  RequestContext(const RequestContext&) = delete;
  RequestContext& operator=(const RequestContext&) = delete;

  const std::string& rpc() const { return rpc_; }
  const std::string& type_name() const { return type_name_; }
  const std::optional<Clock::time_point>& deadline() const { return deadline_; }

  bool cancelled() const;
  CancelCause cancel_cause() const;

  // Runs `fn` once when the request is cancelled: at once, on this thread,
  // if it already is; else on the thread that cancels it. `fn` must be quick
  // and must not call back into this context.
  [[nodiscard]] CancelCallback OnCancel(std::function<void()> fn) const;

  // Sleeps for `d`, or less when the request is cancelled or its deadline
  // passes first. True when the whole time passed.
  bool SleepFor(Clock::duration d) const;

  // Marks the request cancelled (the first cause is kept) and runs the
  // callbacks. The server calls this; provider code has no reason to.
  void Cancel(CancelCause cause);

  // A log line with the RPC and resource type added (tf_rpc,
  // tf_resource_type, as terraform-plugin-log names them).
  void Log(LogLevel level, std::string_view module, std::string_view message,
           std::initializer_list<LogField> fields = {}) const;

 private:
  std::string rpc_;
  std::string type_name_;
  std::optional<Clock::time_point> deadline_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace tfplugin

#endif  // TFPLUGIN_REQUEST_CONTEXT_H_
