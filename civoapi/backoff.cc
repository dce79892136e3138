#include "civoapi/backoff.h"

#include <algorithm>

namespace civoapi {

std::chrono::milliseconds BackoffDelay(const BackoffPolicy& p, int attempt,
                                       std::optional<std::chrono::seconds> retry_after,
                                       double unit_random) {
  using std::chrono::milliseconds;
  unit_random = std::clamp(unit_random, 0.0, 1.0);
  if (retry_after.has_value()) {
    auto base = std::chrono::duration_cast<milliseconds>(*retry_after);
    return base + milliseconds(static_cast<int64_t>(static_cast<double>(base.count()) * 0.1 * unit_random));
  }
  int64_t d = std::max<int64_t>(1, p.initial.count());
  for (int i = 0; i < attempt && d < p.max.count(); ++i) d *= 2;
  d = std::min<int64_t>(d, std::max<int64_t>(1, p.max.count()));
  return milliseconds(d / 2 + static_cast<int64_t>(static_cast<double>(d - d / 2) * unit_random));
}

}  // namespace civoapi
