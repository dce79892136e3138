// ComputeInstanceResource's MoveState and UpgradeState: the framework's
// MoveFrom/UpgradeFrom steps (decode, hook, encode, nothing left unknown)
// around move_from_civo.h and state_upgrade.h.
#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/move_from_civo.h"
#include "resources/compute_instance/spec.h"
#include "resources/compute_instance/state_upgrade.h"
#include "resources/cty_access.h"

namespace resources::compute_instance {

tfplugin::MoveStateResponse ComputeInstanceResource::MoveState(
    const tfplugin::RequestContext& ctx, const tfplugin::MoveStateRequest& req,
    tfplugin::Diagnostics& diags) {
  InstanceConfig state = InstanceObject().Decode(NullObject());
  std::string private_data;
  tfplugin::Diagnostics hook;
  MoveInstanceFrom(context_->Session(ctx), req, state, private_data, hook);
  diags.Append(hook);
  if (hook.HasError()) return tfplugin::MoveStateResponse{tfplugin::cty::Value::Null(), ""};
  return tfplugin::MoveStateResponse{UnknownsToNull(InstanceObject().Encode(state)),
                                     std::move(private_data)};
}

tfplugin::cty::Value ComputeInstanceResource::UpgradeState(const tfplugin::RequestContext& ctx,
                                                           int64_t version,
                                                           const std::string& raw_json,
                                                           tfplugin::Diagnostics& diags) const {
  InstanceConfig state{};
  tfplugin::Diagnostics hook;
  if (!UpgradeInstanceFrom(version, raw_json, state, hook)) {
    return tfplugin::Resource::UpgradeState(ctx, version, raw_json, diags);
  }
  diags.Append(hook);
  if (hook.HasError()) return tfplugin::cty::Value::Null();
  return UnknownsToNull(InstanceObject().Encode(state));
}

}  // namespace resources::compute_instance
