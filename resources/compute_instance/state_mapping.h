// Mapping between what the Civo API reports about an instance and the
// resource's state object.
#ifndef RESOURCES_COMPUTE_INSTANCE_STATE_MAPPING_H_
#define RESOURCES_COMPUTE_INSTANCE_STATE_MAPPING_H_

#include <string>
#include <vector>

#include "civoapi/models.h"
#include "tfplugin/cty/value.h"

namespace resources::compute_instance {

// `base` with every computed attribute the API reports set from `inst`.
// Attributes the API leaves empty (a password it no longer shows, a disk
// image id it does not report) keep their value in `base`.
tfplugin::cty::Value WithApiComputed(tfplugin::cty::Value base, const civoapi::Instance& inst);

// The state to return after an apply: every wholly known planned attribute
// as planned (Terraform requires it), the others from `observed`, and
// anything still unknown made null so the object is wholly known.
tfplugin::cty::Value MergeKnown(const tfplugin::cty::Value& planned,
                                const tfplugin::cty::Value& observed);

// The instance's tags without the create marker.
std::vector<std::string> UserTags(const std::vector<std::string>& api_tags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_STATE_MAPPING_H_
