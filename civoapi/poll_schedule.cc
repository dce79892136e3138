#include "civoapi/poll_schedule.h"

#include <algorithm>
#include <cmath>

namespace civoapi {

PollSchedule::PollSchedule(std::optional<ms> expected, std::optional<ms> round_trip)
    : expected_(expected),
      round_trip_(std::clamp(round_trip.value_or(kFinePeriod), ms(1), kCap)),
      period_(std::max(round_trip_, kFinePeriod)) {}

PollSchedule::ms PollSchedule::Next(ms elapsed) {
  if (expected_.has_value()) {
    // Poll at the cap until the first fine poll, answered half a period
    // after the expected moment (the object may be quicker this time), then
    // on a grid one period apart from it, for a while; if it is later than
    // that, fall back to backing off.
    const ms first = *expected_ + period_ / 2 - round_trip_;
    if (elapsed < first) return std::clamp(first - elapsed, kMinPause, kCap);
    if (elapsed < *expected_ + kFineWindow) {
      // The poll just answered was due about a round trip ago; the next goes
      // at the grid point after the one nearest to it.
      const double sent_slot = static_cast<double>((elapsed - round_trip_ - first).count()) / period_.count();
      const auto next_slot = std::max<int64_t>(0, std::llround(sent_slot) + 1);
      const ms next = first + next_slot * period_;
      return std::clamp(next - elapsed, kMinPause, kCap);
    }
  } else if (elapsed < kEarlyPhase) {
    return kEarly;
  }
  ms next = growing_;
  growing_ = std::min(kCap, growing_ + growing_ / 2);
  return next;
}

std::string StatusDwellTimes::DwellKey(const std::string& kind, const std::string& status,
                                       const std::string& determined_by) {
  return kind + ":" + status + ":" + determined_by;
}

std::optional<StatusDwellTimes::ms> StatusDwellTimes::Expected(const std::string& status) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = mean_ms_.find(status);
  if (it == mean_ms_.end()) return std::nullopt;
  return ms(static_cast<int64_t>(it->second));
}

void StatusDwellTimes::Record(const std::string& status, std::optional<ms> ready_after_last_miss,
                              ms ready_at_first_hit, ms resolution) {
  const double sample = ready_after_last_miss.has_value()
                            ? (ready_after_last_miss->count() + ready_at_first_hit.count()) / 2.0
                            : static_cast<double>((ready_at_first_hit - resolution).count());
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = mean_ms_.try_emplace(status, sample);
  if (!inserted) it->second = 0.7 * it->second + 0.3 * sample;
}

std::optional<StatusDwellTimes::ms> StatusDwellTimes::RoundTrip() const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!round_trip_ms_.has_value()) return std::nullopt;
  return ms(static_cast<int64_t>(*round_trip_ms_));
}

void StatusDwellTimes::RecordRoundTrip(ms request_to_answer) {
  const double sample = static_cast<double>(request_to_answer.count());
  std::lock_guard<std::mutex> lock(mu_);
  round_trip_ms_ = round_trip_ms_.has_value() ? 0.8 * *round_trip_ms_ + 0.2 * sample : sample;
}

}  // namespace civoapi
