// Civo API failures as Terraform diagnostics: Civo's code and reason in the
// detail, cancellation (StopProvider) said plainly.
#ifndef RESOURCES_COMPUTE_INSTANCE_API_ERRORS_H_
#define RESOURCES_COMPUTE_INSTANCE_API_ERRORS_H_

#include <string>

#include "absl/status/status.h"
#include "tfplugin/diagnostics.h"

namespace resources::compute_instance {

void AddApiError(tfplugin::Diagnostics& diags, const std::string& summary,
                 const absl::Status& status, tfplugin::AttributePath path = {});

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_API_ERRORS_H_
