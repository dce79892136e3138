// Update: the in-place changes a plan holds (rename, tags, resize,
// firewall, volumes, reserved IP), each made once; on a failure the state
// returned says what was done and what was not.
#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "resources/api_errors.h"
#include "resources/compute_instance/attachments.h"
#include "resources/compute_instance/change_checks.h"
#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/model.h"
#include "resources/compute_instance/resolve.h"
#include "resources/compute_instance/state_mapping.h"

namespace resources::compute_instance {

namespace {

using tfplugin::Diagnostics;
using IC = InstanceConfig;

// Copies the given fields from one model to another.
using FieldCopy = std::function<void(const IC& from, IC& to)>;
template <typename... F>
FieldCopy Fields(F IC::*... fields) {
  return [=](const IC& from, IC& to) { ((to.*fields = from.*fields), ...); };
}

// One change the diff needs: the fields it is about (reverted to their
// prior values in the returned state if it fails or is never reached) and
// the calls that make it.
struct Step {
  FieldCopy fields;
  std::function<absl::Status(Diagnostics&)> run;
  const char* failure;
};

}  // namespace

void ComputeInstanceResource::Update(const Context& ctx,
                                     const tfplugin::fw::Change<InstanceConfig>& change,
                                     tfplugin::fw::NewState<InstanceConfig>& out,
                                     Diagnostics& diags) {
  const ApiSession session = Session(ctx);
  const IC& config = change.planned;
  const IC& prior = change.prior;
  const std::string id = OrEmpty(prior.id);
  const auto deadline = std::chrono::steady_clock::now() + config.Timeout(&Timeouts::update);

  Resolver resolver(session, config.region);
  const ResolvedConfig r = ResolveConfig(resolver, config, diags);
  if (diags.HasError()) return;  // nothing changed: the prior state stays
  const civoapi::CallOptions opts = session.Call(resolver.region(), deadline);
  civoapi::Client& client = *session.client;
  const AttachTarget target{client, opts, id};

  std::vector<Step> steps;

  if (config.instance_name.is_known() &&
      config.instance_name.value != OrEmpty(prior.instance_name)) {
    steps.push_back({Fields(&IC::instance_name),
                     [&](Diagnostics&) {
                       const std::string& name = config.instance_name.value;
                       return ChangeOnce(
                           opts, [&] { return client.UpdateInstanceHostname(id, name, opts); },
                           InstanceShows(client, opts, id, [&](const civoapi::Instance& i) {
                             return i.hostname == name;
                           }));
                     },
                     "Could not rename the instance"});
  }

  const std::vector<std::string> tags = config.TagsOrEmpty();
  if (tags != prior.TagsOrEmpty()) {
    steps.push_back({Fields(&IC::tags),
                     [&](Diagnostics&) {
                       return ChangeOnce(opts, [&] { return client.SetInstanceTags(id, tags, opts); },
                                         InstanceTagsAre(client, opts, id, tags));
                     },
                     "Could not set the instance's tags"});
  }

  if (config.size.is_known() && config.size.value != OrEmpty(prior.size)) {
    steps.push_back({Fields(&IC::size, &IC::cpu_cores, &IC::ram_mb, &IC::disk_gb, &IC::status),
                     [&](Diagnostics&) {
                       // A resize reboots the instance: whether an ambiguous
                       // one happened shows once it is ACTIVE (or SHUTOFF) again.
                       const std::string& size = config.size.value;
                       if (auto s = ChangeOnce(
                               opts, [&] { return client.ResizeInstance(id, size, opts); },
                               SettledInstanceShows(client, opts, id,
                                                    [&](const civoapi::Instance& i) {
                                                      return i.size == size;
                                                    }));
                           !s.ok()) {
                         return s;
                       }
                       return client
                           .WaitInstance(
                               id,
                               [&](const civoapi::Instance& i) {
                                 return i.status == "ACTIVE" && i.size == config.size.value;
                               },
                               opts)
                           .status();
                     },
                     "Could not resize the instance"});
  }

  const std::string prior_fw = OrEmpty(prior.firewall_id);
  if (r.firewall.known() && r.firewall.id != prior_fw) {
    steps.push_back({Fields(&IC::firewall_ids, &IC::firewall_id),
                     [&](Diagnostics&) {
                       const std::string& fw = r.firewall.id;
                       return ChangeOnce(
                           opts, [&] { return client.SetInstanceFirewall(id, fw, opts); },
                           InstanceShows(client, opts, id, [&](const civoapi::Instance& i) {
                             return i.firewall_id == fw;
                           }));
                     },
                     "Could not change the instance's firewall"});
  } else if (GoesBackToDefaultFirewall(config)) {
    // firewall_ids dropped from the config: Civo's `default` (firewall.h).
    steps.push_back({Fields(&IC::firewall_ids, &IC::firewall_id),
                     [&](Diagnostics&) {
                       // Which firewall is the default is not known (SPEC.md): after an
                       // ambiguous failure the change shows as leaving the prior one. When
                       // the default was the prior firewall, repeating is harmless.
                       return ChangeOnce(
                           opts,
                           [&] { return client.SetInstanceFirewall(id, kDefaultFirewallValue, opts); },
                           InstanceShows(client, opts, id, [&](const civoapi::Instance& i) {
                             return i.firewall_id != prior_fw;
                           }));
                     },
                     "Could not put the instance back on its network's default firewall"});
  }

  if (r.volumes.is_known()) {
    const auto& prior_vols = prior.attached_volume_ids;
    const std::vector<std::string> current =
        prior_vols.is_known() ? prior_vols.value : std::vector<std::string>{};
    const std::set<std::string> wanted(r.volumes.value.begin(), r.volumes.value.end());
    const std::set<std::string> have(current.begin(), current.end());
    if (wanted != have) {
      steps.push_back({Fields(&IC::volume_ids, &IC::attached_volume_ids),
                       [&, wanted, have](Diagnostics& d) {
                         for (const auto& v : have) {
                           if (wanted.count(v)) continue;
                           if (auto s = DetachVolumeIfOurs(target, v); !s.ok()) return s;
                         }
                         for (const auto& v : r.volumes.value) {
                           if (have.count(v)) continue;
                           if (auto s = AttachVolumeTakingOver(target, v, d); !s.ok()) return s;
                         }
                         return absl::OkStatus();
                       },
                       "Could not change the attached volumes"});
    }
  }

  // Reserved IP: managed when the config or the prior config names one.
  if (!(config.reserved_ip.is_null() && prior.reserved_ip.is_null())) {
    const std::string prior_addr = OrEmpty(prior.reserved_ip_address);
    const std::string wanted_addr = r.reserved_ip.known() ? r.reserved_ip.address : "";
    if (wanted_addr != prior_addr || (r.reserved_ip.known() && prior_addr.empty())) {
      steps.push_back({Fields(&IC::reserved_ip, &IC::reserved_ip_address, &IC::public_ipv4),
                       [&](Diagnostics& d) -> absl::Status {
                         // Release what this instance holds now (as the API says).
                         auto inst = client.GetInstance(id, opts);
                         if (!inst.ok()) return inst.status();
                         if (!inst->reserved_ip_id.empty() &&
                             !(r.reserved_ip.known() && inst->reserved_ip_id == r.reserved_ip.id)) {
                           if (auto s = UnassignReservedIpIfOurs(target, inst->reserved_ip_id);
                               !s.ok()) {
                             return s;
                           }
                         }
                         if (r.reserved_ip.known()) {
                           return AssignReservedIpTakingOver(target, r.reserved_ip.id, d);
                         }
                         return absl::OkStatus();
                       },
                       "Could not change the reserved IP"});
    }
  }

  // Run the steps; on the first failure, the fields of that step and of
  // those never reached keep their prior values in the returned state.
  IC result = config;
  for (size_t i = 0; i < steps.size(); ++i) {
    absl::Status s = steps[i].run(diags);
    if (s.ok()) continue;
    AddApiError(diags, steps[i].failure, s);
    for (size_t j = i; j < steps.size(); ++j) steps[j].fields(prior, result);
    break;
  }

  // What was done is in the state even when a step failed.
  out.keep_on_error = true;
  auto seen = client.GetInstance(id, opts);
  out.state = seen.ok() ? AfterApply(result, *seen) : InstanceObject().KeepKnown(result, prior);
}

}  // namespace resources::compute_instance
