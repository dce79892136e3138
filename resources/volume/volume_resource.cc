#include "resources/volume/volume_resource.h"

#include <chrono>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/call_budget.h"
#include "resources/change_once.h"
#include "resources/import_id.h"
#include "resources/region_attribute.h"
#include "resources/volume/volume_model.h"
#include "tfplugin/quote.h"

namespace resources::volume {
namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;

bool Settled(const civoapi::Volume& v) {
  const std::string s = absl::AsciiStrToLower(v.status);
  return s != "attaching" && s != "detaching" && s != "creating" && s != "resizing";
}

// "web-1 (UUID)" when the instance can be read, else the id.
std::string DescribeInstance(civoapi::Client& client, const civoapi::CallOptions& opts, const std::string& id) {
  auto inst = client.GetInstance(id, opts);
  if (!inst.ok() || inst->hostname.empty()) return id;
  return absl::StrCat(inst->hostname, " (", id, ")");
}

// The region's volume of that name, if any (names are unique per region).
absl::StatusOr<std::optional<civoapi::Volume>> FindByName(civoapi::Client& client, const civoapi::CallOptions& opts,
                                                         const std::string& name) {
  auto all = client.ListVolumes(opts);
  if (!all.ok()) return all.status();
  for (const civoapi::Volume& v : *all) {
    if (v.name == name) return std::optional<civoapi::Volume>(v);
  }
  return std::optional<civoapi::Volume>();
}

class VolumeResource final : public fw::Resource<VolumeModel> {
 public:
  explicit VolumeResource(std::shared_ptr<const ProviderContext> context)
      : fw::Resource<VolumeModel>(
            {.type_name = "civo_volume",
             .description = "A Civo block storage volume (Project Planton's CivoVolume). Attach it "
                            "with the instance's `volume_ids`.",
             .needs_configuration = true},
            VolumeObject()),
        context_(std::move(context)) {}

 protected:
  void ValidateConfig(const fw::Context&, const VolumeModel& config, Diagnostics& diags) const override {
    WarnUnstoredFields(config, diags);
  }

  void ModifyPlan(const fw::Context& ctx, fw::PlanChange<VolumeModel>& plan, Diagnostics&) override {
    const ApiSession session = context_->Session(ctx.request());
    if (plan.create) PlanDefaultRegion(plan.config.region, plan.planned.region, session);
  }

  void Create(const fw::Context& ctx, const fw::Change<VolumeModel>& c, fw::NewState<VolumeModel>& out,
              Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::string region = RegionFor(c.planned.region, session);
    const civoapi::CallOptions opts = CallIn(session, region);
    civoapi::NewVolumeRequest req;
    req.name = c.planned.volume_name.value;
    req.size_gb = c.planned.size_gib.value;
    req.snapshot_id = c.planned.snapshot_id.value_or("");
    // A create that failed ambiguously may have made the volume: look for it
    // by its (region-unique) name before asking again.
    std::string id;
    absl::Status last;
    for (int attempt = 0; attempt < 4 && id.empty(); ++attempt) {
      auto made = session.client->NewVolume(req, opts);
      if (made.ok()) {
        id = made->id;
        break;
      }
      last = made.status();
      if (!MayHaveTakenEffect(last)) break;
      auto found = FindByName(*session.client, opts, req.name);
      if (!found.ok()) break;
      if (found->has_value()) id = (*found)->id;
    }
    if (id.empty()) {
      return AddApiError(diags, "Could not create the volume", last,
                                // Civo answers 404 for a snapshot it does not have.
                                !req.snapshot_id.empty() && civoapi::IsNotFound(last)
                                    ? AttributePath::Root("snapshot_id")
                                    : AttributePath::Root("volume_name"));
    }
    out.state.id = id;
    out.state.volume_id = id;
    out.state.region = c.planned.region.is_known() ? c.planned.region : fw::Maybe<std::string>::Known(region);
    out.keep_on_error = true;  // the volume exists: keep its id whatever follows
    auto vol = session.client->WaitVolume(id, Settled, opts);
    if (!vol.ok()) return AddApiError(diags, "The volume was created but could not be read", vol.status());
    FillFromApi(*vol, out.state);
  }

