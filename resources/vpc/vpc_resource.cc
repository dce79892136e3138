// civo_vpc: a Civo network. network_name changes in place (rename);
// ip_range_cidr, is_default_for_region and region replace. Civo keeps no
// description and reports no creation time: the docs say so.
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/call_budget.h"
#include "resources/change_once.h"
#include "resources/cidr.h"
#include "resources/import_id.h"
#include "resources/limits.h"
#include "resources/region_attribute.h"
#include "resources/vpc/network_users.h"
#include "resources/vpc/vpc.h"
#include "tfplugin/framework/framework.h"
#include "tfplugin/quote.h"

namespace resources::vpc {
namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

// Planton CivoVpc: description at most 100 characters.
constexpr size_t kMaxDescriptionLength = 100;

struct Vpc {
  fw::Maybe<std::string> id, region, network_name, ip_range_cidr, description;
  fw::Maybe<bool> is_default_for_region;
  fw::Maybe<std::string> network_id, cidr_block, created_at_rfc3339;
};

fw::ValidatorPtr Ipv4CidrOrEmpty() {
  return fw::Custom(
      [](const Value& v, const AttributePath& path, Diagnostics& diags) {
        const std::string s = v.AsString();
        if (!s.empty() && !IsIpv4Cidr(s)) {
          diags.AddError("Invalid CIDR block",
                         absl::StrCat("ip_range_cidr ", tfplugin::QuoteValue(s),
                                      " is not an IPv4 CIDR block such as 10.0.0.0/24."),
                         path);
        }
      },
      "Must be an IPv4 CIDR block such as `10.0.0.0/24`, or empty.");
}

fw::Object<Vpc> VpcObject() {
  return fw::Object<Vpc>()
      .Add(fw::Attr("id", &Vpc::id).Computed().Description("The network's id."))
      .Add(fw::Attr("region", &Vpc::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Modify(ReplaceUnlessOnlyCaseChanges("network"))
               .Description(RegionDescription()))
      .Add(fw::Attr("network_name", &Vpc::network_name)
               .Required()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The network's name (its label at Civo). Renamed in place."))
      .Add(fw::Attr("ip_range_cidr", &Vpc::ip_range_cidr)
               .OptionalComputed()
               .Validate(Ipv4CidrOrEmpty())
               .Modify(fw::RequiresReplace())
               .Description("The network's IPv4 range. Unset or empty: Civo picks one (then this "
                            "holds what it picked)."))
      .Add(fw::Attr("is_default_for_region", &Vpc::is_default_for_region)
               .Default(false)
               .Modify(fw::RequiresReplace())
               .Description("Whether the network is the region's default (the one instances join "
                            "when they name none)."))
      .Add(fw::Attr("description", &Vpc::description)
               .Optional()
               .Validate(fw::LengthBetween(0, kMaxDescriptionLength))
               .Description("A description of the network. The Civo API has no field for it: it "
                            "is kept in the Terraform state only, never sent to Civo."))
      .Add(fw::Attr("network_id", &Vpc::network_id)
               .Computed()
               .Description("The network's id (Planton stack output `network_id`)."))
      .Add(fw::Attr("cidr_block", &Vpc::cidr_block)
               .Computed()
               .Description("The network's IPv4 range as Civo reports it."))
      .Add(fw::Attr("created_at_rfc3339", &Vpc::created_at_rfc3339)
               .Computed()
               .Description("Always null: the Civo API does not report when a network was "
                            "created (Planton stack output kept for its shape)."));
}

// What the API says of the network, into the model. `adopt_cidr`: take
// Civo's range as ip_range_cidr even when one was configured (create, import,
// and drift, which then plans a replacement).
void Fill(const civoapi::Network& n, Vpc& m) {
  m.id = n.id;
  m.network_id = n.id;
  m.network_name = n.name;
  m.cidr_block = n.cidr;
  m.is_default_for_region = n.is_default;
  const bool configured_empty = m.ip_range_cidr.is_known() && m.ip_range_cidr.value.empty();
  if (!configured_empty) m.ip_range_cidr = n.cidr;
  m.created_at_rfc3339 = fw::Maybe<std::string>::Null();
}

class VpcResource final : public fw::Resource<Vpc> {
 public:
  explicit VpcResource(std::shared_ptr<const ProviderContext> context)
      : fw::Resource<Vpc>({.type_name = "civo_vpc",
                           .description = "A Civo network (Planton `CivoVpc`). Renaming is in place; "
                                          "another range, default flag or region replaces it. Delete "
                                          "waits while instances on it are being deleted, and fails "
                                          "naming whatever else still uses it.",
                           .needs_configuration = true},
                          VpcObject()),
        context_(std::move(context)) {}

 protected:
  void Create(const fw::Context& ctx, const fw::Change<Vpc>& c, fw::NewState<Vpc>& out,
              Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const std::string region = RegionFor(c.planned.region, s);
    const auto opts = s.Call(region, std::chrono::steady_clock::now() + kKindOperationTimeout);
    civoapi::NetworkRequest req{c.planned.network_name.value, c.planned.ip_range_cidr.value_or(""),
                                c.planned.is_default_for_region.value_or(false)};
    auto before = Labelled(*s.client, req.label, opts);
    if (!before.ok()) return AddApiError(diags, "Could not list networks before creating one", before.status());
    auto id = CreateOnce(
        opts, [&] { return s.client->CreateNetworkWith(req, opts); },
        [&]() -> absl::StatusOr<std::optional<std::string>> {
          auto now = Labelled(*s.client, req.label, opts);
          if (!now.ok()) return now.status();
          std::vector<std::string> fresh;
          for (const std::string& i : *now) {
            if (std::find(before->begin(), before->end(), i) == before->end()) fresh.push_back(i);
          }
          if (fresh.size() == 1) return std::optional<std::string>(fresh.front());
          return std::optional<std::string>();
        });
    if (!id.ok()) return AddApiError(diags, "Could not create the network", id.status());
    out.state.id = *id;
    out.state.network_id = *id;
    if (!out.state.region.is_known()) out.state.region = region;
    auto n = s.client->GetNetwork(*id, opts);
    if (!n.ok()) {
      out.keep_on_error = true;
      out.state.cidr_block = "";
      out.state.created_at_rfc3339 = fw::Maybe<std::string>::Null();
      if (!out.state.ip_range_cidr.is_known()) out.state.ip_range_cidr = "";
      return AddApiError(diags, "Created the network but could not read it back", n.status());
    }
    Fill(*n, out.state);
  }

  void ReadState(const fw::Context& ctx, fw::NewState<Vpc>& out, Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(out.state.region, s), std::chrono::steady_clock::now() + std::chrono::minutes(5));
    auto n = s.client->GetNetwork(out.state.id.value, opts);
    if (civoapi::IsNotFound(n.status())) {
      out.gone = true;
      return;
    }
    if (!n.ok()) return AddApiError(diags, "Could not read the network", n.status());
    Fill(*n, out.state);
  }

  void Update(const fw::Context& ctx, const fw::Change<Vpc>& c, fw::NewState<Vpc>& out,
              Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(c.prior.region, s), std::chrono::steady_clock::now() + kKindOperationTimeout);
    const std::string id = c.prior.id.value;
    const std::string label = c.planned.network_name.value;
    if (label != c.prior.network_name.value) {
      absl::Status st = ChangeOnce(
          opts, [&] { return s.client->RenameNetwork(id, label, opts); },
          [&]() -> absl::StatusOr<bool> {
            auto n = s.client->GetNetwork(id, opts);
            if (!n.ok()) return n.status();
            return n->name == label;
          });
      if (!st.ok()) return AddApiError(diags, "Could not rename the network", st, AttributePath::Root("network_name"));
    }
  }

  void Delete(const fw::Context& ctx, const fw::Change<Vpc>& c, Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(c.prior.region, s), std::chrono::steady_clock::now() + kKindOperationTimeout);
    const std::string id = c.prior.id.value;
    if (absl::Status st = WaitUntilNetworkUnused(*s.client, id, opts); !st.ok()) {
      return AddApiError(diags, absl::StrCat("Cannot delete network ", c.prior.network_name.value_or(id)), st);
    }
    absl::Status st = DeleteOnce(
        opts, [&] { return s.client->DeleteNetwork(id, opts); },
        [&]() -> absl::StatusOr<bool> {
          auto n = s.client->GetNetwork(id, opts);
          if (civoapi::IsNotFound(n.status())) return true;
          if (!n.ok()) return n.status();
          return false;
        });
    if (!st.ok()) AddApiError(diags, "Could not delete the network", st);
  }

