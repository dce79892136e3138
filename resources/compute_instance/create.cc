// Create: POST the instance (recognisably, so an ambiguous failure never
// creates twice), wait until ACTIVE, then attach volumes and assign the
// reserved IP. A failure after the POST still returns the instance id, so
// Terraform taints it and nothing leaks.
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/compute_instance/attachments.h"
#include "resources/compute_instance/change_checks.h"
#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/model.h"
#include "resources/compute_instance/resolve.h"
#include "resources/compute_instance/state_mapping.h"

namespace resources::compute_instance {

namespace {

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

void ComputeInstanceResource::Create(const Context& ctx,
                                     const tfplugin::fw::Change<InstanceConfig>& change,
                                     tfplugin::fw::NewState<InstanceConfig>& out,
                                     Diagnostics& diags) {
  using IC = InstanceConfig;
  const ApiSession session = Session(ctx);
  const IC& config = change.planned;
  const auto deadline = std::chrono::steady_clock::now() + config.Timeout(&Timeouts::create);

  Resolver resolver(session, config.region);
  const ResolvedConfig r = ResolveConfig(resolver, config, diags);
  if (diags.HasError()) return;
  if (!r.network.known() || !r.image.known() || !config.size.is_known() ||
      !config.instance_name.is_known()) {
    diags.AddError("Incomplete configuration at apply",
                   absl::StrCat(NameOf(&IC::instance_name), ", ", NameOf(&IC::size), ", ",
                                NameOf(&IC::image), " and ", NameOf(&IC::network),
                                " must be known to create an instance."));
    return;
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
    return;
  }
  civoapi::Instance inst = *posted;
  const std::string id = inst.id;

  // From here on the instance exists: the state keeps its id whatever
  // fails, so Terraform taints it and nothing leaks.
  out.keep_on_error = true;
  out.state = AfterApply(config, inst);

  // The marker has done its job once we hold the id: remove it now, while
  // the instance builds, so the call costs no time after ACTIVE (at
  // Terraform's parallelism that time is paid once per instance).
  const std::vector<std::string> tags = config.TagsOrEmpty();
  if (auto s = ChangeOnce(opts, [&] { return client.SetInstanceTags(id, tags, opts); },
                          InstanceTagsAre(client, opts, id, tags));
      !s.ok()) {
    diags.AddWarning("Could not remove the create marker tag",
                     absl::StrCat("The instance keeps the tag ", marker, " (it is not shown in `",
                                  NameOf(&IC::tags), "`): ", s.message()));
  }

  auto active = client.WaitInstance(
      id, [](const civoapi::Instance& i) { return i.status == "ACTIVE"; }, opts);
  if (!active.ok()) {
    AddApiError(diags, "The instance did not become ACTIVE", active.status());
    return;
  }
  inst = *active;
  out.state = AfterApply(config, inst);

  const AttachTarget target{client, opts, id};
  bool attached_anything = false;  // then the ACTIVE view above is stale
  if (r.volumes.is_known()) {
    for (size_t i = 0; i < r.volumes.value.size(); ++i) {
      if (auto s = AttachVolumeTakingOver(target, r.volumes.value[i], diags); !s.ok()) {
        AddApiError(diags, "Could not attach a volume", s,
                    PathOf(&IC::volume_ids).Index(static_cast<int64_t>(i)));
        return;
      }
      attached_anything = true;
    }
  }
  if (r.reserved_ip.known()) {
    if (auto s = AssignReservedIpTakingOver(target, r.reserved_ip.id, diags); !s.ok()) {
      AddApiError(diags, "Could not assign the reserved IP", s, PathOf(&IC::reserved_ip));
      return;
    }
    attached_anything = true;
  }

  if (attached_anything) {
    auto final_view = client.GetInstance(id, opts);
    if (final_view.ok()) out.state = AfterApply(config, *final_view);
  }
}

}  // namespace resources::compute_instance
