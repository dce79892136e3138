// Migration from the official provider (SPEC.md, "Migration from the
// official provider"): a `moved { from = civo_instance.x  to =
// civo_compute_instance.x }` block hands MoveResourceState the stored JSON of
// a `registry.terraform.io/civo/civo` `civo_instance` (schema version 0, an
// SDKv2 resource); this translates it into a civo_compute_instance state
// whose next plan is empty for the equivalent configuration (docs/migrating.md
// lists it attribute by attribute). The translation is pure: what only the
// API can tell (which reserved IP an address belongs to) comes in through
// MoveInputs.
#ifndef RESOURCES_COMPUTE_INSTANCE_MOVE_FROM_CIVO_H_
#define RESOURCES_COMPUTE_INSTANCE_MOVE_FROM_CIVO_H_

#include <functional>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "resources/compute_instance/model.h"
#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/resource.h"

namespace resources::compute_instance {

// The official provider's resource type, and the only schema version it has
// ever had (it declares no SchemaVersion).
inline constexpr char kOfficialInstanceType[] = "civo_instance";
inline constexpr int64_t kOfficialInstanceSchemaVersion = 0;

// Whether `address` is the official provider's (registry.terraform.io/civo/civo,
// or registry.opentofu.org/civo/civo for OpenTofu).
bool IsOfficialCivoProvider(absl::string_view address);

struct MoveInputs {
  // The provider's region, used when the source stored none; "" unknown.
  std::string default_region;
  // The id of the reserved IP with this address in this region (for a
  // `reserved_ipv4` written as an address); "" when none has it, nullopt
  // when it cannot be told. May be empty (no lookup).
  std::function<std::optional<std::string>(const std::string& address, const std::string& region)>
      reserved_ip_by_address;
};

struct MovedInstance {
  InstanceConfig state;
  std::string private_data;
};

// The civo_compute_instance state for the moved object, or nullopt with an
// error naming the source attribute (or the unsupported source). Source
// attributes this resource does not manage (`notes`, `reverse_dns`, ...)
// with a non-default value are warnings saying so; `initial_password` is
// never carried over.
std::optional<MovedInstance> MoveFromCivoInstance(const tfplugin::MoveStateRequest& req,
                                                  const MoveInputs& inputs,
                                                  tfplugin::Diagnostics& diags);

// The resource's MoveFrom hook: MoveFromCivoInstance with the provider's
// region and, when configured, its reserved IPs. Fills `state` and
// `private_data` (as fw::Resource<InstanceConfig>::MoveFrom does).
void MoveInstanceFrom(const ApiSession& session, const tfplugin::MoveStateRequest& req,
                      InstanceConfig& state, std::string& private_data,
                      tfplugin::Diagnostics& diags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_MOVE_FROM_CIVO_H_
