// civo_firewall: created with no rules of Civo's own (`create_rules: false`),
// then exactly the declared rules; name and rules change in place, the
// network (by what it resolves to) and the region replace. Delete waits
// while instances using the firewall are being deleted (#410).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/call_budget.h"
#include "resources/change_once.h"
#include "resources/firewall/firewall.h"
#include "resources/firewall/firewall_users.h"
#include "resources/firewall/network_ref.h"
#include "resources/firewall/rules.h"
#include "resources/import_id.h"
#include "resources/limits.h"
#include "resources/region_attribute.h"
#include "tfplugin/framework/framework.h"
#include "tfplugin/quote.h"

namespace resources::firewall {
namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;

using Rules = fw::Maybe<std::vector<RuleModel>>;

struct FirewallModel {
  fw::Maybe<std::string> id, region, name;
  fw::Maybe<NetworkRefModel> network_id;
  Rules inbound_rules, outbound_rules;
  fw::Maybe<std::vector<std::string>> tags;
  fw::Maybe<std::string> firewall_id, created_at_rfc3339;
};

fw::Object<FirewallModel> FirewallObject() {
  return fw::Object<FirewallModel>()
      .Add(fw::Attr("id", &FirewallModel::id).Computed().Description("The firewall's id."))
      .Add(fw::Attr("region", &FirewallModel::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Modify(ReplaceUnlessOnlyCaseChanges("firewall"))
               .Description(RegionDescription()))
      .Add(fw::Attr("name", &FirewallModel::name)
               .Required()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The firewall's name. Renamed in place."))
      .Add(fw::Attr("network_id", &FirewallModel::network_id, NetworkRefObject())
               .Required()
               .Description("The network (`CivoVpc`) the firewall belongs to: `{ value = "
                            "civo_vpc.main.network_id }` or `{ value_from = { name = \"main\" } }`. "
                            "Replaces the firewall when it resolves to another network; another "
                            "spelling of the same network changes nothing."))
      .Add(fw::Attr("inbound_rules", &FirewallModel::inbound_rules, RuleObject(false))
               .Description("The inbound (ingress) rules. Exactly these exist at Civo: the firewall is "
                            "created without Civo's default rules, so unset or empty means no inbound "
                            "traffic. Changed in place, rule by rule."))
      .Add(fw::Attr("outbound_rules", &FirewallModel::outbound_rules, RuleObject(false))
               .Description("The outbound (egress) rules, exactly these (unset or empty: none). Changed "
                            "in place, rule by rule."))
      .Add(fw::Attr("tags", &FirewallModel::tags)
               .Validate(fw::UniqueItems())
               .Validate(fw::Each(fw::LengthBetween(1, 64)))
               .Description("Planton tags. Civo firewalls have no tags: these are kept in the Terraform "
                            "state only, never sent to Civo."))
      .Add(fw::Attr("firewall_id", &FirewallModel::firewall_id)
               .Computed()
               .Description("The firewall's id (Planton stack output `firewall_id`)."))
      .Add(fw::Attr("created_at_rfc3339", &FirewallModel::created_at_rfc3339)
               .Computed()
               .Description("Always null: the Civo API does not report when a firewall was created."));
}

std::vector<RuleModel> Declared(const Rules& r) { return r.is_known() ? r.value : std::vector<RuleModel>{}; }

class FirewallResource final : public fw::Resource<FirewallModel> {
 public:
  explicit FirewallResource(std::shared_ptr<const ProviderContext> context)
      : fw::Resource<FirewallModel>(
            {.type_name = "civo_firewall",
             .description = "A Civo firewall (Planton `CivoFirewall`) with exactly the declared rules: none "
                            "of Civo's default rules are added. Name and rules change in place. Delete "
                            "waits while instances using it are being deleted, and fails naming any "
                            "other user.",
             .needs_configuration = true},
            FirewallObject()),
        context_(std::move(context)) {}

 protected:
  void ModifyPlan(const fw::Context& ctx, fw::PlanChange<FirewallModel>& plan, Diagnostics& diags) override {
    if (plan.create) return;
    const ValueOrRef wanted = AsValueOrRef(plan.config.network_id);
    const ValueOrRef before = AsValueOrRef(plan.prior.network_id);
    if (wanted == before) return;
    bool replace = wanted.is_unknown();
    if (!replace) {
      const ApiSession s = context_->Session(ctx.request());
      if (!s.configured()) {
        replace = true;
      } else {
        const auto opts = s.Call(RegionFor(plan.prior.region, s), std::chrono::steady_clock::now() + std::chrono::minutes(2));
        auto target = ResolveNetwork(*s.client, opts, wanted);
        if (!target.ok()) {
          return AddApiError(diags, "Cannot resolve network_id", target.status(), AttributePath::Root("network_id"));
        }
        auto current = s.client->GetFirewall(plan.prior.id.value, opts);
        replace = !current.ok() || current->network_id != *target;
      }
    }
    if (replace) {
      plan.RequireReplace(AttributePath::Root("network_id"));
      plan.planned.id = fw::Maybe<std::string>::Unknown();
      plan.planned.firewall_id = fw::Maybe<std::string>::Unknown();
      plan.planned.created_at_rfc3339 = fw::Maybe<std::string>::Unknown();
    }
  }

  void Create(const fw::Context& ctx, const fw::Change<FirewallModel>& c, fw::NewState<FirewallModel>& out,
              Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const std::string region = RegionFor(c.planned.region, s);
    const auto opts = s.Call(region, std::chrono::steady_clock::now() + kKindOperationTimeout);
    auto network = ResolveNetwork(*s.client, opts, AsValueOrRef(c.planned.network_id));
    if (!network.ok()) {
      return AddApiError(diags, "Cannot resolve network_id", network.status(), AttributePath::Root("network_id"));
    }
    const std::string name = c.planned.name.value;
    auto before = Matching(*s.client, name, *network, opts);
    if (!before.ok()) return AddApiError(diags, "Could not list firewalls before creating one", before.status());
    auto id = CreateOnce(
        opts, [&] { return s.client->CreateEmptyFirewall(name, *network, opts); },
        [&]() -> absl::StatusOr<std::optional<std::string>> {
          auto now = Matching(*s.client, name, *network, opts);
          if (!now.ok()) return now.status();
          for (const std::string& i : *now) {
            if (std::find(before->begin(), before->end(), i) == before->end()) return std::optional<std::string>(i);
          }
          return std::optional<std::string>();
        });
    if (!id.ok()) return AddApiError(diags, "Could not create the firewall", id.status());
    out.state.id = *id;
    out.state.firewall_id = *id;
    out.state.created_at_rfc3339 = fw::Maybe<std::string>::Null();
    if (!out.state.region.is_known()) out.state.region = region;
    absl::Status st =
        SyncRules(*s.client, opts, *id, Declared(c.planned.inbound_rules), Declared(c.planned.outbound_rules));
    if (!st.ok()) {
      // The firewall exists: keep it in the state (tainted) with the rules it
      // really has, so nothing leaks and the next plan shows the truth.
      out.keep_on_error = true;
      if (auto f = s.client->GetFirewall(*id, opts); f.ok()) {
        out.state.inbound_rules = RulesAsRead(f->rules, kIngress, c.planned.inbound_rules);
        out.state.outbound_rules = RulesAsRead(f->rules, kEgress, c.planned.outbound_rules);
      }
      return AddApiError(diags, "Created the firewall but could not set its rules", st);
    }
  }

  void ReadState(const fw::Context& ctx, fw::NewState<FirewallModel>& out, Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(out.state.region, s), std::chrono::steady_clock::now() + std::chrono::minutes(5));
    auto f = s.client->GetFirewall(out.state.id.value, opts);
    if (civoapi::IsNotFound(f.status())) {
      out.gone = true;
      return;
    }
    if (!f.ok()) return AddApiError(diags, "Could not read the firewall", f.status());
    Fill(*f, out.state);
  }

  void Update(const fw::Context& ctx, const fw::Change<FirewallModel>& c, fw::NewState<FirewallModel>& out,
              Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(c.prior.region, s), std::chrono::steady_clock::now() + kKindOperationTimeout);
    const std::string id = c.prior.id.value;
    const std::string name = c.planned.name.value;
    if (name != c.prior.name.value) {
      absl::Status st = ChangeOnce(
          opts, [&] { return s.client->RenameFirewall(id, name, opts); },
          [&]() -> absl::StatusOr<bool> {
            auto f = s.client->GetFirewall(id, opts);
            if (!f.ok()) return f.status();
            return f->name == name;
          });
      if (!st.ok()) return AddApiError(diags, "Could not rename the firewall", st, AttributePath::Root("name"));
    }
    if (!(c.planned.inbound_rules == c.prior.inbound_rules) || !(c.planned.outbound_rules == c.prior.outbound_rules)) {
      absl::Status st =
          SyncRules(*s.client, opts, id, Declared(c.planned.inbound_rules), Declared(c.planned.outbound_rules));
      if (!st.ok()) {
        out.keep_on_error = true;  // the rename (if any) happened; the rules are what Civo has
        if (auto f = s.client->GetFirewall(id, opts); f.ok()) {
          out.state.inbound_rules = RulesAsRead(f->rules, kIngress, c.planned.inbound_rules);
          out.state.outbound_rules = RulesAsRead(f->rules, kEgress, c.planned.outbound_rules);
        } else {
          out.state = c.prior;
          out.state.name = name;
        }
        return AddApiError(diags, "Could not change the firewall's rules", st);
      }
    }
  }

  void Delete(const fw::Context& ctx, const fw::Change<FirewallModel>& c, Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(c.prior.region, s), std::chrono::steady_clock::now() + kKindOperationTimeout);
    const std::string id = c.prior.id.value;
    const std::string what = absl::StrCat("Cannot delete firewall ", c.prior.name.value_or(id));
    absl::Status st;
    // An instance can take the firewall again between the wait and the
    // delete; a refused delete is then waited out again, a few times.
    for (int round = 0; round < 5; ++round) {
      if (st = WaitUntilFirewallUnused(*s.client, id, opts); !st.ok()) return AddApiError(diags, what, st);
      st = DeleteOnce(
          opts, [&] { return s.client->DeleteFirewall(id, opts); },
          [&]() -> absl::StatusOr<bool> {
            auto f = s.client->GetFirewall(id, opts);
            if (civoapi::IsNotFound(f.status())) return true;
            if (!f.ok()) return f.status();
            return false;
          });
      if (st.ok()) return;
      auto e = civoapi::GetApiError(st);
      if (!e.has_value() || e->http_status < 400 || e->http_status >= 500) break;
    }
    AddApiError(diags, what, st);
  }

