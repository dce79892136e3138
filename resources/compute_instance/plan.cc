#include "resources/compute_instance/plan.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/model.h"
#include "resources/compute_instance/resolve.h"
#include "resources/cty_access.h"

namespace resources::compute_instance {

namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

Value IdOrUnknown(const Resolution& r) {
  return r.known() ? Value::String(r.id) : Value::Unknown();
}

std::set<std::string> AsSet(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// Computed values of an instance about to be created.
Value PlanCreated(Value planned, const ResolvedConfig& r) {
  for (const char* name : {"id", "instance_id", "public_ipv4", "private_ipv4",
                           "created_at_rfc3339", "initial_user", "initial_password"}) {
    planned = planned.WithAttr(name, Value::Unknown());
  }
  planned = planned.WithAttr("status", Value::String("ACTIVE"));
  planned = planned.WithAttr("network_id", IdOrUnknown(r.network));
  planned = planned.WithAttr("firewall_id", IdOrUnknown(r.firewall));
  planned = planned.WithAttr("disk_image_id", IdOrUnknown(r.image));
  if (r.volumes.is_null()) {
    planned = planned.WithAttr("attached_volume_ids", Value::List({}));
  } else if (r.volumes.is_known()) {
    planned = planned.WithAttr("attached_volume_ids", StringList(r.volumes.value));
  } else {
    planned = planned.WithAttr("attached_volume_ids", Value::Unknown());
  }
  if (r.reserved_ip.is_null()) {
    planned = planned.WithAttr("reserved_ip_address", Value::Null());
  } else if (r.reserved_ip.known() && !r.reserved_ip.address.empty()) {
    planned = planned.WithAttr("reserved_ip_address", Value::String(r.reserved_ip.address));
  } else {
    planned = planned.WithAttr("reserved_ip_address", Value::Unknown());
  }
  if (r.size) {
    planned = planned.WithAttr("cpu_cores", Value::Int(r.size->cpu_cores));
    planned = planned.WithAttr("ram_mb", Value::Int(r.size->ram_mb));
    planned = planned.WithAttr("disk_gb", Value::Int(r.size->disk_gb));
  } else {
    for (const char* n : {"cpu_cores", "ram_mb", "disk_gb"}) {
      planned = planned.WithAttr(n, Value::Unknown());
    }
  }
  return planned;
}

std::string OrEmpty(const Maybe<std::string>& m) { return m.is_known() ? m.value : ""; }

// The replacement rules that need the API (the declared ones ran before, in
// the framework); returns the config paths that force a new instance.
std::vector<AttributePath> ReplacementPaths(const InstanceConfig& c, const InstanceConfig& prior,
                                            const Value& prior_state, const ResolvedConfig& r,
                                            bool can_query, Diagnostics& diags) {
  std::vector<AttributePath> paths;
  auto replace = [&](const char* name) { paths.push_back(AttributePath::Root(name)); };

  // image: by the disk image it resolves to.
  const std::string prior_image_id = OrEmpty(GetString(prior_state, "disk_image_id"));
  if (c.image.is_unknown()) {
    replace("image");
  } else if (c.image.is_known()) {
    bool same;
    if (r.image.known() && !prior_image_id.empty()) {
      same = r.image.id == prior_image_id;
    } else {
      same = c.image.value == OrEmpty(prior.image) || c.image.value == prior_image_id;
    }
    if (!same && !r.image.failed()) replace("image");
  }

  // network: by the network id it resolves to.
  const std::string prior_network_id = OrEmpty(GetString(prior_state, "network_id"));
  if (r.network.known()) {
    if (r.network.id != prior_network_id) replace("network");
  } else if (!r.network.failed()) {
    const bool same = (!can_query && c.network == prior.network) ||
                      (c.network.form == ValueOrRef::Form::kValue &&
                       c.network.value == prior_network_id);
    if (!same) replace("network");
  }

  // size: in place, unless the new size has a smaller disk.
  if (c.size.is_known() && c.size.value != OrEmpty(prior.size) && r.size) {
    const Maybe<int64_t> prior_disk = GetInt(prior_state, "disk_gb");
    if (prior_disk.is_known() && r.size->disk_gb < prior_disk.value) {
      replace("size");
      diags.AddWarning(
          "Size change replaces the instance",
          absl::StrCat("Civo cannot resize an instance to a size with a smaller disk: \"",
                       c.size.value, "\" has a ", r.size->disk_gb,
                       " GB disk, the instance has ", prior_disk.value, " GB (\"",
                       OrEmpty(prior.size),
                       "\"). The instance will be destroyed and created again with the new "
                       "size."),
          AttributePath::Root("size"));
    }
  }
  return paths;
}

// Computed values of an instance changed in place.
Value PlanUpdated(Value planned, const Value& prior_state, const InstanceConfig& c,
                  const InstanceConfig& prior, const ResolvedConfig& r, bool can_query) {
  auto keep = [&](const char* name) { planned = planned.WithAttr(name, prior_state.Attr(name)); };
  for (const char* name : {"id", "instance_id", "private_ipv4", "created_at_rfc3339", "status",
                           "network_id", "disk_image_id", "initial_user", "initial_password"}) {
    keep(name);
  }

  // Size figures follow the size.
  if (c.size.is_known() && c.size.value == OrEmpty(prior.size)) {
    for (const char* n : {"cpu_cores", "ram_mb", "disk_gb"}) keep(n);
  } else if (r.size) {
    planned = planned.WithAttr("cpu_cores", Value::Int(r.size->cpu_cores));
    planned = planned.WithAttr("ram_mb", Value::Int(r.size->ram_mb));
    planned = planned.WithAttr("disk_gb", Value::Int(r.size->disk_gb));
  } else {
    for (const char* n : {"cpu_cores", "ram_mb", "disk_gb"}) {
      planned = planned.WithAttr(n, Value::Unknown());
    }
  }

  // Volumes: unmanaged when null; compared as sets (Civo's order is its own).
  const Maybe<std::vector<std::string>> prior_vols = GetStringList(prior_state, "attached_volume_ids");
  if (r.volumes.is_null()) {
    keep("attached_volume_ids");
  } else if (r.volumes.is_known()) {
    if (prior_vols.is_known() && AsSet(prior_vols.value) == AsSet(r.volumes.value)) {
      keep("attached_volume_ids");
    } else {
      planned = planned.WithAttr("attached_volume_ids", StringList(r.volumes.value));
    }
  } else if (!can_query && c.volume_ids == prior.volume_ids) {
    keep("attached_volume_ids");
  } else {
    planned = planned.WithAttr("attached_volume_ids", Value::Unknown());
  }

  // Reserved IP: null in config and in prior config → not managed here.
  bool ip_may_change = false;
  const Maybe<std::string> prior_addr = GetString(prior_state, "reserved_ip_address");
  if (c.reserved_ip.is_null()) {
    if (prior.reserved_ip.is_null()) {
      keep("reserved_ip_address");
    } else {
      planned = planned.WithAttr("reserved_ip_address", Value::Null());
      ip_may_change = !prior_addr.is_null();
    }
  } else if (r.reserved_ip.known() && !r.reserved_ip.address.empty()) {
    planned = planned.WithAttr("reserved_ip_address", Value::String(r.reserved_ip.address));
    ip_may_change = !(prior_addr.is_known() && prior_addr.value == r.reserved_ip.address);
  } else if (!can_query && c.reserved_ip == prior.reserved_ip) {
    keep("reserved_ip_address");
  } else {
    planned = planned.WithAttr("reserved_ip_address", Value::Unknown());
    ip_may_change = true;
  }
  // Assigning or releasing a reserved IP changes the public address.
  if (ip_may_change) {
    planned = planned.WithAttr("public_ipv4", Value::Unknown());
  } else {
    keep("public_ipv4");
  }
  return planned;
}

}  // namespace

tfplugin::PlanResponse PlanInstance(const ApiSession& session, const tfplugin::PlanRequest& req,
                                    const tfplugin::fw::PlanResult& generic, Diagnostics& diags) {
  tfplugin::PlanResponse resp;
  resp.planned_private = req.prior_private;
  const bool create = req.prior_state.is_null();
  const InstanceConfig config = ReadInstanceConfig(req.config);
  const InstanceConfig prior = ReadInstanceConfig(req.prior_state);
  Value planned = generic.planned;

  // region: as configured; else the prior value; else the provider's default.
  Maybe<std::string> region = config.region;
  if (region.is_null()) {
    if (!create && prior.region.is_known()) {
      region = prior.region;
    } else if (!session.default_region.empty()) {
      region = Maybe<std::string>::Known(session.default_region);
    } else {
      region = Maybe<std::string>::Unknown();
    }
    planned = planned.WithAttr("region", FromMaybe(region));
  }

  Resolver resolver(session, region);
  const ResolvedConfig resolved = ResolveConfig(resolver, config, diags);
  if (diags.HasError()) {
    resp.planned_state = planned;
    return resp;
  }

  // A new instance (or a replacement): firewall_ids as configured (null
  // included: it is optional+computed), firewall_id the named one's, else
  // whatever Civo will give (unknown).
  const Value created_firewall_ids = req.config.Attr("firewall_ids");
  const std::string created_private = WithFirewallIdsFromApi(req.prior_private, false);
  if (create) {
    resp.planned_state =
        PlanCreated(planned, resolved).WithAttr("firewall_ids", created_firewall_ids);
    resp.planned_private = created_private;
    return resp;
  }
  resp.requires_replace = generic.requires_replace;
  for (AttributePath& p : ReplacementPaths(config, prior, req.prior_state, resolved,
                                           resolver.can_query(), diags)) {
    resp.requires_replace.push_back(std::move(p));
  }
  if (!resp.requires_replace.empty()) {
    // Terraform plans the replacement's create separately (prior null); what
    // this plan says about computed values only has to be honest.
    resp.planned_state =
        PlanCreated(planned, resolved).WithAttr("firewall_ids", created_firewall_ids);
    resp.planned_private = created_private;
    return resp;
  }
  resp.planned_state =
      PlanUpdated(planned, req.prior_state, config, prior, resolved, resolver.can_query());
  const FirewallPlan fw =
      PlanFirewallUpdate(req.config.Attr("firewall_ids"), req.prior_state, req.prior_private,
                         config, prior, resolved.firewall, resolver.can_query());
  resp.planned_state = resp.planned_state.WithAttr("firewall_ids", fw.firewall_ids)
                           .WithAttr("firewall_id", fw.firewall_id);
  resp.planned_private = fw.planned_private;
  return resp;
}

}  // namespace resources::compute_instance
