// ImportResourceState: `REGION/ID` or `ID` (the provider's region). Fills
// every attribute the API can tell, so the next plan is a no-op for a config
// that names objects as the instance has them.
#include <chrono>
#include <optional>

#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/compute_instance/firewall.h"
#include "resources/compute_instance/resolve.h"
#include "resources/compute_instance/state_mapping.h"
#include "resources/import_id.h"
#include "resources/or_null.h"
#include "tfplugin/quote.h"

namespace resources::compute_instance {

void ComputeInstanceResource::ImportState(const Context& ctx, const std::string& import_id,
                                          tfplugin::fw::NewState<InstanceConfig>& out,
                                          Diagnostics& diags) {
  const ApiSession session = Session(ctx);
  const std::optional<ImportId> where = ParseImportId(import_id, session, "instance", diags);
  if (!where) return;
  const std::string& region = where->region;
  const std::string& id = where->id;
  const civoapi::CallOptions opts =
      session.Call(region, std::chrono::steady_clock::now() + std::chrono::minutes(5));
  auto inst = session.client->GetInstance(id, opts);
  if (!inst.ok()) {
    AddApiError(diags,
                civoapi::IsNotFound(inst.status())
                    ? absl::StrCat("No instance ", tfplugin::QuoteValue(id), " in region ", region)
                    : "Could not read the instance to import",
                inst.status());
    return;
  }

  InstanceConfig m;  // every attribute null
  m.region = inst->region.empty() ? region : inst->region;
  m.image = OrNull(inst->source_id);
  if (!inst->network_id.empty()) m.network = ValueOrRef::Id(inst->network_id);
  if (!inst->ssh_key_id.empty()) m.ssh_key_ids = std::vector<std::string>{inst->ssh_key_id};
  m.user_data = OrNull(inst->script);
  // Attached volumes import as a managed list naming them by id, so a config
  // that lists them is a no-op; none attached imports as null (unmanaged).
  if (!inst->volume_ids.empty()) {
    std::vector<ValueOrRef> volumes;
    for (const std::string& v : inst->volume_ids) volumes.push_back(ValueOrRef::Id(v));
    m.volume_ids = std::move(volumes);
  }
  if (!inst->reserved_ip_id.empty()) m.reserved_ip = ValueOrRef::Id(inst->reserved_ip_id);
  // The firewall by id, marked as read from the API (firewall.h): a config
  // naming it and a config without firewall_ids both plan no change.
  m.firewall_ids = FirewallIdsAsRead(inst->firewall_id);
  out.private_data = WithFirewallIdsFromApi("", !inst->firewall_id.empty());

  m = RefreshFromApi(m, *inst);
  Resolver resolver(session, Maybe<std::string>::Known(region));
  Diagnostics lookup;  // a failed lookup only makes the import less tidy
  if (m.image.is_null()) m.image = OrNull(resolver.ImageName(inst->disk_image_id));
  if (m.disk_image_id.is_null() && !inst->source_id.empty()) {
    Resolution img = resolver.Image(Maybe<std::string>::Known(inst->source_id), {}, lookup);
    if (img.known()) m.disk_image_id = img.id;
  }
  out.state = m;
}

}  // namespace resources::compute_instance
