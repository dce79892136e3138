// When to poll next while waiting for an object to change status.
//
// Why this exists: a wait that polls on a fixed geometric schedule notices a
// finished build late (up to half the current interval), and a caller that
// creates many instances, a batch at a time, pays that lateness once per batch. The API gives no
// completion time, so the client learns how long objects stay in a status
// (StatusDwellTimes) and a schedule polls finely around the expected
// moment. Without a learned time it polls every 250 ms for the first seconds
// (fast builds are noticed promptly), then backs off to a cap (long builds
// cost one call per cap, not a flood).
//
// What is learned only ever makes polling finer: no pause is longer than
// kCap, whatever was learned, so an object that is much quicker than the
// last one (another size, another image, a quieter moment) is still noticed
// within kCap. Learned times are kept per status and per what the caller
// says determines them (DwellKey), so one size or image does not teach
// another.
#ifndef CIVOAPI_POLL_SCHEDULE_H_
#define CIVOAPI_POLL_SCHEDULE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace civoapi {

class PollSchedule {
 public:
  using ms = std::chrono::milliseconds;

  // `expected`: how long the wait is expected to take from its start, if known.
  explicit PollSchedule(std::optional<ms> expected) : expected_(expected) {}

  // The pause before the next poll, given the time elapsed since the wait
  // began. Never zero, never more than kCap.
  ms Next(ms elapsed);

  static constexpr ms kFine{50};      // polling near the expected moment
  static constexpr ms kEarly{250};     // polling with nothing learned yet
  static constexpr ms kEarlyPhase{5000};
  static constexpr ms kCap{2000};

 private:
  std::optional<ms> expected_;
  ms growing_{kEarly};
};

// Thread-safe record of how long objects stay in a given status, learned
// from completed waits (an exponentially weighted mean per status).
class StatusDwellTimes {
 public:
  using ms = std::chrono::milliseconds;

  // The key a dwell time is learned under: the kind of object, the status it
  // is waited out of, and what makes that wait longer or shorter (for an
  // instance, its size and image); e.g. "instance:BUILDING:g3.small/ubuntu".
  static std::string DwellKey(const std::string& kind, const std::string& status,
                              const std::string& determined_by);

  std::optional<ms> Expected(const std::string& status) const;
  // `ready_between_*`: the last poll that still saw `status` and the first
  // that saw the target, both as time since the wait began; the change
  // happened somewhere in between.
  void Record(const std::string& status, ms ready_after_last_miss, ms ready_at_first_hit);

 private:
  mutable std::mutex mu_;
  std::map<std::string, double> mean_ms_;
};

}  // namespace civoapi

#endif  // CIVOAPI_POLL_SCHEDULE_H_
