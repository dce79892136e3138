// ReadResource (refresh): gone → removed from state; otherwise the fields
// the API reports, so changes made outside Terraform show up as a diff. How
// the config spells references (value vs value_from) is kept as it is.
#include <chrono>

#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/state_mapping.h"

namespace resources::compute_instance {

namespace {

constexpr std::chrono::minutes kReadDeadline{5};

}  // namespace

void ComputeInstanceResource::ReadState(const Context& ctx,
                                        tfplugin::fw::NewState<InstanceConfig>& out,
                                        Diagnostics& diags) {
  const Maybe<std::string>& id = out.state.id;
  if (!id.is_known() || id.value.empty()) {
    out.gone = true;
    return;
  }
  const ApiSession session = Session(ctx);
  const Maybe<std::string>& region = out.state.region;
  const civoapi::CallOptions opts =
      session.Call(region.is_known() ? region.value : session.default_region,
                   std::chrono::steady_clock::now() + kReadDeadline);
  auto inst = session.client->GetInstance(id.value, opts);
  if (civoapi::IsNotFound(inst.status())) {
    out.gone = true;  // deleted outside Terraform
    return;
  }
  if (!inst.ok()) {
    AddApiError(diags, "Could not read the instance", inst.status());
    return;
  }
  out.state = RefreshFromApi(out.state, *inst);
  // firewall_ids that import read from the API follows the API (firewall.h);
  // configured ones stay as configured, and a drift shows as a diff.
  if (FirewallIdsFromApi(out.private_data)) out.state.firewall_ids = FirewallIdsAsRead(inst->firewall_id);
}

}  // namespace resources::compute_instance
