// A pacing budget shared by every request of one client, learned from the
// server's 429s.
//
// Why: Civo limits requests per account. Without a shared budget each
// thread discovers the limit on its own: ten threads at Terraform's
// parallelism each send, each get 429, each wait out Retry-After and come
// back together, so the limit is hit again and again and every refusal is a
// wasted request. Here one 429 holds every request of the client until the
// Retry-After moment, and the rate the server accepted just before the
// refusal becomes the pace of all requests from then on (spaced evenly, so
// they do not come back in a herd). While no refusal comes the pace creeps
// up again, so a limit that was raised or a burst that was transient is not
// paid for ever.
#ifndef CIVOAPI_PACER_H_
#define CIVOAPI_PACER_H_

#include <chrono>
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
  // A 429: hold everything until Retry-After (or a second), and pace at the
  // rate accepted over the last window.
  void OnRateLimited(std::optional<std::chrono::seconds> retry_after);
  // Any answer that was not a 429.
  void OnAccepted();

  // The spacing now enforced between requests (zero: unpaced).
  ms interval() const;

  // How far back accepted requests count when a 429 teaches the rate.
  static constexpr ms kWindow{3000};

 private:
  mutable std::mutex mu_;
  Clock::time_point next_slot_{};
  Clock::time_point hold_until_{};
  std::chrono::microseconds interval_{0};
  std::deque<Clock::time_point> accepted_;  // within kWindow
  int accepted_since_limit_ = 0;
};

}  // namespace civoapi

#endif  // CIVOAPI_PACER_H_
