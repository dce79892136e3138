// Delete: attachments released first (only what is still this instance's),
// then the instance, waited for until gone. Already gone is success.
#include <chrono>
#include <set>
#include <string>

#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/compute_instance/attachments.h"
#include "resources/compute_instance/change_checks.h"
#include "resources/compute_instance/compute_instance_resource.h"

namespace resources::compute_instance {

// On an error the prior state stays (the framework's rule).
void ComputeInstanceResource::Delete(const Context& ctx,
                                     const tfplugin::fw::Change<InstanceConfig>& change,
                                     Diagnostics& diags) {
  const InstanceConfig& prior = change.prior;
  const Maybe<std::string>& id = prior.id;
  if (!id.is_known() || id.value.empty()) return;  // nothing was ever created
  const ApiSession session = Session(ctx);
  const auto deadline = std::chrono::steady_clock::now() + prior.Timeout(&Timeouts::del);
  const std::string region = prior.region.is_known() ? prior.region.value : session.default_region;
  const civoapi::CallOptions opts = session.Call(region, deadline);
  civoapi::Client& client = *session.client;
  const AttachTarget target{client, opts, id.value};

  auto inst = client.GetInstance(id.value, opts);
  if (civoapi::IsNotFound(inst.status())) return;  // already gone
  if (!inst.ok()) {
    AddApiError(diags, "Could not look up the instance to delete", inst.status());
    return;
  }

  // Release attachments first so they persist, but only what the API says is
  // still this instance's.
  if (!inst->reserved_ip_id.empty()) {
    if (auto s = UnassignReservedIpIfOurs(target, inst->reserved_ip_id); !s.ok()) {
      AddApiError(diags, "Could not unassign the reserved IP", s);
      return;
    }
  }
  std::set<std::string> volumes(inst->volume_ids.begin(), inst->volume_ids.end());
  const auto& recorded = prior.attached_volume_ids;
  if (recorded.is_known()) volumes.insert(recorded.value.begin(), recorded.value.end());
  for (const auto& v : volumes) {
    if (auto s = DetachVolumeIfOurs(target, v); !s.ok()) {
      AddApiError(diags, "Could not detach a volume", s);
      return;
    }
  }

  // An ambiguous DELETE is settled by looking: gone or DELETING means it
  // was carried out.
  if (auto s = ChangeOnce(
          opts,
          [&] {
            absl::Status d = client.DeleteInstance(id.value, opts);
            return civoapi::IsNotFound(d) ? absl::OkStatus() : d;
          },
          InstanceGoingOrGone(client, opts, id.value));
      !s.ok()) {
    AddApiError(diags, "Could not delete the instance", s);
    return;
  }
  auto gone = client.WaitInstance(
      id.value, [](const civoapi::Instance&) { return false; }, opts);
  if (!civoapi::IsNotFound(gone.status())) {
    AddApiError(diags, "The instance was not deleted in time",
                gone.ok() ? absl::DeadlineExceededError("the instance still exists")
                          : gone.status());
  }
}

}  // namespace resources::compute_instance
