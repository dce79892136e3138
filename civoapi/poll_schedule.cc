#include "civoapi/poll_schedule.h"

#include <algorithm>

namespace civoapi {

PollSchedule::ms PollSchedule::Next(ms elapsed) {
  if (expected_.has_value()) {
    // Poll at the cap until shortly before the expected moment (the object
    // may be quicker this time), then finely for a while past it; if it is
    // later than that, fall back to backing off.
    const ms wake = *expected_ - kFine;
    if (elapsed < wake) return std::clamp(wake - elapsed, kFine, kCap);
    if (elapsed < *expected_ + 4 * kEarlyPhase / 5) return kFine;
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

void StatusDwellTimes::Record(const std::string& status, ms ready_after_last_miss, ms ready_at_first_hit) {
  // The midpoint of the window in which the change happened.
  const double sample = (ready_after_last_miss.count() + ready_at_first_hit.count()) / 2.0;
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = mean_ms_.try_emplace(status, sample);
  if (!inserted) it->second = 0.7 * it->second + 0.3 * sample;
}

}  // namespace civoapi
