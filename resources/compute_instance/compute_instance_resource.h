// civo_compute_instance: the typed hooks of a framework resource. The
// framework does the protocol and the generic work (schema, validation,
// planning rules, the "not configured" guard, decoding, encoding); each
// hook is defined in the file named after it: plan.cc (ModifyPlan),
// create.cc, read.cc, update.cc, delete.cc, import.cc, moves.cc.
#ifndef RESOURCES_COMPUTE_INSTANCE_COMPUTE_INSTANCE_RESOURCE_H_
#define RESOURCES_COMPUTE_INSTANCE_COMPUTE_INSTANCE_RESOURCE_H_

#include <memory>
#include <string>

#include "resources/compute_instance/model.h"
#include "resources/provider_context.h"
#include "tfplugin/framework/resource.h"

namespace resources::compute_instance {

class ComputeInstanceResource final : public tfplugin::fw::Resource<InstanceConfig> {
 public:
  explicit ComputeInstanceResource(std::shared_ptr<const ProviderContext> context);

 protected:
  using Context = tfplugin::fw::Context;
  using Diagnostics = tfplugin::Diagnostics;

  // Resolution through the API: sizes and images checked, references
  // compared by the ids they resolve to, a disk that would shrink, the
  // firewall, the computed values resolution learns.
  void ModifyPlan(const Context& ctx, tfplugin::fw::PlanChange<InstanceConfig>& plan,
                  Diagnostics& diags) override;
  void Create(const Context& ctx, const tfplugin::fw::Change<InstanceConfig>& change,
              tfplugin::fw::NewState<InstanceConfig>& out, Diagnostics& diags) override;
  void ReadState(const Context& ctx, tfplugin::fw::NewState<InstanceConfig>& out,
                 Diagnostics& diags) override;
  void Update(const Context& ctx, const tfplugin::fw::Change<InstanceConfig>& change,
              tfplugin::fw::NewState<InstanceConfig>& out, Diagnostics& diags) override;
  void Delete(const Context& ctx, const tfplugin::fw::Change<InstanceConfig>& change,
              Diagnostics& diags) override;
  void ImportState(const Context& ctx, const std::string& id,
                   tfplugin::fw::NewState<InstanceConfig>& out, Diagnostics& diags) override;

  // A state moved from civo/civo's civo_instance (move_from_civo.h) and
  // states of older schema versions (state_upgrade.h); both in moves.cc.
  void MoveFrom(const Context& ctx, const tfplugin::MoveStateRequest& req,
                tfplugin::fw::NewState<InstanceConfig>& out, Diagnostics& diags) override;
  bool UpgradeFrom(const Context& ctx, int64_t version, const std::string& raw_json,
                   InstanceConfig& state, Diagnostics& diags) const override;

 private:
  // The provider as this request sees it (client, catalogue, cancellation).
  ApiSession Session(const Context& ctx) const { return context_->Session(ctx.request()); }

  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_COMPUTE_INSTANCE_RESOURCE_H_
