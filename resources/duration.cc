#include "resources/duration.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "tfplugin/quote.h"

namespace resources {

absl::StatusOr<std::chrono::milliseconds> ParseTimeout(std::string_view text) {
  absl::Duration d;
  if (text.empty() || !absl::ParseDuration(std::string(text), &d)) {
    return absl::InvalidArgumentError(absl::StrCat(
        tfplugin::QuoteValue(text),
        " is not a duration; write it like \"30m\", \"1h30m\" or \"45s\""));
  }
  if (d == absl::InfiniteDuration() || d <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat(tfplugin::QuoteValue(text), " must be a positive, finite duration"));
  }
  return std::chrono::milliseconds(absl::ToInt64Milliseconds(d));
}

}  // namespace resources
