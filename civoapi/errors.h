// Civo API errors as absl::Status values. The status message carries the
// HTTP status, Civo's `code` and `reason`; the structured parts are attached
// as a payload so callers can branch on them without parsing text. Messages
// never contain the API token.
#ifndef CIVOAPI_ERRORS_H_
#define CIVOAPI_ERRORS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"

namespace civoapi {

struct ApiError {
  int http_status = 0;      // 0: no HTTP response (transport error)
  std::string code;         // e.g. "database_instance_find"
  std::string reason;
  std::string details;
  // True when the request may have taken effect although it failed (500,
  // 502, 504, a connection dropped after sending, a timeout).
  bool ambiguous = false;
};

absl::Status MakeApiError(const ApiError& e);
std::optional<ApiError> GetApiError(const absl::Status& s);

// 404, or Civo's *_find / not-found codes.
bool IsNotFound(const absl::Status& s);
// 429, 5xx, connection errors and timeouts.
bool IsTransient(const absl::Status& s);
bool IsCancelled(const absl::Status& s);

}  // namespace civoapi

#endif  // CIVOAPI_ERRORS_H_
