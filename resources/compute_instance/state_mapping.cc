#include "resources/compute_instance/state_mapping.h"

#include <map>

#include "resources/compute_instance/model.h"
#include "resources/compute_instance/declaration.h"
#include "resources/cty_access.h"

namespace resources::compute_instance {

using tfplugin::cty::Value;

Value WithApiComputed(Value base, const civoapi::Instance& inst) {
  auto set = [&](const char* name, Value v) { base = base.WithAttr(name, std::move(v)); };
  auto set_if = [&](const char* name, const std::string& s) {
    if (!s.empty()) set(name, Value::String(s));
  };
  set("id", Value::String(inst.id));
  set("instance_id", Value::String(inst.id));
  set("public_ipv4", StringOrNull(inst.public_ip));
  set("private_ipv4", StringOrNull(inst.private_ip));
  set("status", StringOrNull(inst.status));
  set_if("created_at_rfc3339", inst.created_at);
  set_if("network_id", inst.network_id);
  set_if("firewall_id", inst.firewall_id);
  set("attached_volume_ids", StringList(inst.volume_ids));
  set("reserved_ip_address", StringOrNull(inst.reserved_ip));
  set_if("disk_image_id", inst.disk_image_id);
  set_if("initial_user", inst.initial_user);
  set_if("initial_password", inst.initial_password);
  if (inst.cpu_cores > 0) set("cpu_cores", Value::Int(inst.cpu_cores));
  if (inst.ram_mb > 0) set("ram_mb", Value::Int(inst.ram_mb));
  if (inst.disk_gb > 0) set("disk_gb", Value::Int(inst.disk_gb));
  return base;
}

Value MergeKnown(const Value& planned, const Value& observed) {
  std::map<std::string, Value> out;
  for (const auto& a : InstanceObject().spec()->attributes) {
    const Value& p = planned.Attr(a.name);
    if (p.IsWhollyKnown()) {
      out.emplace(a.name, p);
      continue;
    }
    const Value& o = observed.Attr(a.name);
    out.emplace(a.name, o.IsWhollyKnown() ? o : UnknownsToNull(p));
  }
  return Value::Object(std::move(out));
}

std::vector<std::string> UserTags(const std::vector<std::string>& api_tags) {
  std::vector<std::string> out;
  for (const auto& t : api_tags) {
    if (!IsCreateMarkerTag(t)) out.push_back(t);
  }
  return out;
}

}  // namespace resources::compute_instance
