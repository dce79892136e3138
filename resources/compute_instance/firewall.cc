#include "resources/compute_instance/firewall.h"

#include "tfplugin/framework/private_state.h"

namespace resources::compute_instance {

namespace {

// The private state's flag that marks `firewall_ids` as read from the API.
constexpr char kFromApiKey[] = "firewall_ids_from_api";

}  // namespace

bool FirewallIdsFromApi(const std::string& private_data) {
  return tfplugin::fw::PrivateFlag(private_data, kFromApiKey);
}

std::string WithFirewallIdsFromApi(const std::string& private_data, bool from_api) {
  return tfplugin::fw::WithPrivateFlag(private_data, kFromApiKey, from_api);
}

Maybe<std::vector<ValueOrRef>> FirewallIdsAsRead(const std::string& firewall_id) {
  if (firewall_id.empty()) return Maybe<std::vector<ValueOrRef>>::Null();
  return Maybe<std::vector<ValueOrRef>>::Known({ValueOrRef::Id(firewall_id)});
}

void PlanFirewallUpdate(tfplugin::fw::PlanChange<InstanceConfig>& plan,
                        const Resolution& resolved, bool can_query) {
  const InstanceConfig& config = plan.config;
  const InstanceConfig& prior = plan.prior;
  InstanceConfig& planned = plan.planned;
  if (!config.FirstFirewall().is_null()) {
    // A firewall is named (or will be): it is the instance's firewall.
    planned.firewall_ids = config.firewall_ids;
    plan.private_data = WithFirewallIdsFromApi(plan.private_data, false);
    if (resolved.known()) {
      planned.firewall_id = resolved.id;
    } else if (!can_query && config.firewall_ids == prior.firewall_ids) {
      planned.firewall_id = prior.firewall_id;
    } else {
      planned.firewall_id = Maybe<std::string>::Unknown();
    }
    return;
  }
  // No firewall named. Back to the default only when the prior state holds
  // a firewall that a config named (not one import read from the API).
  const bool prior_named = prior.firewall_ids.is_known() && !prior.firewall_ids.value.empty();
  const bool back_to_default = prior_named && !FirewallIdsFromApi(plan.private_data);
  if (config.firewall_ids.is_null()) {
    // Optional+computed: null in config leaves the value to the provider.
    planned.firewall_ids = back_to_default ? Maybe<std::vector<ValueOrRef>>::Null()
                                           : prior.firewall_ids;
  } else {
    planned.firewall_ids = config.firewall_ids;  // [] as configured
    plan.private_data = WithFirewallIdsFromApi(plan.private_data, false);
  }
  // Whatever Civo gave the instance is kept; going back to the default, the
  // API will say which firewall that is.
  planned.firewall_id = back_to_default ? Maybe<std::string>::Unknown() : prior.firewall_id;
}

bool GoesBackToDefaultFirewall(const InstanceConfig& planned) {
  return planned.FirstFirewall().is_null() && planned.firewall_id.is_unknown();
}

}  // namespace resources::compute_instance
