// data "civo_vpc": one existing network, by id or by name (its label).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/limits.h"
#include "resources/region_attribute.h"
#include "resources/vpc/vpc.h"
#include "tfplugin/framework/framework.h"
#include "tfplugin/quote.h"

namespace resources::vpc {
namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;

struct VpcData {
  fw::Maybe<std::string> id, name, region, network_name, network_id, cidr_block;
  fw::Maybe<bool> is_default_for_region;
};

fw::Object<VpcData> VpcDataObject() {
  return fw::Object<VpcData>()
      .Add(fw::Attr("id", &VpcData::id)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The network's id. Exactly one of `id` and `name` is set."))
      .Add(fw::Attr("name", &VpcData::name)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The network's name (label); it must name exactly one network of "
                            "the region."))
      .Add(fw::Attr("region", &VpcData::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Description(RegionDescription()))
      .Add(fw::Attr("network_name", &VpcData::network_name).Computed().Description("The network's name."))
      .Add(fw::Attr("network_id", &VpcData::network_id).Computed().Description("The network's id."))
      .Add(fw::Attr("cidr_block", &VpcData::cidr_block).Computed().Description("The network's IPv4 range."))
      .Add(fw::Attr("is_default_for_region", &VpcData::is_default_for_region)
               .Computed()
               .Description("Whether it is the region's default network."))
      .Validate(fw::ExactlyOneOf({"id", "name"}));
}

class VpcDataSource final : public fw::DataSource<VpcData> {
 public:
  explicit VpcDataSource(std::shared_ptr<const ProviderContext> context)
      : fw::DataSource<VpcData>({.type_name = "civo_vpc",
                                 .description = "Finds one existing Civo network by `id` or by `name`.",
                                 .needs_configuration = true},
                                VpcDataObject()),
        context_(std::move(context)) {}

 protected:
  void ReadData(const fw::Context& ctx, const VpcData& config, VpcData& state, Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const std::string region = RegionFor(config.region, s);
    const auto opts = s.Call(region, std::chrono::steady_clock::now() + std::chrono::minutes(5));
    civoapi::Network found;
    if (config.id.is_known()) {
      auto n = s.client->GetNetwork(config.id.value, opts);
      if (!n.ok()) {
        return AddApiError(diags,
                           civoapi::IsNotFound(n.status())
                               ? absl::StrCat("No network ", tfplugin::QuoteValue(config.id.value), " in region ", region)
                               : "Could not read the network",
                           n.status(), AttributePath::Root("id"));
      }
      found = *n;
    } else {
      auto all = s.client->ListNetworks(opts);
      if (!all.ok()) return AddApiError(diags, "Could not list networks", all.status());
      std::vector<civoapi::Network> named;
      for (const civoapi::Network& n : *all) {
        if (n.name == config.name.value) named.push_back(n);
      }
      if (named.size() != 1) {
        std::vector<std::string> ids;
        for (const auto& n : named) ids.push_back(n.id);
        return diags.AddError(
            named.empty() ? "Network not found" : "Network name is ambiguous",
            named.empty()
                ? absl::StrCat("No network named ", tfplugin::QuoteValue(config.name.value), " in region ", region, ".")
                : absl::StrCat(named.size(), " networks are named ", tfplugin::QuoteValue(config.name.value),
                               " in region ", region, " (", absl::StrJoin(ids, ", "), "); use `id`."),
            AttributePath::Root("name"));
      }
      found = named.front();
    }
    state.id = found.id;
    state.name = found.name;
    state.region = config.region.is_known() ? config.region.value : region;
    state.network_name = found.name;
    state.network_id = found.id;
    state.cidr_block = found.cidr;
    state.is_default_for_region = found.is_default;
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::unique_ptr<tfplugin::DataSource> NewVpcDataSource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<VpcDataSource>(std::move(context));
}

}  // namespace resources::vpc
