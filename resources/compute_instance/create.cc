#include "resources/compute_instance/create.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/compute_instance/api_errors.h"
#include "resources/compute_instance/attachments.h"
#include "resources/compute_instance/change_once.h"
#include "resources/compute_instance/model.h"
#include "resources/compute_instance/resolve.h"
#include "resources/compute_instance/state_mapping.h"

namespace resources::compute_instance {

namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

// POST attempts after ambiguous failures that left no instance behind.
constexpr int kMaxCreateAttempts = 4;

bool HasTag(const civoapi::Instance& inst, const std::string& tag) {
  return std::find(inst.tags.begin(), inst.tags.end(), tag) != inst.tags.end();
}

// Looks for the instance an ambiguous POST may have made. nullopt: none.
absl::StatusOr<std::optional<civoapi::Instance>> FindByMarker(civoapi::Client& client,
                                                              const civoapi::CallOptions& opts,
                                                              const std::string& marker) {
  auto found = client.ListInstances(opts, marker);
  if (!found.ok()) return found.status();
  for (const auto& inst : *found) {
    // Filter here too: the tag filter is a convenience of the API, the
    // marker is what proves the instance is ours.
    if (HasTag(inst, marker)) return std::optional<civoapi::Instance>(inst);
  }
  return std::optional<civoapi::Instance>();
}

// POST /v2/instances, never twice: an ambiguous failure (the request may
// have taken effect) is followed by a search for the marker tag before any
// retry.
absl::StatusOr<civoapi::Instance> PostOnce(civoapi::Client& client,
                                           const civoapi::CreateInstanceRequest& req,
                                           const civoapi::CallOptions& opts,
                                           const std::string& marker) {
  absl::Status last;
  for (int attempt = 0; attempt < kMaxCreateAttempts; ++attempt) {
    auto created = client.CreateInstance(req, opts);
    if (created.ok()) return created;
    last = created.status();
    auto err = civoapi::GetApiError(last);
    if (civoapi::IsCancelled(last) || !err || !err->ambiguous) return last;
    auto found = FindByMarker(client, opts, marker);
    if (!found.ok()) {
      return absl::Status(
          found.status().code(),
          absl::StrCat("the create call failed ambiguously (", last.message(),
                       ") and the instance list could not be checked (", found.status().message(),
                       "); an instance tagged ", marker, " may exist"));
    }
    if (found->has_value()) return **found;
    if (std::chrono::steady_clock::now() >= opts.deadline) break;
  }
  return last;
}

}  // namespace

tfplugin::ApplyResponse CreateInstance(const ApiSession& session,
                                       const tfplugin::ApplyRequest& req, Diagnostics& diags) {
  tfplugin::ApplyResponse resp;
  resp.private_data = req.planned_private;
  resp.new_state = Value::Null();
  const Value& planned = req.planned_state;
  const InstanceConfig config = ReadInstanceConfig(planned);
  const auto deadline = std::chrono::steady_clock::now() + config.create_timeout;

  Resolver resolver(session, config.region);
  const ResolvedConfig r = ResolveConfig(resolver, config, diags);
  if (diags.HasError()) return resp;
  if (!r.network.known() || !r.image.known() || !config.size.is_known() ||
      !config.instance_name.is_known()) {
    diags.AddError("Incomplete configuration at apply",
                   "instance_name, size, image and network must be known to create an instance.");
    return resp;
  }
  const civoapi::CallOptions opts = session.Call(resolver.region(), deadline);
  civoapi::Client& client = *session.client;

  const std::string marker = NewCreateMarkerTag();
  civoapi::CreateInstanceRequest create;
  create.hostname = config.instance_name.value;
  create.size = config.size.value;
  create.network_id = r.network.id;
  create.template_id = r.image.id;
  if (!config.FirstFirewall().is_null() && r.firewall.known()) create.firewall_id = r.firewall.id;
  create.ssh_key_id = config.FirstSshKey().value;
  create.script = config.user_data.is_known() ? config.user_data.value : "";
  create.tags = config.TagsOrEmpty();
  create.tags.push_back(marker);

  auto posted = PostOnce(client, create, opts, marker);
  if (!posted.ok()) {
    AddApiError(diags, "Could not create the instance", posted.status());
    return resp;
  }
  civoapi::Instance inst = *posted;
  const std::string id = inst.id;

  // From here on the instance exists: every return carries its id.
  auto partial = [&](const civoapi::Instance& seen) {
    return MergeKnown(planned, WithApiComputed(planned, seen));
  };

  // The marker has done its job once we hold the id: remove it now, while
  // the instance builds, so the call costs no time after ACTIVE (at
  // Terraform's parallelism that time is paid once per instance).
  const std::vector<std::string> tags = config.TagsOrEmpty();
  if (auto s = MakeChange(opts, [&] { return client.SetInstanceTags(id, tags, opts); },
                          InstanceTagsAre(client, opts, id, tags));
      !s.ok()) {
    diags.AddWarning("Could not remove the create marker tag",
                     absl::StrCat("The instance keeps the tag ", marker,
                                  " (it is not shown in `tags`): ", s.message()));
  }

  auto active = client.WaitInstance(
      id, [](const civoapi::Instance& i) { return i.status == "ACTIVE"; }, opts);
  if (!active.ok()) {
    AddApiError(diags, "The instance did not become ACTIVE", active.status());
    resp.new_state = partial(inst);
    return resp;
  }
  inst = *active;

  const AttachTarget target{client, opts, id};
  bool attached_anything = false;  // then the ACTIVE view above is stale
  if (r.volumes.is_known()) {
    for (size_t i = 0; i < r.volumes.value.size(); ++i) {
      if (auto s = AttachVolumeTakingOver(target, r.volumes.value[i], diags); !s.ok()) {
        AddApiError(diags, "Could not attach a volume", s,
                    AttributePath::Root("volume_ids").Index(static_cast<int64_t>(i)));
        resp.new_state = partial(inst);
        return resp;
      }
      attached_anything = true;
    }
  }
  if (r.reserved_ip.known()) {
    if (auto s = AssignReservedIpTakingOver(target, r.reserved_ip.id, diags); !s.ok()) {
      AddApiError(diags, "Could not assign the reserved IP", s,
                  AttributePath::Root("reserved_ip_id"));
      resp.new_state = partial(inst);
      return resp;
    }
    attached_anything = true;
  }

  if (attached_anything) {
    auto final_view = client.GetInstance(id, opts);
    if (final_view.ok()) inst = *final_view;
  }
  resp.new_state = partial(inst);
  return resp;
}

}  // namespace resources::compute_instance
