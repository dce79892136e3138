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
// Near the expected moment E the polls follow one another as closely as
// answers allow (a period apart: the round trip, never less than
// kFinePeriod), and the first is answered half a period after E, so when E
// is right one call sees the change. E is learned as the midpoint of the
// windows in which changes were seen (a poll that missed, the next that saw
// it); a wait whose first poll already sees the change lowers E a little,
// so a change that comes sooner is still found finely. (Polling
// before E as well, to bracket it, cost a call more per wait; waiting
// kFinePeriod after each answer, as at first, made each step a round trip
// longer.)
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

  // `expected`: how long the wait is expected to take from its start, if
  // known, measured by when answers arrive. `round_trip`: how long a poll
  // takes from its request to its answer, if known (else kFinePeriod is
  // assumed).
  explicit PollSchedule(std::optional<ms> expected, std::optional<ms> round_trip = std::nullopt);

  // The pause before the next poll, given the time elapsed since the wait
  // began when the last answer came. Never zero, never more than kCap.
  ms Next(ms elapsed);

  // The period of fine polling: what the moment of a change is known to
  // within, from a poll that missed it and the next.
  ms Resolution() const { return period_; }

  static constexpr ms kFinePeriod{50};  // polls near the expected moment: at most one per period
  static constexpr ms kMinPause{1};
  static constexpr ms kEarly{250};      // polling with nothing learned yet
  static constexpr ms kEarlyPhase{5000};
  static constexpr ms kFineWindow{2000};  // fine polling goes on this long past the expected moment
  static constexpr ms kCap{2000};

 private:
  std::optional<ms> expected_;
  ms round_trip_;
  ms period_;
  ms growing_{kEarly};
};

// Thread-safe record of how long objects stay in a given status, learned
// from completed waits (an exponentially weighted mean per status), and of
// how long a poll takes to be answered.
class StatusDwellTimes {
 public:
  using ms = std::chrono::milliseconds;

  // The key a dwell time is learned under: the kind of object, the status it
  // is waited out of, and what makes that wait longer or shorter (for an
  // instance, its size and image); e.g. "instance:BUILDING:g3.small/ubuntu".
  static std::string DwellKey(const std::string& kind, const std::string& status,
                              const std::string& determined_by);

  std::optional<ms> Expected(const std::string& status) const;
  // `ready_after_last_miss`, `ready_at_first_hit`: the last poll that still
  // saw `status` and the first that saw the target, both as time since the
  // wait began; the change happened somewhere in between, and the midpoint
  // is what is learned. A wait that began from a status seen elsewhere (a
  // create's answer) may see the change at its first poll, with no miss
  // (nullopt): that says little more than "by then", so it counts as a
  // change `resolution` (the schedule's) before.
  void Record(const std::string& status, std::optional<ms> ready_after_last_miss, ms ready_at_first_hit,
              ms resolution);

  // How long a read of the API takes, request to answer (the client
  // records every successful GET).
  std::optional<ms> RoundTrip() const;
  void RecordRoundTrip(ms request_to_answer);

 private:
  mutable std::mutex mu_;
  std::map<std::string, double> mean_ms_;
  std::optional<double> round_trip_ms_;
};

}  // namespace civoapi

#endif  // CIVOAPI_POLL_SCHEDULE_H_
