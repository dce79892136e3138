#include "resources/ip_address/ip_address_resource.h"

#include <chrono>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/call_budget.h"
#include "resources/change_once.h"
#include "resources/import_id.h"
#include "resources/region_attribute.h"
#include "tfplugin/quote.h"

namespace resources::ip_address {
namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;

struct IpModel {
  fw::Maybe<std::string> id, region, description;
  fw::Maybe<std::string> reserved_ip_id, ip_address, attached_resource_id, created_at_rfc3339;
};

fw::Object<IpModel> IpObject() {
  return fw::Object<IpModel>()
      .Add(fw::Attr("id", &IpModel::id).Computed().Modify(fw::UseStateForUnknown()).Description("The reserved IP's id."))
      .Add(fw::Attr("region", &IpModel::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Modify(ReplaceUnlessOnlyCaseChanges("reserved IP"))
               .Description(RegionDescription()))
      .Add(fw::Attr("description", &IpModel::description)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, 100))
               .Description("The reserved IP's name at Civo; changed in place. Unset: Civo's own name "
                            "for it."))
      .Add(fw::Attr("reserved_ip_id", &IpModel::reserved_ip_id)
               .Computed()
               .Modify(fw::UseStateForUnknown())
               .Description("The reserved IP's id (Planton output `reserved_ip_id`)."))
      .Add(fw::Attr("ip_address", &IpModel::ip_address)
               .Computed()
               .Modify(fw::UseStateForUnknown())
               .Description("The public IPv4 address."))
      .Add(fw::Attr("attached_resource_id", &IpModel::attached_resource_id)
               .Computed()
               .Description("The instance it is assigned to, empty when unassigned. The instance "
                            "resource (`reserved_ip_id`) owns the assignment."))
      .Add(fw::Attr("created_at_rfc3339", &IpModel::created_at_rfc3339)
               .Computed()
               .Modify(fw::UseStateForUnknown())
               .Description("When this provider saw Civo create the IP (RFC 3339). Civo's API does "
                            "not report a creation time for reserved IPs, so an imported IP has none."));
}

void FillFromApi(const civoapi::ReservedIp& ip, IpModel& m) {
  m.id = ip.id;
  m.reserved_ip_id = ip.id;
  m.description = ip.name;
  m.ip_address = ip.ip;
  m.attached_resource_id = ip.assigned_to_id;
}

// The region's reserved IP of that name, if exactly one.
absl::StatusOr<std::optional<civoapi::ReservedIp>> FindByName(civoapi::Client& client,
                                                             const civoapi::CallOptions& opts,
                                                             const std::string& name) {
  auto all = client.ListReservedIps(opts);
  if (!all.ok()) return all.status();
  std::optional<civoapi::ReservedIp> found;
  for (const civoapi::ReservedIp& ip : *all) {
    if (ip.name != name) continue;
    if (found.has_value()) return std::optional<civoapi::ReservedIp>();  // ambiguous: do not adopt
    found = ip;
  }
  return found;
}

class IpAddressResource final : public fw::Resource<IpModel> {
 public:
  explicit IpAddressResource(std::shared_ptr<const ProviderContext> context)
      : fw::Resource<IpModel>({.type_name = "civo_ip_address",
                               .description = "A Civo reserved IP (Project Planton's CivoIpAddress). "
                                              "Assign it with the instance's `reserved_ip_id`; "
                                              "destroying it unassigns it first, so one destroy is "
                                              "enough.",
                               .needs_configuration = true},
                              IpObject()),
        context_(std::move(context)) {}

 protected:
  void ModifyPlan(const fw::Context& ctx, fw::PlanChange<IpModel>& plan, Diagnostics&) override {
    const ApiSession session = context_->Session(ctx.request());
    if (plan.create) PlanDefaultRegion(plan.config.region, plan.planned.region, session);
  }

