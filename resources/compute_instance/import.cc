#include "resources/compute_instance/import.h"

#include <chrono>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "civoapi/errors.h"
#include "resources/compute_instance/api_errors.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/read.h"
#include "resources/compute_instance/resolve.h"
#include "resources/compute_instance/spec.h"
#include "resources/compute_instance/state_mapping.h"
#include "resources/cty_access.h"
#include "resources/limits.h"
#include "resources/value_or_ref.h"
#include "tfplugin/quote.h"

namespace resources::compute_instance {

using tfplugin::Diagnostics;
using tfplugin::cty::Value;

std::vector<tfplugin::ImportedObject> ImportInstance(const ApiSession& session,
                                                     const std::string& import_id,
                                                     Diagnostics& diags) {
  std::string region = session.default_region;
  std::string id = import_id;
  if (auto slash = import_id.find('/'); slash != std::string::npos) {
    region = absl::AsciiStrToUpper(import_id.substr(0, slash));
    id = import_id.substr(slash + 1);
  }
  if (id.empty() || region.empty() || id.find('/') != std::string::npos ||
      id.size() > kMaxNameLength || region.size() > kMaxRegionLength) {
    diags.AddError("Invalid import id",
                   absl::StrCat("Expected REGION/ID or ID (the instance UUID), got ",
                                tfplugin::QuoteValue(import_id), "."));
    return {};
  }
  const civoapi::CallOptions opts =
      session.Call(region, std::chrono::steady_clock::now() + std::chrono::minutes(5));
  auto inst = session.client->GetInstance(id, opts);
  if (!inst.ok()) {
    AddApiError(diags,
                civoapi::IsNotFound(inst.status())
                    ? absl::StrCat("No instance ", tfplugin::QuoteValue(id), " in region ", region)
                    : "Could not read the instance to import",
                inst.status());
    return {};
  }

  auto string_or_null = [](const std::string& v) {
    return v.empty() ? Maybe<std::string>::Null() : Maybe<std::string>::Known(v);
  };
  auto by_id = [](const std::string& v) {
    ValueOrRef r;
    r.form = ValueOrRef::Form::kValue;
    r.value = v;
    return r;
  };
  InstanceConfig m;  // every attribute null
  m.region = inst->region.empty() ? region : inst->region;
  m.image = string_or_null(inst->source_id);
  if (!inst->network_id.empty()) m.network = by_id(inst->network_id);
  if (!inst->ssh_key_id.empty()) m.ssh_key_ids = std::vector<std::string>{inst->ssh_key_id};
  m.user_data = string_or_null(inst->script);
  // Attached volumes import as a managed list naming them by id, so a config
  // that lists them is a no-op; none attached imports as null (unmanaged).
  if (!inst->volume_ids.empty()) {
    std::vector<ValueOrRef> volumes;
    for (const std::string& v : inst->volume_ids) volumes.push_back(by_id(v));
    m.volume_ids = std::move(volumes);
  }
  if (!inst->reserved_ip_id.empty()) m.reserved_ip = by_id(inst->reserved_ip_id);
  // The firewall by id, marked as read from the API (firewall.h): a config
  // naming it and a config without firewall_ids both plan no change.
  m.firewall_ids = FirewallIdsAsRead(inst->firewall_id);
  const std::string private_data = WithFirewallIdsFromApi("", !inst->firewall_id.empty());

  Value s = RefreshFromApi(InstanceObject().Encode(m), *inst);
  const InstanceConfig refreshed = InstanceObject().Decode(s);
  InstanceConfig tidy = refreshed;
  Resolver resolver(session, Maybe<std::string>::Known(region));
  Diagnostics lookup;  // a failed lookup only makes the import less tidy
  if (tidy.image.is_null()) tidy.image = string_or_null(resolver.ImageName(inst->disk_image_id));
  if (tidy.disk_image_id.is_null() && !inst->source_id.empty()) {
    Resolution img = resolver.Image(Maybe<std::string>::Known(inst->source_id), {}, lookup);
    if (img.known()) tidy.disk_image_id = img.id;
  }
  s = InstanceObject().Merge(s, refreshed, tidy);
  s = UnknownsToNull(s);
  return {tfplugin::ImportedObject{s, private_data}};
}

}  // namespace resources::compute_instance
