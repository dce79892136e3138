// civo_compute_instance as a tfplugin::Resource: dispatches each protocol
// operation to the file that does it.
#ifndef RESOURCES_COMPUTE_INSTANCE_COMPUTE_INSTANCE_RESOURCE_H_
#define RESOURCES_COMPUTE_INSTANCE_COMPUTE_INSTANCE_RESOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include "resources/provider_context.h"
#include "tfplugin/framework/context.h"
#include "tfplugin/resource.h"

namespace resources::compute_instance {

// The framework's Component gives the "provider not configured" guard (the
// provider attaches its link); create, read, update, delete and import run
// only behind it.
class ComputeInstanceResource final : public tfplugin::Resource, public tfplugin::fw::Component {
 public:
  explicit ComputeInstanceResource(std::shared_ptr<const ProviderContext> context);

  const std::string& type_name() const override;
  const tfplugin::Schema& schema() const override;
  void Validate(const tfplugin::RequestContext& ctx, const tfplugin::cty::Value& config,
                tfplugin::Diagnostics& diags) const override;
  tfplugin::PlanResponse Plan(const tfplugin::RequestContext& ctx, const tfplugin::PlanRequest& req,
                              tfplugin::Diagnostics& diags) override;
  tfplugin::ApplyResponse Apply(const tfplugin::RequestContext& ctx,
                                const tfplugin::ApplyRequest& req,
                                tfplugin::Diagnostics& diags) override;
  tfplugin::ReadResponse Read(const tfplugin::RequestContext& ctx, const tfplugin::ReadRequest& req,
                              tfplugin::Diagnostics& diags) override;
  std::vector<tfplugin::ImportedObject> Import(const tfplugin::RequestContext& ctx,
                                               const std::string& id,
                                               tfplugin::Diagnostics& diags) override;

  // --- migrate: state moved from civo/civo's civo_instance and states of
  // older schema versions (move_from_civo.h, state_upgrade.h; the bodies are
  // in compute_instance_moves.cc). On fw::Resource these are the MoveFrom and
  // UpgradeFrom hooks (and ResourceOptions.accepts_moved_state/version).
  bool SupportsMoveState() const override { return true; }
  tfplugin::MoveStateResponse MoveState(const tfplugin::RequestContext& ctx,
                                        const tfplugin::MoveStateRequest& req,
                                        tfplugin::Diagnostics& diags) override;
  tfplugin::cty::Value UpgradeState(const tfplugin::RequestContext& ctx, int64_t version,
                                    const std::string& raw_json,
                                    tfplugin::Diagnostics& diags) const override;
  // --- end migrate.

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_COMPUTE_INSTANCE_RESOURCE_H_
