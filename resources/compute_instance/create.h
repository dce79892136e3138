// ApplyResourceChange, create: POST the instance (recognisably, so an
// ambiguous failure never creates twice), wait until ACTIVE, then attach
// volumes and assign the reserved IP. A failure after the POST still returns
// the instance id, so Terraform taints it and nothing leaks.
#ifndef RESOURCES_COMPUTE_INSTANCE_CREATE_H_
#define RESOURCES_COMPUTE_INSTANCE_CREATE_H_

#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/resource.h"

namespace resources::compute_instance {

tfplugin::ApplyResponse CreateInstance(const ApiSession& session,
                                       const tfplugin::ApplyRequest& req,
                                       tfplugin::Diagnostics& diags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_CREATE_H_
