#include "civoapi/cancel.h"

namespace civoapi {

void CancelToken::Cancel() {
  {
    // Taking the mutex orders the flag with a sleeper's predicate check, so a
    // Cancel() between that check and the wait cannot be missed.
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_.store(true, std::memory_order_release);
  }
  cv_.notify_all();
}

bool CancelToken::SleepFor(std::chrono::milliseconds d) const {
  std::unique_lock<std::mutex> lock(mu_);
  return !cv_.wait_for(lock, d, [this] { return cancelled(); });
}

}  // namespace civoapi
