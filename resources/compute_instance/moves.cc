// ComputeInstanceResource's MoveFrom and UpgradeFrom hooks: the framework
// decodes, checks and encodes; the translations are move_from_civo.h and
// state_upgrade.h.
#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/compute_instance/move_from_civo.h"
#include "resources/compute_instance/state_upgrade.h"

namespace resources::compute_instance {

void ComputeInstanceResource::MoveFrom(const Context& ctx, const tfplugin::MoveStateRequest& req,
                                       tfplugin::fw::NewState<InstanceConfig>& out,
                                       Diagnostics& diags) {
  MoveInstanceFrom(Session(ctx), req, out.state, out.private_data, diags);
}

bool ComputeInstanceResource::UpgradeFrom(const Context&, int64_t version,
                                          const std::string& raw_json, InstanceConfig& state,
                                          Diagnostics& diags) const {
  return UpgradeInstanceFrom(version, raw_json, state, diags);
}

}  // namespace resources::compute_instance
