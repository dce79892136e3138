// A keyed cache whose loads are single-flight: when many threads ask for the
// same missing or stale key at once, one loads it and the others wait for
// that result. This is what keeps 100 parallel plans down to a handful of
// catalogue calls. Errors are handed to the waiters of that load but not kept.
//
// A SingleFlightCache is a handle: copies share the same entries (so each
// request can hold its own view of the provider's caches).
//
// Failure rules, so no caller ever waits forever:
// - a load that throws still ends the load: its waiters are woken and get an
//   error, and the exception goes on to the loader's caller;
// - a load that was cancelled or ran out of time failed for its own caller
//   only: its waiters wake and try again (one of them loads);
// - a waiter stops waiting when its own cancel token fires or its deadline
//   passes, whatever the load it waits for is doing.
#ifndef RESOURCES_SINGLE_FLIGHT_CACHE_H_
#define RESOURCES_SINGLE_FLIGHT_CACHE_H_

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civoapi/cancel.h"

namespace resources {

// How long a caller is willing to wait for another caller's load.
struct WaitLimits {
  const civoapi::CancelToken* cancel = nullptr;  // may be null
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

template <typename T>
class SingleFlightCache {
 public:
  using Clock = std::chrono::steady_clock;
  using Loader = std::function<absl::StatusOr<T>()>;

  SingleFlightCache() : state_(std::make_shared<State>()) {}

  // Whether a value for `key` at most `max_age` old is held (no waiting).
  bool Holds(const std::string& key, Clock::duration max_age) const {
    std::lock_guard<std::mutex> lock(state_->mu);
    auto it = state_->entries.find(key);
    return it != state_->entries.end() && it->second.value && Clock::now() - it->second.fetched_at <= max_age;
  }

  // Returns the cached value for `key` if it is at most `max_age` old, else
  // loads it (or waits for the load another thread has started).
  absl::StatusOr<T> Get(const std::string& key, Clock::duration max_age, const WaitLimits& limits,
                        const Loader& load) {
    State& s = *state_;
    std::unique_lock<std::mutex> lock(s.mu);
    Entry& e = s.entries[key];
    while (true) {
      if (e.value && Clock::now() - e.fetched_at <= max_age) return *e.value;
      if (!e.loading) break;
      const uint64_t generation = e.generation;
      // In slices: a waiter's cancel token cannot wake this condition variable.
      while (e.generation == generation) {
        if (limits.cancel != nullptr && limits.cancel->cancelled()) {
          return absl::CancelledError("cancelled while waiting for a catalogue load");
        }
        const Clock::time_point now = Clock::now();
        if (now >= limits.deadline) {
          return absl::DeadlineExceededError("timed out waiting for a catalogue load");
        }
        s.cv.wait_until(lock, std::min(limits.deadline, now + kWaitSlice));
      }
      if (e.last_status.ok() && e.value) return *e.value;  // just loaded: fresh by definition
      if (!FailedForItsCallerOnly(e.last_status)) return e.last_status;
      // Else loop: load again (or wait for whoever started to).
    }
    e.loading = true;
    lock.unlock();
    absl::StatusOr<T> result = absl::UnknownError("load did not run");
    try {
      result = load();
    } catch (const std::exception& ex) {
      Finish(s, e, absl::InternalError(std::string("the load failed: ") + ex.what()));
      throw;
    } catch (...) {
      Finish(s, e, absl::InternalError("the load failed"));
      throw;
    }
    Finish(s, e, result);
    return result;
  }

  static constexpr std::chrono::milliseconds kWaitSlice{50};

 private:
  struct Entry {
    bool loading = false;
    uint64_t generation = 0;
    std::optional<T> value;
    Clock::time_point fetched_at;
    absl::Status last_status;
  };
  struct State {
    std::mutex mu;
    std::condition_variable cv;
    std::map<std::string, Entry> entries;  // never erased: references stay valid
  };

  // Cancellation and deadlines belong to the request that loaded.
  static bool FailedForItsCallerOnly(const absl::Status& s) {
    return s.code() == absl::StatusCode::kCancelled ||
           s.code() == absl::StatusCode::kDeadlineExceeded;
  }

  static void Finish(State& s, Entry& e, const absl::StatusOr<T>& result) {
    {
      std::lock_guard<std::mutex> lock(s.mu);
      e.loading = false;
      ++e.generation;
      if (result.ok()) {
        e.value = *result;
        e.fetched_at = Clock::now();
        e.last_status = absl::OkStatus();
      } else {
        e.last_status = result.status();
      }
    }
    s.cv.notify_all();
  }

  std::shared_ptr<State> state_;
};

}  // namespace resources

#endif  // RESOURCES_SINGLE_FLIGHT_CACHE_H_