  void ImportState(const fw::Context& ctx, const std::string& import_id, fw::NewState<Vpc>& out,
                   Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    auto where = ParseImportId(import_id, s, "network", diags);
    if (!where) return;
    const auto opts = s.Call(where->region, std::chrono::steady_clock::now() + std::chrono::minutes(5));
    auto n = s.client->GetNetwork(where->id, opts);
    if (!n.ok()) {
      return AddApiError(diags,
                         civoapi::IsNotFound(n.status())
                             ? absl::StrCat("No network ", tfplugin::QuoteValue(where->id), " in region ", where->region)
                             : "Could not read the network to import",
                         n.status());
    }
    out.state.region = where->region;
    Fill(*n, out.state);
  }

 private:
  // Ids of the region's networks labelled `label`.
  static absl::StatusOr<std::vector<std::string>> Labelled(civoapi::Client& client, const std::string& label,
                                                           const civoapi::CallOptions& opts) {
    auto all = client.ListNetworks(opts);
    if (!all.ok()) return all.status();
    std::vector<std::string> ids;
    for (const civoapi::Network& n : *all) {
      if (n.name == label) ids.push_back(n.id);
    }
    return ids;
  }

  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::shared_ptr<const fw::ObjectSpec> VpcDeclaration() { return VpcObject().spec(); }

std::unique_ptr<tfplugin::Resource> NewVpcResource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<VpcResource>(std::move(context));
}

}  // namespace resources::vpc
