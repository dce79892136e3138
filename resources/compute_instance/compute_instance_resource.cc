#include "resources/compute_instance/compute_instance_resource.h"

#include "resources/compute_instance/create.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/delete.h"
#include "resources/compute_instance/import.h"
#include "resources/compute_instance/plan.h"
#include "resources/compute_instance/read.h"
#include "resources/compute_instance/spec.h"
#include "resources/compute_instance/update.h"
#include "resources/compute_instance/validate.h"

namespace resources::compute_instance {

ComputeInstanceResource::ComputeInstanceResource(std::shared_ptr<const ProviderContext> context)
    : tfplugin::fw::Component(kTypeName, /*needs_configuration=*/true),
      context_(std::move(context)) {}

const std::string& ComputeInstanceResource::type_name() const {
  return ComputeInstanceTypeName();
}

const tfplugin::Schema& ComputeInstanceResource::schema() const { return ComputeInstanceSchema(); }

void ComputeInstanceResource::Validate(const tfplugin::RequestContext&,
                                       const tfplugin::cty::Value& config,
                                       tfplugin::Diagnostics& diags) const {
  ValidateConfig(config, diags);
}

tfplugin::PlanResponse ComputeInstanceResource::Plan(const tfplugin::RequestContext& ctx,
                                                     const tfplugin::PlanRequest& req,
                                                     tfplugin::Diagnostics& diags) {
  // The framework's rules first: destroy, the config checks again (values
  // unknown at validate may be known now), computed values, the declared
  // replacements.
  tfplugin::fw::PlanResult generic = tfplugin::fw::PlanObject(
      *InstanceObject().spec(), req.prior_state, req.proposed_new_state, req.config, diags);
  if (req.proposed_new_state.is_null() || diags.HasError()) {
    tfplugin::PlanResponse resp;
    resp.planned_state = generic.planned;
    resp.planned_private = req.prior_private;
    return resp;
  }
  return PlanInstance(context_->Session(ctx), req, generic, diags);
}

tfplugin::ApplyResponse ComputeInstanceResource::Apply(const tfplugin::RequestContext& ctx,
                                                       const tfplugin::ApplyRequest& req,
                                                       tfplugin::Diagnostics& diags) {
  const bool destroy = req.planned_state.is_null();
  const bool create = req.prior_state.is_null();
  if (!RequireConfigured(destroy ? "deleted" : create ? "created" : "updated", diags)) {
    tfplugin::ApplyResponse resp;  // nothing changed
    resp.private_data = req.planned_private;
    resp.new_state = req.prior_state;
    return resp;
  }
  const ApiSession session = context_->Session(ctx);
  if (destroy) return DeleteInstance(session, req, diags);
  if (req.prior_state.is_null()) return CreateInstance(session, req, diags);
  return UpdateInstance(session, req, diags);
}

tfplugin::ReadResponse ComputeInstanceResource::Read(const tfplugin::RequestContext& ctx,
                                                     const tfplugin::ReadRequest& req,
                                                     tfplugin::Diagnostics& diags) {
  if (!req.current_state.is_null() && !RequireConfigured("read", diags)) {
    return tfplugin::ReadResponse{req.current_state, req.private_data};
  }
  return ReadInstance(context_->Session(ctx), req, diags);
}

std::vector<tfplugin::ImportedObject> ComputeInstanceResource::Import(
    const tfplugin::RequestContext& ctx, const std::string& id, tfplugin::Diagnostics& diags) {
  if (!RequireConfigured("imported", diags)) return {};
  return ImportInstance(context_->Session(ctx), id, diags);
}

}  // namespace resources::compute_instance
