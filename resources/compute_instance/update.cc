#include "resources/compute_instance/update.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "resources/compute_instance/api_errors.h"
#include "resources/compute_instance/attachments.h"
#include "resources/compute_instance/change_once.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/model.h"
#include "resources/compute_instance/resolve.h"
#include "resources/compute_instance/state_mapping.h"
#include "resources/cty_access.h"

namespace resources::compute_instance {

namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

std::string OrEmpty(const Maybe<std::string>& m) { return m.is_known() ? m.value : ""; }

// One change the diff needs: the attributes it is about (reverted to their
// prior values in the returned state if it fails or is never reached) and
// the calls that make it.
struct Step {
  std::vector<const char*> attributes;
  std::function<absl::Status(Diagnostics&)> run;
  const char* failure;
};

}  // namespace

tfplugin::ApplyResponse UpdateInstance(const ApiSession& session,
                                       const tfplugin::ApplyRequest& req, Diagnostics& diags) {
  tfplugin::ApplyResponse resp;
  resp.private_data = req.planned_private;
  resp.new_state = req.prior_state;
  const Value& prior_state = req.prior_state;
  const Value& planned = req.planned_state;
  const InstanceConfig config = ReadInstanceConfig(planned);
  const InstanceConfig prior = ReadInstanceConfig(prior_state);
  const std::string id = OrEmpty(prior.id);
  const auto deadline = std::chrono::steady_clock::now() + config.update_timeout;

  Resolver resolver(session, config.region);
  const ResolvedConfig r = ResolveConfig(resolver, config, diags);
  if (diags.HasError()) return resp;
  const civoapi::CallOptions opts = session.Call(resolver.region(), deadline);
  civoapi::Client& client = *session.client;
  const AttachTarget target{client, opts, id};

  std::vector<Step> steps;

  if (config.instance_name.is_known() &&
      config.instance_name.value != OrEmpty(prior.instance_name)) {
    steps.push_back({{"instance_name"},
                     [&](Diagnostics&) {
                       const std::string& name = config.instance_name.value;
                       return MakeChange(
                           opts, [&] { return client.UpdateInstanceHostname(id, name, opts); },
                           InstanceShows(client, opts, id, [&](const civoapi::Instance& i) {
                             return i.hostname == name;
                           }));
                     },
                     "Could not rename the instance"});
  }

  const std::vector<std::string> tags = config.TagsOrEmpty();
  if (tags != prior.TagsOrEmpty()) {
    steps.push_back({{"tags"},
                     [&](Diagnostics&) {
                       return MakeChange(opts, [&] { return client.SetInstanceTags(id, tags, opts); },
                                         InstanceTagsAre(client, opts, id, tags));
                     },
                     "Could not set the instance's tags"});
  }

  if (config.size.is_known() && config.size.value != OrEmpty(prior.size)) {
    steps.push_back({{"size", "cpu_cores", "ram_mb", "disk_gb", "status"},
                     [&](Diagnostics&) {
                       // A resize reboots the instance: whether an ambiguous
                       // one happened shows once it is ACTIVE (or SHUTOFF) again.
                       const std::string& size = config.size.value;
                       if (auto s = MakeChange(
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
    steps.push_back({{"firewall_ids", "firewall_id"},
                     [&](Diagnostics&) {
                       const std::string& fw = r.firewall.id;
                       return MakeChange(
                           opts, [&] { return client.SetInstanceFirewall(id, fw, opts); },
                           InstanceShows(client, opts, id, [&](const civoapi::Instance& i) {
                             return i.firewall_id == fw;
                           }));
                     },
                     "Could not change the instance's firewall"});
  } else if (GoesBackToDefaultFirewall(config, planned)) {
    // firewall_ids dropped from the config: Civo's `default` (firewall.h).
    steps.push_back({{"firewall_ids", "firewall_id"},
                     [&](Diagnostics&) {
                       // Which firewall is the default is not known (SPEC.md): after an
                       // ambiguous failure the change shows as leaving the prior one. When
                       // the default was the prior firewall, repeating is harmless.
                       return MakeChange(
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
      steps.push_back({{"volume_ids", "attached_volume_ids"},
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
      steps.push_back({{"reserved_ip_id", "reserved_ip_address", "public_ipv4"},
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

  // Run the steps; on the first failure, the attributes of that step and of
  // those never reached keep their prior values in the returned state.
  Value result = planned;
  for (size_t i = 0; i < steps.size(); ++i) {
    absl::Status s = steps[i].run(diags);
    if (s.ok()) continue;
    AddApiError(diags, steps[i].failure, s);
    for (size_t j = i; j < steps.size(); ++j) {
      for (const char* a : steps[j].attributes) result = result.WithAttr(a, prior_state.Attr(a));
    }
    break;
  }

  civoapi::Instance inst;
  auto seen = client.GetInstance(id, opts);
  if (seen.ok()) {
    inst = *seen;
    resp.new_state = MergeKnown(result, WithApiComputed(result, inst));
  } else {
    resp.new_state = MergeKnown(result, prior_state);
  }
  return resp;
}

}  // namespace resources::compute_instance
