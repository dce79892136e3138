// Timeout strings as users write them in `timeouts { create = "30m" }`.
#ifndef RESOURCES_DURATION_H_
#define RESOURCES_DURATION_H_

#include <chrono>
#include <string_view>

#include "absl/status/statusor.h"

namespace resources {

// Parses "30m", "1h30m", "45s", "500ms" (Go's time.ParseDuration syntax, as
// Terraform users know it). Rejects zero, negative and infinite durations.
absl::StatusOr<std::chrono::milliseconds> ParseTimeout(std::string_view text);

}  // namespace resources

#endif  // RESOURCES_DURATION_H_
