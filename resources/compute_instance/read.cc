#include "resources/compute_instance/read.h"

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "civoapi/errors.h"
#include "resources/compute_instance/api_errors.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/state_mapping.h"
#include "resources/cty_access.h"

namespace resources::compute_instance {

using tfplugin::Diagnostics;
using tfplugin::cty::Value;

namespace {

constexpr std::chrono::minutes kReadDeadline{5};

using Strings = Maybe<std::vector<std::string>>;

// The same items regardless of order: keep the prior order (no spurious
// diff); otherwise the API's.
Strings SameSetOrNew(const Strings& prior, const std::vector<std::string>& now) {
  if (prior.is_known() && prior.value.size() == now.size() &&
      std::set<std::string>(prior.value.begin(), prior.value.end()) ==
          std::set<std::string>(now.begin(), now.end())) {
    return prior;
  }
  return Strings::Known(now);
}

}  // namespace

Value RefreshFromApi(const Value& state, const civoapi::Instance& inst) {
  const Value s = WithApiComputed(state, inst);
  const InstanceConfig old = InstanceObject().Decode(state);
  const InstanceConfig before = InstanceObject().Decode(s);
  InstanceConfig m = before;
  if (!inst.hostname.empty()) m.instance_name = inst.hostname;
  if (!inst.size.empty()) m.size = inst.size;
  // Tags: the marker is never shown; null stays null while there are none.
  const std::vector<std::string> tags = UserTags(inst.tags);
  if (!(tags.empty() && old.tags.is_null())) m.tags = SameSetOrNew(old.tags, tags);
  m.attached_volume_ids = SameSetOrNew(old.attached_volume_ids, inst.volume_ids);
  return InstanceObject().Merge(s, before, m);
}

tfplugin::ReadResponse ReadInstance(const ApiSession& session, const tfplugin::ReadRequest& req,
                                    Diagnostics& diags) {
  tfplugin::ReadResponse resp;
  resp.private_data = req.private_data;
  resp.new_state = req.current_state;
  if (req.current_state.is_null()) return resp;
  const InstanceConfig current = InstanceObject().Decode(req.current_state);
  const Maybe<std::string>& id = current.id;
  if (!id.is_known() || id.value.empty()) {
    resp.new_state = Value::Null();
    return resp;
  }
  const Maybe<std::string>& region = current.region;
  const civoapi::CallOptions opts = session.Call(
      region.is_known() ? region.value : session.default_region,
      std::chrono::steady_clock::now() + kReadDeadline);
  auto inst = session.client->GetInstance(id.value, opts);
  if (civoapi::IsNotFound(inst.status())) {
    resp.new_state = Value::Null();  // deleted outside Terraform
    return resp;
  }
  if (!inst.ok()) {
    AddApiError(diags, "Could not read the instance", inst.status());
    return resp;
  }
  resp.new_state = RefreshFromApi(req.current_state, *inst);
  // firewall_ids that import read from the API follows the API (firewall.h);
  // configured ones stay as configured, and a drift shows as a diff.
  if (FirewallIdsFromApi(req.private_data)) {
    const InstanceConfig before = InstanceObject().Decode(resp.new_state);
    InstanceConfig after = before;
    after.firewall_ids = FirewallIdsAsRead(inst->firewall_id);
    resp.new_state = InstanceObject().Merge(resp.new_state, before, after);
  }
  return resp;
}

}  // namespace resources::compute_instance
