// The replacement rules of civo_compute_instance that a declaration can
// say: plan modifiers the framework runs (declaration.cc attaches them;
// region's is every kind's, resources/region_attribute.h).
// The rules that need the API (image and network compared by the id they
// resolve to, a size whose disk would shrink) are in plan.cc.
#ifndef RESOURCES_COMPUTE_INSTANCE_REPLACEMENT_H_
#define RESOURCES_COMPUTE_INSTANCE_REPLACEMENT_H_

#include "tfplugin/framework/plan_modifiers.h"

namespace resources::compute_instance {

// ssh_key_ids: Civo takes the first key at create only.
tfplugin::fw::PlanModifierPtr ReplaceWhenFirstItemChanges();
// user_data: runs at first boot only; null and "" are the same script (none).
tfplugin::fw::PlanModifierPtr ReplaceWhenScriptChanges();

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_REPLACEMENT_H_
