// ApplyResourceChange, update in place: only the calls the diff needs
// (hostname, tags, resize + wait, firewall, volume attach/detach, reserved IP
// assign/unassign), each judged on resolved ids against the prior computed
// ids, so writing the same object another way makes no call at all.
#ifndef RESOURCES_COMPUTE_INSTANCE_UPDATE_H_
#define RESOURCES_COMPUTE_INSTANCE_UPDATE_H_

#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/resource.h"

namespace resources::compute_instance {

tfplugin::ApplyResponse UpdateInstance(const ApiSession& session,
                                       const tfplugin::ApplyRequest& req,
                                       tfplugin::Diagnostics& diags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_UPDATE_H_