  void Create(const fw::Context& ctx, const fw::Change<IpModel>& c, fw::NewState<IpModel>& out,
              Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::string region = RegionFor(c.planned.region, session);
    const civoapi::CallOptions opts = CallIn(session, region);
    const std::string name = c.planned.description.value_or("");
    std::optional<civoapi::ReservedIp> made;
    absl::Status last;
    for (int attempt = 0; attempt < 4 && !made.has_value(); ++attempt) {
      auto ip = session.client->CreateReservedIp(name, opts);
      if (ip.ok()) {
        made = *ip;
        break;
      }
      last = ip.status();
      // Ambiguous: adopt the IP if the call made it (found by its name; an
      // unnamed one cannot be told apart, so it is not repeated).
      if (!MayHaveTakenEffect(last) || name.empty()) break;
      auto found = FindByName(*session.client, opts, name);
      if (!found.ok()) break;
      if (found->has_value()) made = **found;
    }
    if (!made.has_value()) return AddApiError(diags, "Could not reserve the IP", last);
    out.state.region = c.planned.region.is_known() ? c.planned.region : fw::Maybe<std::string>::Known(region);
    out.state.created_at_rfc3339 = absl::FormatTime(absl::RFC3339_sec, absl::Now(), absl::UTCTimeZone());
    FillFromApi(*made, out.state);
    if (made->ip.empty()) {  // create answers may omit it: read it back
      out.keep_on_error = true;
      auto ip = session.client->GetReservedIp(made->id, opts);
      if (!ip.ok()) return AddApiError(diags, "The IP was reserved but could not be read", ip.status());
      FillFromApi(*ip, out.state);
    }
  }

  void ReadState(const fw::Context& ctx, fw::NewState<IpModel>& out, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const civoapi::CallOptions opts = CallIn(session, RegionFor(out.state.region, session));
    auto ip = session.client->GetReservedIp(out.state.id.value, opts);
    if (civoapi::IsNotFound(ip.status())) {
      out.gone = true;
      return;
    }
    if (!ip.ok()) return AddApiError(diags, "Could not read the reserved IP", ip.status());
    FillFromApi(*ip, out.state);
  }

  void Update(const fw::Context& ctx, const fw::Change<IpModel>& c, fw::NewState<IpModel>& out,
              Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const civoapi::CallOptions opts = CallIn(session, RegionFor(c.prior.region, session));
    const std::string& id = c.prior.id.value;
    if (c.planned.description.is_known() && c.planned.description.value != c.prior.description.value_or("")) {
      const std::string name = c.planned.description.value;
      absl::Status s = ChangeOnce(
          opts, [&] { return session.client->RenameReservedIp(id, name, opts).status(); },
          [&]() -> absl::StatusOr<bool> {
            auto ip = session.client->GetReservedIp(id, opts);
            if (!ip.ok()) return ip.status();
            return ip->name == name;
          });
      if (!s.ok()) {
        return AddApiError(diags, "Could not rename the reserved IP", s, AttributePath::Root("description"));
      }
    }
    auto ip = session.client->GetReservedIp(id, opts);
    if (!ip.ok()) return AddApiError(diags, "Could not read the reserved IP", ip.status());
    FillFromApi(*ip, out.state);
  }

  // Unassigns first and waits until Civo lets the IP go, then deletes it,
  // so one destroy is enough even when its instance is being destroyed in
  // the same run (civo/terraform-provider-civo#252: there the IP's delete
  // failed while the instance was still going away).
  void Delete(const fw::Context& ctx, const fw::Change<IpModel>& c, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const civoapi::CallOptions opts = CallIn(session, RegionFor(c.prior.region, session));
    const std::string& id = c.prior.id.value;
    std::chrono::milliseconds pause(200);
    absl::Status last;
    while (true) {
      auto ip = session.client->GetReservedIp(id, opts);
      if (civoapi::IsNotFound(ip.status())) return;
      if (!ip.ok()) return AddApiError(diags, "Could not read the reserved IP to delete", ip.status());
      if (!ip->assigned_to_id.empty()) {
        last = session.client->UnassignReservedIp(id, opts);
        if (civoapi::IsNotFound(last)) return;
      } else {
        last = ChangeOnce(
            opts, [&] { return session.client->DeleteReservedIp(id, opts); },
            [&]() -> absl::StatusOr<bool> {
              auto again = session.client->GetReservedIp(id, opts);
              if (civoapi::IsNotFound(again.status())) return true;
              if (!again.ok()) return again.status();
              return false;
            });
        if (last.ok() || civoapi::IsNotFound(last)) return;
      }
      // Not there yet (the unassign takes effect later, or Civo still holds
      // the IP for an instance being deleted): look again, within the deadline.
      if (civoapi::IsCancelled(last) || std::chrono::steady_clock::now() + pause >= opts.deadline) break;
      if (!PauseWithin(opts, pause)) break;
      pause = std::min(pause * 2, std::chrono::milliseconds(5000));
    }
    AddApiError(diags, "Could not delete the reserved IP",
                       last.ok() ? absl::DeadlineExceededError("the IP stayed assigned") : last);
  }