  void ReadState(const fw::Context& ctx, fw::NewState<VolumeModel>& out, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const civoapi::CallOptions opts = CallIn(session, RegionFor(out.state.region, session));
    auto vol = session.client->GetVolume(out.state.id.value, opts);
    if (civoapi::IsNotFound(vol.status())) {
      out.gone = true;  // deleted outside Terraform
      return;
    }
    if (!vol.ok()) return AddApiError(diags, "Could not read the volume", vol.status());
    FillFromApi(*vol, out.state);
  }

  void Update(const fw::Context& ctx, const fw::Change<VolumeModel>& c, fw::NewState<VolumeModel>& out,
              Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const civoapi::CallOptions opts = CallIn(session, RegionFor(c.prior.region, session));
    const std::string& id = c.prior.id.value;
    const int64_t want = c.planned.size_gib.value;
    if (want != c.prior.size_gib.value_or(0)) {
      // Only growth gets here (shrinking replaces); a repeat after an
      // ambiguous failure happens only when the size is still short.
      absl::Status s = ChangeOnce(
          opts, [&] { return session.client->ResizeVolume(id, want, opts); },
          [&]() -> absl::StatusOr<bool> {
            auto v = session.client->GetVolume(id, opts);
            if (!v.ok()) return v.status();
            return v->size_gigabytes >= want;
          });
      if (!s.ok()) return AddApiError(diags, "Could not resize the volume", s, AttributePath::Root("size_gib"));
    }
    auto vol = session.client->WaitVolume(
        id, [&](const civoapi::Volume& v) { return Settled(v) && v.size_gigabytes >= want; }, opts);
    if (!vol.ok()) return AddApiError(diags, "Could not read the resized volume", vol.status());
    FillFromApi(*vol, out.state);
  }

  void Delete(const fw::Context& ctx, const fw::Change<VolumeModel>& c, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const civoapi::CallOptions opts = CallIn(session, RegionFor(c.prior.region, session));
    const std::string& id = c.prior.id.value;
    // A volume still detaching (its instance going away) is waited for.
    auto vol = session.client->WaitVolume(id, Settled, opts);
    if (civoapi::IsNotFound(vol.status())) return;
    if (!vol.ok()) return AddApiError(diags, "Could not read the volume to delete", vol.status());
    if (!vol->instance_id.empty()) {
      diags.AddError(
          "Volume is attached",
          absl::StrCat("Volume ", vol->name, " (", id, ") is attached to instance ",
                       DescribeInstance(*session.client, opts, vol->instance_id),
                       "; it is not deleted. Detach it first: remove it from that instance's "
                       "`volume_ids` (the instance resource owns attachments)."));
      return;
    }
    absl::Status s = ChangeOnce(
        opts, [&] { return session.client->DeleteVolume(id, opts); },
        [&]() -> absl::StatusOr<bool> {
          auto v = session.client->GetVolume(id, opts);
          if (civoapi::IsNotFound(v.status())) return true;
          if (!v.ok()) return v.status();
          return false;
        });
    if (civoapi::IsNotFound(s)) return;
    if (!s.ok()) AddApiError(diags, "Could not delete the volume", s);
  }

  void ImportState(const fw::Context& ctx, const std::string& import_id, fw::NewState<VolumeModel>& out,
                   Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::optional<ImportId> where = ParseImportId(import_id, session, "volume", diags);
    if (!where) return;
    auto vol = session.client->GetVolume(where->id, CallIn(session, where->region));
    if (!vol.ok()) {
      return AddApiError(diags,
                                civoapi::IsNotFound(vol.status())
                                    ? absl::StrCat("No volume ", tfplugin::QuoteValue(where->id), " in region ",
                                                   where->region)
                                    : "Could not read the volume to import",
                                vol.status());
    }
    out.state.region = where->region;
    FillFromApi(*vol, out.state);
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::unique_ptr<tfplugin::Resource> NewVolumeResource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<VolumeResource>(std::move(context));
}

}  // namespace resources::volume
