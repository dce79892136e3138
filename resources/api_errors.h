// Civo API failures as Terraform diagnostics: Civo's code and reason in the
// detail, cancellation (StopProvider) and timeouts said plainly.
#ifndef RESOURCES_API_ERRORS_H_
#define RESOURCES_API_ERRORS_H_

#include <string>

#include "absl/status/status.h"
#include "tfplugin/diagnostics.h"

namespace resources {

void AddApiError(tfplugin::Diagnostics& diags, const std::string& summary, const absl::Status& status,
                 tfplugin::AttributePath path = {});

}  // namespace resources

#endif  // RESOURCES_API_ERRORS_H_
