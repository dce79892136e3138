// Stored civo_compute_instance states of older schema versions. Version 1
// removed `initial_password` (SPEC.md: the initial root password is not kept
// in state; the ephemeral resource civo_instance_password reads it), so a
// version 0 state loses it on its first refresh or plan.
#ifndef RESOURCES_COMPUTE_INSTANCE_STATE_UPGRADE_H_
#define RESOURCES_COMPUTE_INSTANCE_STATE_UPGRADE_H_

#include <cstdint>
#include <string>

#include "resources/compute_instance/model.h"
#include "tfplugin/diagnostics.h"

namespace resources::compute_instance {

// The schema version of civo_compute_instance.
//   0: the first release (stored `initial_password`).
//   1: no `initial_password`.
inline constexpr int64_t kInstanceSchemaVersion = 1;

// The resource's UpgradeFrom hook: for an older `version`, fills `state`
// from `raw_json` and returns true (errors in `diags`, naming what could not
// be read); for the current version returns false (the default decoding).
// A version newer than this provider knows is an error.
bool UpgradeInstanceFrom(int64_t version, const std::string& raw_json, InstanceConfig& state,
                         tfplugin::Diagnostics& diags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_STATE_UPGRADE_H_
