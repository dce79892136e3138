#include "resources/compute_instance/state_mapping.h"

#include <map>

#include "resources/compute_instance/model.h"
#include "resources/compute_instance/declaration.h"
#include "resources/cty_access.h"

namespace resources::compute_instance {

using tfplugin::cty::Value;

namespace {

Maybe<std::string> StringOrNullMaybe(const std::string& s) {
  return s.empty() ? Maybe<std::string>::Null() : Maybe<std::string>::Known(s);
}

}  // namespace

Value WithApiComputed(Value base, const civoapi::Instance& inst) {
  const InstanceConfig before = InstanceObject().Decode(base);
  InstanceConfig m = before;
  // Values the API may leave empty (a password it no longer shows, an image
  // id it does not report) keep what `base` holds.
  auto set_if = [](Maybe<std::string>& field, const std::string& s) {
    if (!s.empty()) field = s;
  };
  auto set_if_positive = [](Maybe<int64_t>& field, int64_t n) {
    if (n > 0) field = n;
  };
  m.id = inst.id;
  m.instance_id = inst.id;
  m.public_ipv4 = StringOrNullMaybe(inst.public_ip);
  m.private_ipv4 = StringOrNullMaybe(inst.private_ip);
  m.status = StringOrNullMaybe(inst.status);
  set_if(m.created_at_rfc3339, inst.created_at);
  set_if(m.network_id, inst.network_id);
  set_if(m.firewall_id, inst.firewall_id);
  m.attached_volume_ids = inst.volume_ids;
  m.reserved_ip_address = StringOrNullMaybe(inst.reserved_ip);
  set_if(m.disk_image_id, inst.disk_image_id);
  set_if(m.initial_user, inst.initial_user);
  set_if_positive(m.cpu_cores, inst.cpu_cores);
  set_if_positive(m.ram_mb, inst.ram_mb);
  set_if_positive(m.disk_gb, inst.disk_gb);
  return InstanceObject().Merge(base, before, m);
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
