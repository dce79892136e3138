// data "civo_volume": one existing volume, by `id` or by `volume_name`.
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/call_budget.h"
#include "resources/region_attribute.h"
#include "resources/volume/volume_resource.h"
#include "tfplugin/quote.h"

namespace resources::volume {
namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;

struct VolumeData {
  fw::Maybe<std::string> id, region, volume_name, volume_id, attached_instance_id, device_path, created_at_rfc3339;
  fw::Maybe<int64_t> size_gib;
};

fw::Object<VolumeData> VolumeDataObject() {
  using VD = VolumeData;
  return fw::Object<VD>()
      .Add(fw::Attr("id", &VD::id)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, 255))
               .Description("The volume's id. Exactly one of `id` and `volume_name` is set."))
      .Add(fw::Attr("volume_name", &VD::volume_name)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, 255))
               .Description("The volume's name (exact match)."))
      .Add(fw::Attr("region", &VD::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Description(RegionDescription()))
      .Add(fw::Attr("size_gib", &VD::size_gib).Computed().Description("The size in GiB."))
      .Add(fw::Attr("volume_id", &VD::volume_id).Computed().Description("The volume's id."))
      .Add(fw::Attr("attached_instance_id", &VD::attached_instance_id)
               .Computed()
               .Description("The instance it is attached to, empty when detached."))
      .Add(fw::Attr("device_path", &VD::device_path)
               .Computed()
               .Description("Its device on the instance (Civo's `mountpoint`), empty when detached."))
      .Add(fw::Attr("created_at_rfc3339", &VD::created_at_rfc3339)
               .Computed()
               .Description("When Civo created it (RFC 3339)."))
      .Validate(fw::ExactlyOneOf({"id", "volume_name"}));
}

class VolumeDataSource final : public fw::DataSource<VolumeData> {
 public:
  explicit VolumeDataSource(std::shared_ptr<const ProviderContext> context)
      : fw::DataSource<VolumeData>({.type_name = "civo_volume",
                                    .description = "Finds one existing Civo volume by id or by name.",
                                    .needs_configuration = true},
                                   VolumeDataObject()),
        context_(std::move(context)) {}

 protected:
  void ReadData(const fw::Context& ctx, const VolumeData& config, VolumeData& state, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::string region = RegionFor(config.region, session);
    const civoapi::CallOptions opts = CallIn(session, region, std::chrono::minutes(2));
    auto all = session.client->ListVolumes(opts);
    if (!all.ok()) return AddApiError(diags, "Could not list the volumes", all.status());
    const bool by_id = config.id.is_known();
    const std::string& wanted = by_id ? config.id.value : config.volume_name.value;
    const civoapi::Volume* match = nullptr;
    int matches = 0;
    for (const civoapi::Volume& v : *all) {
      if ((by_id ? v.id : v.name) == wanted) {
        match = &v;
        ++matches;
      }
    }
    const AttributePath path = AttributePath::Root(by_id ? "id" : "volume_name");
    if (matches == 0) {
      diags.AddError("Volume not found",
                     absl::StrCat("No volume ", by_id ? "with id " : "named ", tfplugin::QuoteValue(wanted),
                                  " in region ", region, "."),
                     path);
      return;
    }
    if (matches > 1) {
      diags.AddError("More than one volume matches",
                     absl::StrCat(matches, " volumes are named ", tfplugin::QuoteValue(wanted), " in region ",
                                  region, "; name one by `id`."),
                     path);
      return;
    }
    state.id = match->id;
    state.volume_name = match->name;
    state.region = config.region.is_known() ? config.region : fw::Maybe<std::string>::Known(region);
    state.size_gib = match->size_gigabytes;
    state.volume_id = match->id;
    state.attached_instance_id = match->instance_id;
    state.device_path = match->mountpoint;
    state.created_at_rfc3339 = match->created_at;
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::unique_ptr<tfplugin::DataSource> NewVolumeDataSource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<VolumeDataSource>(std::move(context));
}

}  // namespace resources::volume
