#include "resources/compute_instance/read.h"

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "civoapi/errors.h"
#include "resources/compute_instance/api_errors.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/state_mapping.h"
#include "resources/cty_access.h"

namespace resources::compute_instance {

using tfplugin::Diagnostics;
using tfplugin::cty::Value;

namespace {

constexpr std::chrono::minutes kReadDeadline{5};

// The same items regardless of order: keep the prior order (no spurious
// diff); otherwise the API's.
Value SameSetOrNew(const Value& prior, const std::vector<std::string>& now) {
  auto p = AsStringVector(prior);
  if (p && std::set<std::string>(p->begin(), p->end()) ==
               std::set<std::string>(now.begin(), now.end()) &&
      p->size() == now.size()) {
    return prior;
  }
  return StringList(now);
}

}  // namespace

Value RefreshFromApi(const Value& state, const civoapi::Instance& inst) {
  Value s = WithApiComputed(state, inst);
  if (!inst.hostname.empty()) s = s.WithAttr("instance_name", Value::String(inst.hostname));
  if (!inst.size.empty()) s = s.WithAttr("size", Value::String(inst.size));
  // Tags: the marker is never shown; null stays null while there are none.
  const std::vector<std::string> tags = UserTags(inst.tags);
  const Value& prior_tags = state.Attr("tags");
  if (!(tags.empty() && prior_tags.is_null())) s = s.WithAttr("tags", SameSetOrNew(prior_tags, tags));
  s = s.WithAttr("attached_volume_ids",
                 SameSetOrNew(state.Attr("attached_volume_ids"), inst.volume_ids));
  return s;
}

tfplugin::ReadResponse ReadInstance(const ApiSession& session, const tfplugin::ReadRequest& req,
                                    Diagnostics& diags) {
  tfplugin::ReadResponse resp;
  resp.private_data = req.private_data;
  resp.new_state = req.current_state;
  if (req.current_state.is_null()) return resp;
  const auto id = GetString(req.current_state, "id");
  if (!id.is_known() || id.value.empty()) {
    resp.new_state = Value::Null();
    return resp;
  }
  const auto region = GetString(req.current_state, "region");
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
    resp.new_state = resp.new_state.WithAttr("firewall_ids", FirewallIdsAsRead(inst->firewall_id));
  }
  return resp;
}

}  // namespace resources::compute_instance
