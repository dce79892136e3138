#include "tfplugin/request_context.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <vector>

namespace tfplugin {

// What the context and its callback handles share. Callbacks run with `mu`
// held, so unregistering (which takes `mu`) waits for a running callback and
// no callback runs after its handle is gone.
struct RequestContext::Shared {
  std::mutex mu;
  std::condition_variable cv;
  CancelCause cause = CancelCause::kNone;  // guarded by mu
  uint64_t next_id = 1;
  std::map<uint64_t, std::function<void()>> callbacks;
};

std::string_view CancelCauseText(CancelCause cause) {
  switch (cause) {
    case CancelCause::kNone: return "not cancelled";
    case CancelCause::kStopProvider: return "Terraform asked the provider to stop";
    case CancelCause::kClientGone: return "Terraform stopped waiting for the request";
    case CancelCause::kShutdown: return "the provider is shutting down";
  }
  return "cancelled";
}

RequestContext::CancelCallback::CancelCallback(std::shared_ptr<Shared> shared, uint64_t id)
    : shared_(std::move(shared)), id_(id) {}

RequestContext::CancelCallback::CancelCallback(CancelCallback&& other) noexcept
    : shared_(std::move(other.shared_)), id_(other.id_) {
  other.id_ = 0;
}

RequestContext::CancelCallback& RequestContext::CancelCallback::operator=(
    CancelCallback&& other) noexcept {
  if (this != &other) {
    Reset();
    shared_ = std::move(other.shared_);
    id_ = other.id_;
    other.id_ = 0;
  }
  return *this;
}

RequestContext::CancelCallback::~CancelCallback() { Reset(); }

void RequestContext::CancelCallback::Reset() {
  if (shared_ != nullptr) {
    std::lock_guard<std::mutex> lock(shared_->mu);
    shared_->callbacks.erase(id_);
  }
  shared_.reset();
  id_ = 0;
}

RequestContext::RequestContext(std::string rpc, std::string type_name,
                               std::optional<Clock::time_point> deadline)
    : rpc_(std::move(rpc)),
      type_name_(std::move(type_name)),
      deadline_(deadline),
      shared_(std::make_shared<Shared>()) {}

RequestContext::~RequestContext() = default;

bool RequestContext::cancelled() const { return cancel_cause() != CancelCause::kNone; }

CancelCause RequestContext::cancel_cause() const {
  std::lock_guard<std::mutex> lock(shared_->mu);
  return shared_->cause;
}

RequestContext::CancelCallback RequestContext::OnCancel(std::function<void()> fn) const {
  {
    std::lock_guard<std::mutex> lock(shared_->mu);
    if (shared_->cause == CancelCause::kNone) {
      uint64_t id = shared_->next_id++;
      shared_->callbacks.emplace(id, std::move(fn));
      return CancelCallback(shared_, id);
    }
  }
  fn();  // already cancelled
  return CancelCallback();
}

bool RequestContext::SleepFor(Clock::duration d) const {
  Clock::time_point until = Clock::now() + d;
  bool cut_by_deadline = deadline_.has_value() && *deadline_ < until;
  if (cut_by_deadline) until = *deadline_;
  std::unique_lock<std::mutex> lock(shared_->mu);
  bool cancelled =
      shared_->cv.wait_until(lock, until, [this] { return shared_->cause != CancelCause::kNone; });
  return !cancelled && !cut_by_deadline;
}

void RequestContext::Cancel(CancelCause cause) {
  if (cause == CancelCause::kNone) return;
  {
    std::lock_guard<std::mutex> lock(shared_->mu);
    if (shared_->cause != CancelCause::kNone) return;
    shared_->cause = cause;
    for (auto& [id, fn] : shared_->callbacks) {
      try {
        fn();
      } catch (...) {
        // A callback that throws must not stop the others (nor unwind into
        // the server's watcher thread).
      }
    }
    shared_->callbacks.clear();
  }
  shared_->cv.notify_all();
}

void RequestContext::Log(LogLevel level, std::string_view module, std::string_view message,
                         std::initializer_list<LogField> fields) const {
  if (!LogEnabled(level)) return;
  std::vector<LogField> all(fields);
  all.emplace_back("tf_rpc", rpc_);
  if (!type_name_.empty()) all.emplace_back("tf_resource_type", type_name_);
  tfplugin::Log(level, module, message, all);
}

}  // namespace tfplugin
