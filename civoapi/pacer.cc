#include "civoapi/pacer.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace civoapi {

namespace {
using std::chrono::duration_cast;
using std::chrono::microseconds;
}  // namespace

bool Pacer::WaitTurn(const CancelToken* cancel, Clock::time_point deadline) {
  while (true) {
    Clock::time_point at;
    uint64_t holds_seen;
    {
      std::lock_guard<std::mutex> lock(mu_);
      const auto now = Clock::now();
      if (interval_.count() == 0 && hold_until_ <= now) return true;  // unpaced: the common case
      at = std::max({now, hold_until_, next_slot_});
      if (at > deadline) return false;
      next_slot_ = at + interval_;
      holds_seen = holds_;
    }
    auto wait = duration_cast<ms>(at - Clock::now());
    if (wait.count() > 0) {
      if (cancel != nullptr) {
        if (!cancel->SleepFor(wait)) return false;
      } else {
        std::this_thread::sleep_for(wait);
      }
    }
    // A refusal while this request slept: its slot was given out before the
    // server said to hold, so it queues again behind the hold rather than
    // meet the empty budget.
    std::lock_guard<std::mutex> lock(mu_);
    if (holds_ == holds_seen || hold_until_ <= Clock::now()) return true;
  }
}

void Pacer::SetRate(double rate) {
  rate_ = rate > kUnpacedAbove ? 0 : std::max(kMinRate, rate);
  interval_ = rate_ == 0 ? microseconds(0) : microseconds(static_cast<int64_t>(1e6 / rate_));
}

void Pacer::OnRateLimited(std::optional<std::chrono::seconds> retry_after) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = Clock::now();
  // A refusal while holding answers a request sent before the hold: the
  // rate was already cut for it.
  const bool new_refusal = hold_until_ <= now;
  if (new_refusal) ++holds_;
  hold_until_ = std::max(hold_until_, now + (retry_after.has_value() ? ms(*retry_after) : ms(1000)));
  next_slot_ = std::max(next_slot_, hold_until_);
  if (!new_refusal) return;
  if (rate_ == 0) {
    // What the server took in the moment before refusing (5% under it, so
    // timing jitter does not meet the limit again at once).
    while (!accepted_.empty() && now - accepted_.front() > kWindow) accepted_.pop_front();
    const double took = static_cast<double>(accepted_.size()) * 1000.0 / static_cast<double>(kWindow.count());
    SetRate(took * 0.95);
    probing_ = true;
  } else {
    SetRate(rate_ * kCut);
    probing_ = false;
  }
}

void Pacer::OnAccepted() {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = Clock::now();
  if (rate_ == 0) {
    accepted_.push_back(now);
    while (!accepted_.empty() && now - accepted_.front() > kWindow) accepted_.pop_front();
    return;
  }
  // One request at the current rate lasts 1/rate_ seconds: over a second of
  // them the rate grows by kProbeGrowthPerSecond times, or climbs by
  // kRampPerSecond.
  SetRate(probing_ ? rate_ * std::pow(kProbeGrowthPerSecond, 1.0 / rate_) : rate_ + kRampPerSecond / rate_);
}

Pacer::ms Pacer::interval() const {
  std::lock_guard<std::mutex> lock(mu_);
  return duration_cast<ms>(interval_);
}

}  // namespace civoapi
