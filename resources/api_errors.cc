#include "resources/api_errors.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"

namespace resources {

void AddApiError(tfplugin::Diagnostics& diags, const std::string& summary, const absl::Status& status,
                 tfplugin::AttributePath path) {
  std::string detail;
  if (civoapi::IsCancelled(status)) {
    detail = "The operation was cancelled (Terraform asked the provider to stop).";
  } else if (status.code() == absl::StatusCode::kDeadlineExceeded) {
    detail = absl::StrCat("The operation did not finish within its timeout: ", status.message());
  } else {
    // civoapi's messages carry the HTTP status, Civo's code and reason, and
    // never the token.
    detail = std::string(status.message());
  }
  diags.AddError(summary, detail, std::move(path));
}

}  // namespace resources
