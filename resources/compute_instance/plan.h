// PlanResourceChange for civo_compute_instance: planned values that
// Terraform accepts (config values as configured, computed values kept when
// nothing feeding them changes, unknown only when they will change), the
// replacement rules judged on resolved ids, and the plan-time API checks.
#ifndef RESOURCES_COMPUTE_INSTANCE_PLAN_H_
#define RESOURCES_COMPUTE_INSTANCE_PLAN_H_

#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/framework/spec.h"
#include "tfplugin/resource.h"

namespace resources::compute_instance {

// After the framework's generic planning (`generic`: never a destroy, the
// config passed its checks): what resolution through the API decides.
tfplugin::PlanResponse PlanInstance(const ApiSession& session, const tfplugin::PlanRequest& req,
                                    const tfplugin::fw::PlanResult& generic,
                                    tfplugin::Diagnostics& diags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_PLAN_H_