  void ImportState(const fw::Context& ctx, const std::string& import_id, fw::NewState<FirewallModel>& out,
                   Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    auto where = ParseImportId(import_id, s, "firewall", diags);
    if (!where) return;
    const auto opts = s.Call(where->region, std::chrono::steady_clock::now() + std::chrono::minutes(5));
    auto f = s.client->GetFirewall(where->id, opts);
    if (!f.ok()) {
      return AddApiError(diags,
                         civoapi::IsNotFound(f.status())
                             ? absl::StrCat("No firewall ", tfplugin::QuoteValue(where->id), " in region ", where->region)
                             : "Could not read the firewall to import",
                         f.status());
    }
    out.state.region = where->region;
    out.state.tags = fw::Maybe<std::vector<std::string>>::Null();
    Fill(*f, out.state);
  }

 private:
  static void Fill(const civoapi::Firewall& f, FirewallModel& m) {
    m.id = f.id;
    m.firewall_id = f.id;
    m.name = f.name;
    m.created_at_rfc3339 = fw::Maybe<std::string>::Null();
    m.inbound_rules = RulesAsRead(f.rules, kIngress, m.inbound_rules);
    m.outbound_rules = RulesAsRead(f.rules, kEgress, m.outbound_rules);
    // A network named by id that is not the firewall's (or none, on import):
    // the firewall's own, so a different one plans a replacement.
    const ValueOrRef ref = AsValueOrRef(m.network_id);
    if (ref.is_null() || (ref.form == ValueOrRef::Form::kValue && ref.value != f.network_id)) {
      NetworkRefModel by_id;
      by_id.value = f.network_id;
      m.network_id = by_id;
    }
  }

  // Ids of the region's firewalls named `name` on `network_id`.
  static absl::StatusOr<std::vector<std::string>> Matching(civoapi::Client& client, const std::string& name,
                                                           const std::string& network_id,
                                                           const civoapi::CallOptions& opts) {
    auto all = client.ListFirewalls(opts);
    if (!all.ok()) return all.status();
    std::vector<std::string> ids;
    for (const civoapi::Firewall& f : *all) {
      if (f.name == name && f.network_id == network_id) ids.push_back(f.id);
    }
    return ids;
  }

  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::shared_ptr<const fw::ObjectSpec> FirewallDeclaration() { return FirewallObject().spec(); }

std::unique_ptr<tfplugin::Resource> NewFirewallResource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<FirewallResource>(std::move(context));
}

}  // namespace resources::firewall
