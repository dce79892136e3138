// A pacing budget shared by every request of one client, learned from the
// server's 429s.
//
// Why: Civo limits requests per account. Without a shared budget each
// thread discovers the limit on its own: ten threads at Terraform's
// parallelism each send, each get 429, each wait out Retry-After and come
// back together, so the limit is hit again and again and every refusal is a
// wasted request. Here one 429 holds every request of the client until the
// Retry-After moment, and from then on requests are spaced evenly at a
// learned rate (so they do not come back in a herd).
//
// How the rate is learned (additive increase, multiplicative decrease): the
// first refusal sets it to what the server took in the second before it.
// That can be far too low (another process, e.g. Terraform's plan, had just
// spent the account's budget, and this one had sent little), so until the
// next refusal the rate grows by half each second; each later refusal cuts
// it by kCut, after which every accepted request raises it so that it climbs
// by kRampPerSecond each second. A rate learned too low is so left behind
// within seconds instead of being paid for the whole run, and a rate that
// creeps past the limit costs one refusal and one Retry-After hold, during
// which the server's budget refills. Refusals of requests sent
// before a hold began say nothing new and do not cut the rate again, and a
// request whose turn came during a hold that began while it waited queues
// again behind the hold.
#ifndef CIVOAPI_PACER_H_
#define CIVOAPI_PACER_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>

#include "civoapi/cancel.h"

namespace civoapi {

class Pacer {
 public:
  using Clock = std::chrono::steady_clock;
  using ms = std::chrono::milliseconds;

  // Blocks until the request may be sent. False when `cancel` fired or the
  // turn would come after `deadline` (the caller then fails as it would
  // have on its own).
  bool WaitTurn(const CancelToken* cancel, Clock::time_point deadline);
  // A 429: hold everything until Retry-After (or a second), and pace.
  void OnRateLimited(std::optional<std::chrono::seconds> retry_after);
  // Any answer that was not a 429.
  void OnAccepted();

  // The spacing now enforced between requests (zero: unpaced).
  ms interval() const;

  // How far back accepted requests count when the first 429 teaches the rate.
  static constexpr ms kWindow{1000};
  static constexpr double kCut = 0.85;
  static constexpr double kRampPerSecond = 0.25;  // requests/s gained per second
  static constexpr double kProbeGrowthPerSecond = 1.5;  // after the first refusal only
  static constexpr double kMinRate = 0.2;         // requests/s
  static constexpr double kUnpacedAbove = 1000;   // requests/s

 private:
  void SetRate(double rate);

  mutable std::mutex mu_;
  Clock::time_point next_slot_{};
  Clock::time_point hold_until_{};
  uint64_t holds_ = 0;  // refusals that began a hold
  double rate_ = 0;  // requests/s; 0: unpaced
  bool probing_ = false;  // between the first refusal and the second
  std::chrono::microseconds interval_{0};
  std::deque<Clock::time_point> accepted_;  // within kWindow
};

}  // namespace civoapi

#endif  // CIVOAPI_PACER_H_
