// A keyed cache whose loads are single-flight: when many threads ask for the
// same missing or stale key at once, one loads it and the others wait for
// that result. This is what keeps 100 parallel plans down to a handful of
// catalogue calls. Errors are handed to the waiters of that load but not kept.
#ifndef RESOURCES_SINGLE_FLIGHT_CACHE_H_
#define RESOURCES_SINGLE_FLIGHT_CACHE_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace resources {

template <typename T>
class SingleFlightCache {
 public:
  using Clock = std::chrono::steady_clock;
  using Loader = std::function<absl::StatusOr<T>()>;

  // Returns the cached value for `key` if it is at most `max_age` old, else
  // loads it (or waits for the load another thread has started).
  absl::StatusOr<T> Get(const std::string& key, Clock::duration max_age, const Loader& load) {
    std::unique_lock<std::mutex> lock(mu_);
    Entry& e = entries_[key];
    while (true) {
      if (e.value && Clock::now() - e.fetched_at <= max_age) return *e.value;
      if (!e.loading) break;
      const uint64_t generation = e.generation;
      cv_.wait(lock, [&] { return e.generation != generation; });
      if (!e.last_status.ok()) return e.last_status;
      if (e.value) return *e.value;  // just loaded: fresh by definition
    }
    e.loading = true;
    lock.unlock();
    absl::StatusOr<T> result = load();
    lock.lock();
    e.loading = false;
    ++e.generation;
    if (result.ok()) {
      e.value = *result;
      e.fetched_at = Clock::now();
      e.last_status = absl::OkStatus();
    } else {
      e.last_status = result.status();
    }
    cv_.notify_all();
    return result;
  }

 private:
  struct Entry {
    bool loading = false;
    uint64_t generation = 0;
    std::optional<T> value;
    Clock::time_point fetched_at;
    absl::Status last_status;
  };
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Entry> entries_;
};

}  // namespace resources

#endif  // RESOURCES_SINGLE_FLIGHT_CACHE_H_
