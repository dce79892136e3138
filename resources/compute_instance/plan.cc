#include "resources/compute_instance/plan.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/model.h"
#include "resources/compute_instance/resolve.h"
#include "resources/cty_access.h"

namespace resources::compute_instance {

namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

using Str = Maybe<std::string>;

Str IdOrUnknown(const Resolution& r) { return r.known() ? Str::Known(r.id) : Str::Unknown(); }

std::set<std::string> AsSet(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// The size figures: the resolved size's, else unknown.
void PlanSizeFigures(InstanceConfig& m, const ResolvedConfig& r) {
  for (Maybe<int64_t>* f : {&m.cpu_cores, &m.ram_mb, &m.disk_gb}) *f = Maybe<int64_t>::Unknown();
  if (!r.size) return;
  m.cpu_cores = r.size->cpu_cores;
  m.ram_mb = r.size->ram_mb;
  m.disk_gb = r.size->disk_gb;
}

// Computed values of an instance about to be created.
Value PlanCreated(const Value& planned, const ResolvedConfig& r) {
  const InstanceConfig before = InstanceObject().Decode(planned);
  InstanceConfig m = before;
  for (Str* f : {&m.id, &m.instance_id, &m.public_ipv4, &m.private_ipv4, &m.created_at_rfc3339,
                 &m.initial_user}) {
    *f = Str::Unknown();
  }
  m.status = "ACTIVE";
  m.network_id = IdOrUnknown(r.network);
  m.firewall_id = IdOrUnknown(r.firewall);
  m.disk_image_id = IdOrUnknown(r.image);
  if (r.volumes.is_null()) {
    m.attached_volume_ids = std::vector<std::string>{};
  } else {
    m.attached_volume_ids = r.volumes;  // known or unknown
  }
  if (r.reserved_ip.is_null()) {
    m.reserved_ip_address = Str::Null();
  } else if (r.reserved_ip.known() && !r.reserved_ip.address.empty()) {
    m.reserved_ip_address = r.reserved_ip.address;
  } else {
    m.reserved_ip_address = Str::Unknown();
  }
  PlanSizeFigures(m, r);
  return InstanceObject().Merge(planned, before, m);
}

std::string OrEmpty(const Maybe<std::string>& m) { return m.is_known() ? m.value : ""; }

// The replacement rules that need the API (the declared ones ran before, in
// the framework); returns the config paths that force a new instance.
std::vector<AttributePath> ReplacementPaths(const InstanceConfig& c, const InstanceConfig& prior,
                                            const ResolvedConfig& r,
                                            bool can_query, Diagnostics& diags) {
  std::vector<AttributePath> paths;
  auto replace = [&](const char* name) { paths.push_back(AttributePath::Root(name)); };

  // image: by the disk image it resolves to.
  const std::string prior_image_id = OrEmpty(prior.disk_image_id);
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
  const std::string prior_network_id = OrEmpty(prior.network_id);
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
    const Maybe<int64_t>& prior_disk = prior.disk_gb;
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
Value PlanUpdated(const Value& planned, const InstanceConfig& c, const InstanceConfig& prior,
                  const ResolvedConfig& r, bool can_query) {
  const InstanceConfig before = InstanceObject().Decode(planned);
  InstanceConfig m = before;
  m.id = prior.id;
  m.instance_id = prior.instance_id;
  m.private_ipv4 = prior.private_ipv4;
  m.created_at_rfc3339 = prior.created_at_rfc3339;
  m.status = prior.status;
  m.network_id = prior.network_id;
  m.disk_image_id = prior.disk_image_id;
  m.initial_user = prior.initial_user;

  // Size figures follow the size.
  if (c.size.is_known() && c.size.value == OrEmpty(prior.size)) {
    m.cpu_cores = prior.cpu_cores;
    m.ram_mb = prior.ram_mb;
    m.disk_gb = prior.disk_gb;
  } else {
    PlanSizeFigures(m, r);
  }

  // Volumes: unmanaged when null; compared as sets (Civo's order is its own).
  const Maybe<std::vector<std::string>>& prior_vols = prior.attached_volume_ids;
  if (r.volumes.is_null()) {
    m.attached_volume_ids = prior_vols;
  } else if (r.volumes.is_known()) {
    if (prior_vols.is_known() && AsSet(prior_vols.value) == AsSet(r.volumes.value)) {
      m.attached_volume_ids = prior_vols;
    } else {
      m.attached_volume_ids = r.volumes;
    }
  } else if (!can_query && c.volume_ids == prior.volume_ids) {
    m.attached_volume_ids = prior_vols;
  } else {
    m.attached_volume_ids = Maybe<std::vector<std::string>>::Unknown();
  }

  // Reserved IP: null in config and in prior config → not managed here.
  bool ip_may_change = false;
  const Str& prior_addr = prior.reserved_ip_address;
  if (c.reserved_ip.is_null()) {
    if (prior.reserved_ip.is_null()) {
      m.reserved_ip_address = prior_addr;
    } else {
      m.reserved_ip_address = Str::Null();
      ip_may_change = !prior_addr.is_null();
    }
  } else if (r.reserved_ip.known() && !r.reserved_ip.address.empty()) {
    m.reserved_ip_address = r.reserved_ip.address;
    ip_may_change = !(prior_addr.is_known() && prior_addr.value == r.reserved_ip.address);
  } else if (!can_query && c.reserved_ip == prior.reserved_ip) {
    m.reserved_ip_address = prior_addr;
  } else {
    m.reserved_ip_address = Str::Unknown();
    ip_may_change = true;
  }
  // Assigning or releasing a reserved IP changes the public address.
  m.public_ipv4 = ip_may_change ? Str::Unknown() : prior.public_ipv4;
  return InstanceObject().Merge(planned, before, m);
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
  for (AttributePath& p : ReplacementPaths(config, prior, resolved,
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
      PlanUpdated(planned, config, prior, resolved, resolver.can_query());
  const FirewallPlan fw =
      PlanFirewallUpdate(req.config.Attr("firewall_ids"), req.prior_state, req.prior_private,
                         config, prior, resolved.firewall, resolver.can_query());
  resp.planned_state = resp.planned_state.WithAttr("firewall_ids", fw.firewall_ids)
                           .WithAttr("firewall_id", fw.firewall_id);
  resp.planned_private = fw.planned_private;
  return resp;
}

}  // namespace resources::compute_instance
