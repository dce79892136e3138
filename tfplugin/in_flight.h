// The requests a ProviderService is serving right now. StopProvider cancels
// every one of them (and only them: later requests start afresh), and a
// watcher thread cancels a request whose client has gone away. The sync gRPC
// server offers no callback for that, but ServerContext::IsCancelled is
// documented thread-safe for sync calls, so the watcher polls it (every
// 100 ms, and only while requests are in flight).
#ifndef TFPLUGIN_IN_FLIGHT_H_
#define TFPLUGIN_IN_FLIGHT_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <grpcpp/server_context.h>

#include "tfplugin/request_context.h"

namespace tfplugin {

class InFlightRequests {
 public:
  InFlightRequests() = default;
  ~InFlightRequests();  // stops the watcher; no request may still be registered
  InFlightRequests(const InFlightRequests&) = delete;
  InFlightRequests& operator=(const InFlightRequests&) = delete;

  // Keeps one request registered; unregisters on destruction, which must
  // happen before the handler returns (the ServerContext dies after that).
  class Registration {
   public:
    Registration(InFlightRequests* owner, uint64_t id) : owner_(owner), id_(id) {}
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    ~Registration() { owner_->Remove(id_); }

   private:
    InFlightRequests* owner_;
    uint64_t id_;
  };

  // `server_ctx` may be null (handlers called directly, as tests do): such a
  // request is cancelled only by CancelAll.
  [[nodiscard]] Registration Add(RequestContext* ctx, grpc::ServerContext* server_ctx);
  // Cancels every request in flight now; returns how many there were.
  size_t CancelAll(CancelCause cause);
  size_t size() const;

 private:
  struct Entry {
    RequestContext* ctx;
    grpc::ServerContext* server_ctx;
  };
  void Remove(uint64_t id);
  void Watch();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<uint64_t, Entry> entries_;  // guarded by mu_
  uint64_t next_id_ = 1;
  size_t watched_ = 0;  // entries with a ServerContext
  bool stopping_ = false;
  std::thread watcher_;  // started with the first watched request
};

// The client's deadline as a steady-clock time, if it set one.
std::optional<RequestContext::Clock::time_point> ClientDeadline(
    const grpc::ServerContext* server_ctx);

}  // namespace tfplugin

#endif  // TFPLUGIN_IN_FLIGHT_H_
