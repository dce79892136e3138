// data "civo_firewall": one existing firewall, by id or by name, with its
// rules as the resource declares them.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "resources/api_errors.h"
#include "resources/firewall/firewall.h"
#include "resources/firewall/rules.h"
#include "resources/limits.h"
#include "resources/region_attribute.h"
#include "tfplugin/framework/framework.h"
#include "tfplugin/quote.h"

namespace resources::firewall {
namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;

struct FirewallData {
  fw::Maybe<std::string> id, name, region, network_id;
  fw::Maybe<std::vector<RuleModel>> inbound_rules, outbound_rules;
};

fw::Object<FirewallData> FirewallDataObject() {
  return fw::Object<FirewallData>()
      .Add(fw::Attr("id", &FirewallData::id)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The firewall's id. Exactly one of `id` and `name` is set."))
      .Add(fw::Attr("name", &FirewallData::name)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The firewall's name; it must name exactly one firewall of the region."))
      .Add(fw::Attr("region", &FirewallData::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Description(RegionDescription()))
      .Add(fw::Attr("network_id", &FirewallData::network_id).Computed().Description("The firewall's network id."))
      .Add(fw::Attr("inbound_rules", &FirewallData::inbound_rules, RuleObject(true))
               .Computed()
               .Description("The inbound rules."))
      .Add(fw::Attr("outbound_rules", &FirewallData::outbound_rules, RuleObject(true))
               .Computed()
               .Description("The outbound rules."))
      .Validate(fw::ExactlyOneOf({"id", "name"}));
}

class FirewallDataSource final : public fw::DataSource<FirewallData> {
 public:
  explicit FirewallDataSource(std::shared_ptr<const ProviderContext> context)
      : fw::DataSource<FirewallData>({.type_name = "civo_firewall",
                                      .description = "Finds one existing Civo firewall by `id` or by `name`.",
                                      .needs_configuration = true},
                                     FirewallDataObject()),
        context_(std::move(context)) {}

 protected:
  void ReadData(const fw::Context& ctx, const FirewallData& config, FirewallData& state,
                Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const std::string region = RegionFor(config.region, s);
    const auto opts = s.Call(region, std::chrono::steady_clock::now() + std::chrono::minutes(5));
    auto all = s.client->ListFirewalls(opts);
    if (!all.ok()) return AddApiError(diags, "Could not list firewalls", all.status());
    const bool by_id = config.id.is_known();
    const std::string wanted = by_id ? config.id.value : config.name.value;
    std::vector<civoapi::Firewall> found;
    for (const civoapi::Firewall& f : *all) {
      if ((by_id ? f.id : f.name) == wanted) found.push_back(f);
    }
    if (found.size() != 1) {
      std::vector<std::string> ids;
      for (const auto& f : found) ids.push_back(f.id);
      return diags.AddError(found.empty() ? "Firewall not found" : "Firewall name is ambiguous",
                            found.empty() ? absl::StrCat("No firewall with ", by_id ? "id " : "name ",
                                                         tfplugin::QuoteValue(wanted), " in region ", region, ".")
                                          : absl::StrCat(found.size(), " firewalls are named ",
                                                         tfplugin::QuoteValue(wanted), " in region ", region, " (",
                                                         absl::StrJoin(ids, ", "), "); use `id`."),
                            AttributePath::Root(by_id ? "id" : "name"));
    }
    const civoapi::Firewall& f = found.front();
    state.id = f.id;
    state.name = f.name;
    state.region = config.region.is_known() ? config.region.value : region;
    state.network_id = f.network_id;
    const fw::Maybe<std::vector<RuleModel>> none = fw::Maybe<std::vector<RuleModel>>::Known({});
    state.inbound_rules = RulesAsRead(f.rules, kIngress, none);
    state.outbound_rules = RulesAsRead(f.rules, kEgress, none);
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::unique_ptr<tfplugin::DataSource> NewFirewallDataSource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<FirewallDataSource>(std::move(context));
}

}  // namespace resources::firewall