  void ImportState(const fw::Context& ctx, const std::string& import_id, fw::NewState<IpModel>& out,
                   Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::optional<ImportId> where = ParseImportId(import_id, session, "reserved IP", diags);
    if (!where) return;
    auto ip = session.client->GetReservedIp(where->id, CallIn(session, where->region));
    if (!ip.ok()) {
      return AddApiError(diags,
                                civoapi::IsNotFound(ip.status())
                                    ? absl::StrCat("No reserved IP ", tfplugin::QuoteValue(where->id),
                                                   " in region ", where->region)
                                    : "Could not read the reserved IP to import",
                                ip.status());
    }
    out.state.region = where->region;
    FillFromApi(*ip, out.state);
    out.state.created_at_rfc3339 = fw::Maybe<std::string>::Null();  // Civo does not say
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

// --- data "civo_ip_address" -------------------------------------------------

struct IpData {
  fw::Maybe<std::string> id, region, description, reserved_ip_id, ip_address, attached_resource_id;
};

fw::Object<IpData> IpDataObject() {
  return fw::Object<IpData>()
      .Add(fw::Attr("id", &IpData::id)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, 255))
               .Description("The reserved IP's id. Exactly one of `id` and `description` is set."))
      .Add(fw::Attr("description", &IpData::description)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, 100))
               .Description("The reserved IP's name at Civo (exact match)."))
      .Add(fw::Attr("region", &IpData::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Description(RegionDescription()))
      .Add(fw::Attr("reserved_ip_id", &IpData::reserved_ip_id).Computed().Description("The reserved IP's id."))
      .Add(fw::Attr("ip_address", &IpData::ip_address).Computed().Description("The public IPv4 address."))
      .Add(fw::Attr("attached_resource_id", &IpData::attached_resource_id)
               .Computed()
               .Description("The instance it is assigned to, empty when unassigned."))
      .Validate(fw::ExactlyOneOf({"id", "description"}));
}

class IpAddressDataSource final : public fw::DataSource<IpData> {
 public:
  explicit IpAddressDataSource(std::shared_ptr<const ProviderContext> context)
      : fw::DataSource<IpData>({.type_name = "civo_ip_address",
                                .description = "Finds one existing Civo reserved IP by id or by name.",
                                .needs_configuration = true},
                               IpDataObject()),
        context_(std::move(context)) {}

 protected:
  void ReadData(const fw::Context& ctx, const IpData& config, IpData& state, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::string region = RegionFor(config.region, session);
    auto all = session.client->ListReservedIps(CallIn(session, region, std::chrono::minutes(2)));
    if (!all.ok()) return AddApiError(diags, "Could not list the reserved IPs", all.status());
    const bool by_id = config.id.is_known();
    const std::string& wanted = by_id ? config.id.value : config.description.value;
    const civoapi::ReservedIp* match = nullptr;
    int matches = 0;
    for (const civoapi::ReservedIp& ip : *all) {
      if ((by_id ? ip.id : ip.name) == wanted) {
        match = &ip;
        ++matches;
      }
    }
    const AttributePath path = AttributePath::Root(by_id ? "id" : "description");
    if (matches != 1) {
      diags.AddError(matches == 0 ? "Reserved IP not found" : "More than one reserved IP matches",
                     matches == 0 ? absl::StrCat("No reserved IP ", by_id ? "with id " : "named ",
                                                 tfplugin::QuoteValue(wanted), " in region ", region, ".")
                                  : absl::StrCat(matches, " reserved IPs are named ", tfplugin::QuoteValue(wanted),
                                                 " in region ", region, "; name one by `id`."),
                     path);
      return;
    }
    state.id = match->id;
    state.description = match->name;
    state.region = config.region.is_known() ? config.region : fw::Maybe<std::string>::Known(region);
    state.reserved_ip_id = match->id;
    state.ip_address = match->ip;
    state.attached_resource_id = match->assigned_to_id;
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::shared_ptr<const fw::ObjectSpec> IpAddressDeclaration() { return IpObject().spec(); }

std::unique_ptr<tfplugin::Resource> NewIpAddressResource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<IpAddressResource>(std::move(context));
}

std::unique_ptr<tfplugin::DataSource> NewIpAddressDataSource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<IpAddressDataSource>(std::move(context));
}

}  // namespace resources::ip_address
