// ValidateResourceConfig for civo_compute_instance: the static rules of
// SPEC.md, read from the spec table, each failure an error diagnostic on the
// attribute's path. No API calls; unknown values are skipped.
#ifndef RESOURCES_COMPUTE_INSTANCE_VALIDATE_H_
#define RESOURCES_COMPUTE_INSTANCE_VALIDATE_H_

#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"

namespace resources::compute_instance {

void ValidateConfig(const tfplugin::cty::Value& config, tfplugin::Diagnostics& diags);

// The warning text for lists of which Civo uses only the first element.
inline constexpr char kOnlyFirstKeyUsedDetail[] =
    "Civo takes one; the first is used; add more keys through user_data.";
inline constexpr char kOnlyFirstFirewallUsedDetail[] =
    "Civo takes one; the first is used; put all the rules you need into that firewall.";

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_VALIDATE_H_
