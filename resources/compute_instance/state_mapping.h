// Mapping between what the Civo API reports about an instance and the
// resource's typed state.
#ifndef RESOURCES_COMPUTE_INSTANCE_STATE_MAPPING_H_
#define RESOURCES_COMPUTE_INSTANCE_STATE_MAPPING_H_

#include <string>
#include <vector>

#include "civoapi/models.h"
#include "resources/compute_instance/model.h"

namespace resources::compute_instance {

// `base` with every computed attribute the API reports set from `inst`.
// What the API leaves empty (a password it no longer shows, a disk image id
// it does not report) keeps its value in `base`, or is null where `base` did
// not know it either.
InstanceConfig WithApiComputed(InstanceConfig base, const civoapi::Instance& inst);

// The state after an apply: every wholly known planned value as planned
// (Terraform requires it), the others as the API reports them.
InstanceConfig AfterApply(const InstanceConfig& planned, const civoapi::Instance& inst);

// `state` refreshed from what the API reports (read and import): the
// computed values, and the name, size, tags and attached volumes as they are
// now (lists in the state's order when they hold the same items).
InstanceConfig RefreshFromApi(const InstanceConfig& state, const civoapi::Instance& inst);

// The instance's tags without the create marker.
std::vector<std::string> UserTags(const std::vector<std::string>& api_tags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_STATE_MAPPING_H_
