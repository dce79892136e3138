// ApplyResourceChange, destroy: release the reserved IP and volumes that are
// still this instance's (after a create_before_destroy handover they belong
// to the new one and are left alone), DELETE, and wait until the API no
// longer finds the instance.
#ifndef RESOURCES_COMPUTE_INSTANCE_DELETE_H_
#define RESOURCES_COMPUTE_INSTANCE_DELETE_H_

#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/resource.h"

namespace resources::compute_instance {

tfplugin::ApplyResponse DeleteInstance(const ApiSession& session,
                                       const tfplugin::ApplyRequest& req,
                                       tfplugin::Diagnostics& diags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_DELETE_H_
