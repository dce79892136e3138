#include "civoapi/pacer.h"

#include <algorithm>
#include <thread>

namespace civoapi {

namespace {
using std::chrono::duration_cast;
using std::chrono::microseconds;
// After this many requests without a refusal the pace quickens by 1/kProbe.
constexpr int kProbeEvery = 50;
constexpr int kProbe = 50;
constexpr microseconds kMaxInterval{5'000'000};
}  // namespace

bool Pacer::WaitTurn(const CancelToken* cancel, Clock::time_point deadline) {
  Clock::time_point at;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = Clock::now();
    if (interval_.count() == 0 && hold_until_ <= now) return true;  // unpaced: the common case
    at = std::max({now, hold_until_, next_slot_});
    if (at > deadline) return false;
    next_slot_ = at + interval_;
  }
  auto wait = duration_cast<ms>(at - Clock::now());
  if (wait.count() <= 0) return true;
  if (cancel != nullptr) return cancel->SleepFor(wait);
  std::this_thread::sleep_for(wait);
  return true;
}

void Pacer::OnRateLimited(std::optional<std::chrono::seconds> retry_after) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = Clock::now();
  while (!accepted_.empty() && now - accepted_.front() > kWindow) accepted_.pop_front();
  hold_until_ = std::max(hold_until_, now + (retry_after.has_value() ? ms(*retry_after) : ms(1000)));
  // What the server took just before refusing is what it allows: the
  // accepted requests over the window (or over a second, at least, so a
  // first burst the server absorbed is not taken for its steady rate).
  if (accepted_.size() >= 2) {
    const auto span = std::max<Clock::duration>(now - accepted_.front(), std::chrono::seconds(1));
    // 5% under it, so timing jitter does not meet the limit again at once.
    interval_ = duration_cast<microseconds>(span) * 21 / 20 / static_cast<int64_t>(accepted_.size());
  } else {
    interval_ = interval_.count() == 0 ? microseconds(100'000) : interval_ * 3 / 2;
  }
  interval_ = std::min(kMaxInterval, interval_);
  next_slot_ = std::max(next_slot_, hold_until_);
  accepted_since_limit_ = 0;
}

void Pacer::OnAccepted() {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = Clock::now();
  accepted_.push_back(now);
  while (!accepted_.empty() && now - accepted_.front() > kWindow) accepted_.pop_front();
  if (interval_.count() > 0 && ++accepted_since_limit_ % kProbeEvery == 0) {
    interval_ -= interval_ / kProbe;
    if (interval_ < microseconds(1000)) interval_ = microseconds(0);
  }
}

Pacer::ms Pacer::interval() const {
  std::lock_guard<std::mutex> lock(mu_);
  return duration_cast<ms>(interval_);
}

}  // namespace civoapi
