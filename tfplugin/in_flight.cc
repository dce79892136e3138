#include "tfplugin/in_flight.h"

#include <chrono>

namespace tfplugin {
namespace {
constexpr std::chrono::milliseconds kWatchInterval{100};
}  // namespace

InFlightRequests::~InFlightRequests() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (watcher_.joinable()) watcher_.join();
}

InFlightRequests::Registration InFlightRequests::Add(RequestContext* ctx,
                                                     grpc::ServerContext* server_ctx) {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t id = next_id_++;
  entries_.emplace(id, Entry{ctx, server_ctx});
  if (server_ctx != nullptr) {
    ++watched_;
    if (!watcher_.joinable()) watcher_ = std::thread([this] { Watch(); });
    cv_.notify_all();
  }
  return Registration(this, id);
}

void InFlightRequests::Remove(uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  if (it->second.server_ctx != nullptr) --watched_;
  entries_.erase(it);
}

size_t InFlightRequests::CancelAll(CancelCause cause) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [id, e] : entries_) e.ctx->Cancel(cause);
  return entries_.size();
}

size_t InFlightRequests::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

void InFlightRequests::Watch() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    if (watched_ == 0) {
      cv_.wait(lock, [this] { return stopping_ || watched_ > 0; });
      continue;
    }
    // Entries are removed only under mu_, before their handler returns, so
    // every ServerContext seen here is alive.
    for (auto& [id, e] : entries_) {
      if (e.server_ctx != nullptr && !e.ctx->cancelled() && e.server_ctx->IsCancelled()) {
        e.ctx->Cancel(CancelCause::kClientGone);
      }
    }
    cv_.wait_for(lock, kWatchInterval, [this] { return stopping_; });
  }
}

std::optional<RequestContext::Clock::time_point> ClientDeadline(
    const grpc::ServerContext* server_ctx) {
  if (server_ctx == nullptr) return std::nullopt;
  const auto deadline = server_ctx->deadline();
  const auto now = std::chrono::system_clock::now();
  // No deadline reads as the far future (gRPC's infinite time).
  if (deadline > now + std::chrono::hours(24 * 365)) return std::nullopt;
  return RequestContext::Clock::now() +
         std::chrono::duration_cast<RequestContext::Clock::duration>(deadline - now);
}

}  // namespace tfplugin
