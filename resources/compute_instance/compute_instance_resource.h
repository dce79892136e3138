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

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_COMPUTE_INSTANCE_RESOURCE_H_
