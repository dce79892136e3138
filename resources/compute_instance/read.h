// ReadResource (refresh): gone → null state; otherwise the fields the API
// reports, so changes made outside Terraform show up as a diff. How the
// config spells references (value vs value_from) is kept as it is.
#ifndef RESOURCES_COMPUTE_INSTANCE_READ_H_
#define RESOURCES_COMPUTE_INSTANCE_READ_H_

#include "civoapi/models.h"
#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/resource.h"

namespace resources::compute_instance {

tfplugin::ReadResponse ReadInstance(const ApiSession& session, const tfplugin::ReadRequest& req,
                                    tfplugin::Diagnostics& diags);

// `state` refreshed from what the API reports (shared with import).
tfplugin::cty::Value RefreshFromApi(const tfplugin::cty::Value& state,
                                    const civoapi::Instance& inst);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_READ_H_
