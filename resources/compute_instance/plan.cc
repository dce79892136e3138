// ModifyPlan: after the framework's generic planning (never a destroy; the
// config passed its checks), what resolution through the API decides:
// sizes and images checked, references compared by the ids they resolve to,
// a size whose disk would shrink replaces the instance, the firewall, and
// the computed values resolution learns. Planned values stay ones Terraform
// accepts: computed values kept when nothing feeding them changes, unknown
// only when they will change.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/resolve.h"

namespace resources::compute_instance {

namespace {

using IC = InstanceConfig;
using Str = Maybe<std::string>;

Str IdOrUnknown(const Resolution& r) { return r.known() ? Str::Known(r.id) : Str::Unknown(); }

std::set<std::string> AsSet(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

// The size figures: the resolved size's, else unknown.
void PlanSizeFigures(IC& m, const ResolvedConfig& r) {
  for (Maybe<int64_t>* f : {&m.cpu_cores, &m.ram_mb, &m.disk_gb}) *f = Maybe<int64_t>::Unknown();
  if (!r.size) return;
  m.cpu_cores = r.size->cpu_cores;
  m.ram_mb = r.size->ram_mb;
  m.disk_gb = r.size->disk_gb;
}

// Computed values of an instance about to be created (or a replacement's:
// Terraform plans its create separately, so these only have to be honest).
void PlanCreated(tfplugin::fw::PlanChange<IC>& plan, const ResolvedConfig& r) {
  IC& m = plan.planned;
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
  // A new instance: firewall_ids as configured (null included: it is
  // optional+computed), firewall_id the named one's, else whatever Civo
  // will give (unknown).
  m.firewall_ids = plan.config.firewall_ids;
  plan.private_data = WithFirewallIdsFromApi(plan.private_data, false);
}

// The replacement rules that need the API (the declared ones ran before, in
// the framework).
void RequireReplacements(tfplugin::fw::PlanChange<IC>& plan, const ResolvedConfig& r,
                         bool can_query, tfplugin::Diagnostics& diags) {
  const IC& c = plan.config;
  const IC& prior = plan.prior;

  // image: by the disk image it resolves to.
  const std::string prior_image_id = OrEmpty(prior.disk_image_id);
  if (c.image.is_unknown()) {
    plan.RequireReplace(PathOf(&IC::image));
  } else if (c.image.is_known()) {
    bool same;
    if (r.image.known() && !prior_image_id.empty()) {
      same = r.image.id == prior_image_id;
    } else {
      same = c.image.value == OrEmpty(prior.image) || c.image.value == prior_image_id;
    }
    if (!same && !r.image.failed()) plan.RequireReplace(PathOf(&IC::image));
  }

  // network: by the network id it resolves to.
  const std::string prior_network_id = OrEmpty(prior.network_id);
  if (r.network.known()) {
    if (r.network.id != prior_network_id) plan.RequireReplace(PathOf(&IC::network));
  } else if (!r.network.failed()) {
    const bool same = (!can_query && c.network == prior.network) ||
                      (c.network.form == ValueOrRef::Form::kValue &&
                       c.network.value == prior_network_id);
    if (!same) plan.RequireReplace(PathOf(&IC::network));
  }

  // size: in place, unless the new size has a smaller disk.
  if (c.size.is_known() && c.size.value != OrEmpty(prior.size) && r.size) {
    const Maybe<int64_t>& prior_disk = prior.disk_gb;
    if (prior_disk.is_known() && r.size->disk_gb < prior_disk.value) {
      plan.RequireReplace(PathOf(&IC::size));
      diags.AddWarning(
          "Size change replaces the instance",
          absl::StrCat("Civo cannot resize an instance to a size with a smaller disk: \"",
                       c.size.value, "\" has a ", r.size->disk_gb,
                       " GB disk, the instance has ", prior_disk.value, " GB (\"",
                       OrEmpty(prior.size),
                       "\"). The instance will be destroyed and created again with the new "
                       "size."),
          PathOf(&IC::size));
    }
  }
}

// Computed values of an instance changed in place.
void PlanUpdated(tfplugin::fw::PlanChange<IC>& plan, const ResolvedConfig& r, bool can_query) {
  const IC& c = plan.config;
  const IC& prior = plan.prior;
  IC& m = plan.planned;
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

  PlanFirewallUpdate(plan, r.firewall, can_query);
}

}  // namespace

void ComputeInstanceResource::ModifyPlan(const Context& ctx,
                                         tfplugin::fw::PlanChange<InstanceConfig>& plan,
                                         Diagnostics& diags) {
  const ApiSession session = Session(ctx);
  // region: as configured; else the prior value; else the provider's default.
  if (plan.config.region.is_null()) {
    if (!plan.create && plan.prior.region.is_known()) {
      plan.planned.region = plan.prior.region;
    } else if (!session.default_region.empty()) {
      plan.planned.region = session.default_region;
    } else {
      plan.planned.region = Str::Unknown();
    }
  }

  Resolver resolver(session, plan.planned.region);
  const ResolvedConfig resolved = ResolveConfig(resolver, plan.config, diags);
  if (diags.HasError()) return;
  if (plan.create) return PlanCreated(plan, resolved);
  RequireReplacements(plan, resolved, resolver.can_query(), diags);
  if (!plan.requires_replace.empty()) return PlanCreated(plan, resolved);
  PlanUpdated(plan, resolved, resolver.can_query());
}

}  // namespace resources::compute_instance
