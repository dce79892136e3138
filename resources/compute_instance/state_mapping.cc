#include "resources/compute_instance/state_mapping.h"

#include <set>

#include "resources/compute_instance/declaration.h"

namespace resources::compute_instance {

namespace {

using Str = Maybe<std::string>;
using Strings = Maybe<std::vector<std::string>>;

Str StringOrNull(const std::string& s) { return s.empty() ? Str::Null() : Str::Known(s); }

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

InstanceConfig WithApiComputed(InstanceConfig m, const civoapi::Instance& inst) {
  auto set_if = [](Str& field, const std::string& s) {
    if (!s.empty()) {
      field = s;
    } else if (field.is_unknown()) {
      field = Str::Null();
    }
  };
  auto set_if_positive = [](Maybe<int64_t>& field, int64_t n) {
    if (n > 0) {
      field = n;
    } else if (field.is_unknown()) {
      field = Maybe<int64_t>::Null();
    }
  };
  m.id = inst.id;
  m.instance_id = inst.id;
  m.public_ipv4 = StringOrNull(inst.public_ip);
  m.private_ipv4 = StringOrNull(inst.private_ip);
  m.status = StringOrNull(inst.status);
  set_if(m.created_at_rfc3339, inst.created_at);
  set_if(m.network_id, inst.network_id);
  set_if(m.firewall_id, inst.firewall_id);
  m.attached_volume_ids = inst.volume_ids;
  m.reserved_ip_address = StringOrNull(inst.reserved_ip);
  set_if(m.disk_image_id, inst.disk_image_id);
  set_if(m.initial_user, inst.initial_user);
  set_if_positive(m.cpu_cores, inst.cpu_cores);
  set_if_positive(m.ram_mb, inst.ram_mb);
  set_if_positive(m.disk_gb, inst.disk_gb);
  return m;
}

InstanceConfig AfterApply(const InstanceConfig& planned, const civoapi::Instance& inst) {
  return InstanceObject().KeepKnown(planned, WithApiComputed(planned, inst));
}

InstanceConfig RefreshFromApi(const InstanceConfig& state, const civoapi::Instance& inst) {
  InstanceConfig m = WithApiComputed(state, inst);
  if (!inst.hostname.empty()) m.instance_name = inst.hostname;
  if (!inst.size.empty()) m.size = inst.size;
  // Tags: the marker is never shown; null stays null while there are none.
  const std::vector<std::string> tags = UserTags(inst.tags);
  if (!(tags.empty() && state.tags.is_null())) m.tags = SameSetOrNew(state.tags, tags);
  m.attached_volume_ids = SameSetOrNew(state.attached_volume_ids, inst.volume_ids);
  return m;
}

std::vector<std::string> UserTags(const std::vector<std::string>& api_tags) {
  std::vector<std::string> out;
  for (const auto& t : api_tags) {
    if (!IsCreateMarkerTag(t)) out.push_back(t);
  }
  return out;
}

}  // namespace resources::compute_instance
