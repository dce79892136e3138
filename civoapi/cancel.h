// Cancellation shared between a caller and every request and wait it starts.
// Cancel() makes in-flight HTTP transfers and waits return kCancelled promptly.
#ifndef CIVOAPI_CANCEL_H_
#define CIVOAPI_CANCEL_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace civoapi {

class CancelToken {
 public:
  void Cancel();
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }
  // Sleeps up to `d`; returns false (early) when cancelled.
  bool SleepFor(std::chrono::milliseconds d) const;

 private:
  std::atomic<bool> cancelled_{false};
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
};

}  // namespace civoapi

#endif  // CIVOAPI_CANCEL_H_
