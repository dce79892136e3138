// The instance's firewall, per SPEC.md's default-firewall paragraph. The
// Civo API does not say which firewall is a network's default, so nothing
// here needs to know it:
//  - `firewall_ids` names a firewall: the first one is the instance's
//    firewall; an out-of-band change is undone by the next apply.
//  - `firewall_ids` null or empty: the instance keeps whatever firewall Civo
//    gave it (`firewall_id` as read, no diff, out-of-band changes accepted),
//    except right after a config that named a firewall drops it: then the
//    instance goes back to its network's default firewall through the
//    instance firewall call with the value `default`, which Civo documents
//    for that.
//  - import fills `firewall_ids` with the instance's firewall, so a config
//    naming it plans no change, and marks the list in the private state as
//    read from the API rather than configured: while it is, Read keeps it
//    equal to the API's, and a config without `firewall_ids` keeps it (no
//    diff, no call). The mark goes with the first apply of a config that
//    sets `firewall_ids`.
#ifndef RESOURCES_COMPUTE_INSTANCE_FIREWALL_H_
#define RESOURCES_COMPUTE_INSTANCE_FIREWALL_H_

#include <string>

#include "resources/compute_instance/model.h"
#include "resources/compute_instance/resolve.h"
#include "tfplugin/framework/resource.h"

namespace resources::compute_instance {

// What Civo's instance firewall call (`PUT /v2/instances/{id}/firewall`)
// takes to put an instance back on its network's default firewall.
inline constexpr char kDefaultFirewallValue[] = "default";

// Whether the private state marks `firewall_ids` as read from the API.
bool FirewallIdsFromApi(const std::string& private_data);
// `private_data` with that mark set or cleared (other content kept).
std::string WithFirewallIdsFromApi(const std::string& private_data, bool from_api);

// `firewall_ids` as read from the API: the instance's firewall by id, or null.
Maybe<std::vector<ValueOrRef>> FirewallIdsAsRead(const std::string& firewall_id);

// Plans `firewall_ids`, `firewall_id` and the private state of an instance
// changed in place; `resolved` is the first configured firewall's id.
void PlanFirewallUpdate(tfplugin::fw::PlanChange<InstanceConfig>& plan,
                        const Resolution& resolved, bool can_query);

// Whether an update planned as `planned` puts the instance back on its
// network's default firewall (the plan decided so: no firewall named and
// `firewall_id` unknown).
bool GoesBackToDefaultFirewall(const InstanceConfig& planned);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_FIREWALL_H_
