// How long to wait before retrying a transient failure.
#ifndef CIVOAPI_BACKOFF_H_
#define CIVOAPI_BACKOFF_H_

#include <chrono>
#include <optional>

namespace civoapi {

struct BackoffPolicy {
  std::chrono::milliseconds initial{250};
  std::chrono::milliseconds max{10'000};
};

// Exponential (initial * 2^attempt, capped) with "equal jitter": a uniform
// draw in [d/2, d], so concurrent clients spread out but never retry at once.
// A server's Retry-After wins when given: we wait at least that long, plus up
// to 10% so a herd told the same number does not return in lockstep.
// `unit_random` is a uniform draw in [0, 1).
std::chrono::milliseconds BackoffDelay(const BackoffPolicy& p, int attempt,
                                       std::optional<std::chrono::seconds> retry_after,
                                       double unit_random);

}  // namespace civoapi

#endif  // CIVOAPI_BACKOFF_H_
