#include "resources/compute_instance/firewall.h"

#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "resources/cty_access.h"
#include "resources/value_or_ref.h"

namespace resources::compute_instance {

namespace {

using tfplugin::cty::Value;

// The private state is a JSON object (empty: none); this key marks
// `firewall_ids` as read from the API.
constexpr char kFromApiKey[] = "firewall_ids_from_api";

}  // namespace

bool FirewallIdsFromApi(const std::string& private_data) {
  if (private_data.empty()) return false;
  rapidjson::Document d;
  d.Parse(private_data.c_str(), private_data.size());
  if (d.HasParseError() || !d.IsObject()) return false;
  auto it = d.FindMember(kFromApiKey);
  return it != d.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

std::string WithFirewallIdsFromApi(const std::string& private_data, bool from_api) {
  rapidjson::Document d;
  if (!private_data.empty()) d.Parse(private_data.c_str(), private_data.size());
  if (private_data.empty() || d.HasParseError() || !d.IsObject()) d.SetObject();
  d.RemoveMember(kFromApiKey);
  if (from_api) d.AddMember(rapidjson::StringRef(kFromApiKey), true, d.GetAllocator());
  if (d.MemberCount() == 0) return "";
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  d.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

Maybe<std::vector<ValueOrRef>> FirewallIdsAsRead(const std::string& firewall_id) {
  if (firewall_id.empty()) return Maybe<std::vector<ValueOrRef>>::Null();
  ValueOrRef ref;
  ref.form = ValueOrRef::Form::kValue;
  ref.value = firewall_id;
  return Maybe<std::vector<ValueOrRef>>::Known({ref});
}

FirewallPlan PlanFirewallUpdate(const Value& config_firewall_ids, const Value& prior_state,
                                const std::string& prior_private, const InstanceConfig& config,
                                const InstanceConfig& prior, const Resolution& resolved,
                                bool can_query) {
  FirewallPlan out;
  const Value& prior_fw = prior_state.Attr("firewall_id");
  if (!config.FirstFirewall().is_null()) {
    // A firewall is named (or will be): it is the instance's firewall.
    out.firewall_ids = config_firewall_ids;
    out.planned_private = WithFirewallIdsFromApi(prior_private, false);
    if (resolved.known()) {
      out.firewall_id = Value::String(resolved.id);
    } else if (!can_query && config.firewall_ids == prior.firewall_ids) {
      out.firewall_id = prior_fw;
    } else {
      out.firewall_id = Value::Unknown();
    }
    return out;
  }
  // No firewall named. Back to the default only when the prior state holds
  // a firewall that a config named (not one import read from the API).
  const bool prior_named = prior.firewall_ids.is_known() && !prior.firewall_ids.value.empty();
  const bool back_to_default = prior_named && !FirewallIdsFromApi(prior_private);
  if (config_firewall_ids.is_null()) {
    // Optional+computed: null in config leaves the value to the provider.
    out.firewall_ids = back_to_default ? Value::Null() : prior_state.Attr("firewall_ids");
    out.planned_private = prior_private;
  } else {
    out.firewall_ids = config_firewall_ids;  // [] as configured
    out.planned_private = WithFirewallIdsFromApi(prior_private, false);
  }
  // Whatever Civo gave the instance is kept; going back to the default, the
  // API will say which firewall that is.
  out.firewall_id = back_to_default ? Value::Unknown() : prior_fw;
  return out;
}

bool GoesBackToDefaultFirewall(const InstanceConfig& planned_config, const Value& planned) {
  return planned_config.FirstFirewall().is_null() && planned.Attr("firewall_id").is_unknown();
}

}  // namespace resources::compute_instance
