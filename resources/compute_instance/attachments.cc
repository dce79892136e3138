#include "resources/compute_instance/attachments.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/compute_instance/change_checks.h"

namespace resources::compute_instance {

namespace {

// "web-1 (1234-...)" when the holder can still be looked up, else the id.
std::string DescribeInstance(const AttachTarget& t, const std::string& id) {
  auto inst = t.client.GetInstance(id, t.opts);
  if (inst.ok() && !inst->hostname.empty()) return absl::StrCat(inst->hostname, " (", id, ")");
  return id;
}

bool Detached(const civoapi::Volume& v) {
  return v.instance_id.empty() && v.status != "detaching";
}

// A check for a release: an object that no longer exists is released too.
ChangeCheck GoneCountsAsDone(ChangeCheck check) {
  return [check = std::move(check)]() -> absl::StatusOr<bool> {
    absl::StatusOr<bool> done = check();
    if (civoapi::IsNotFound(done.status())) return true;
    return done;
  };
}

// Detaches `volume_id` from `holder` (this instance or another). A volume
// already gone counts as detached.
absl::Status Detach(const AttachTarget& t, const std::string& volume_id, const std::string& holder) {
  return ChangeOnce(
      t.opts,
      [&] {
        absl::Status s = t.client.DetachVolume(volume_id, t.opts);
        return civoapi::IsNotFound(s) ? absl::OkStatus() : s;
      },
      GoneCountsAsDone(SettledVolumeShows(
          t.client, t.opts, volume_id, [&](const civoapi::Volume& v) { return v.instance_id != holder; })));
}

// Unassigns `ip_id` from `holder` (this instance or another).
absl::Status Unassign(const AttachTarget& t, const std::string& ip_id, const std::string& holder) {
  return ChangeOnce(
      t.opts, [&] { return t.client.UnassignReservedIp(ip_id, t.opts); },
      GoneCountsAsDone(ReservedIpShows(
          t.client, t.opts, ip_id, [&](const civoapi::ReservedIp& ip) { return ip.assigned_to_id != holder; })));
}

}  // namespace

absl::Status AttachVolumeTakingOver(const AttachTarget& t, const std::string& volume_id,
                                    tfplugin::Diagnostics& diags) {
  auto vol = t.client.GetVolume(volume_id, t.opts);
  if (!vol.ok()) return vol.status();
  if (vol->instance_id == t.instance_id) return absl::OkStatus();
  if (!vol->instance_id.empty()) {
    const std::string holder = DescribeInstance(t, vol->instance_id);
    if (auto s = Detach(t, volume_id, vol->instance_id); !s.ok()) return s;
    auto detached = t.client.WaitVolume(volume_id, Detached, t.opts);
    if (!detached.ok()) return detached.status();
    diags.AddWarning("Volume moved from another instance",
                     absl::StrCat("Volume ", vol->name.empty() ? volume_id : vol->name, " (",
                                  volume_id, ") was attached to instance ", holder,
                                  "; it has been detached from it and attached to this one."));
  }
  if (auto s = ChangeOnce(
          t.opts, [&] { return t.client.AttachVolume(volume_id, t.instance_id, t.opts); },
          SettledVolumeShows(t.client, t.opts, volume_id,
                             [&](const civoapi::Volume& v) { return v.instance_id == t.instance_id; }));
      !s.ok()) {
    return s;
  }
  auto attached = t.client.WaitVolume(
      volume_id,
      [&](const civoapi::Volume& v) {
        return v.instance_id == t.instance_id && v.status != "attaching";
      },
      t.opts);
  return attached.status();
}

absl::Status DetachVolumeIfOurs(const AttachTarget& t, const std::string& volume_id) {
  auto vol = t.client.GetVolume(volume_id, t.opts);
  if (civoapi::IsNotFound(vol.status())) return absl::OkStatus();
  if (!vol.ok()) return vol.status();
  if (vol->instance_id != t.instance_id) return absl::OkStatus();  // someone else's now
  if (auto s = Detach(t, volume_id, t.instance_id); !s.ok()) return s;
  return t.client.WaitVolume(volume_id, Detached, t.opts).status();
}

absl::Status AssignReservedIpTakingOver(const AttachTarget& t, const std::string& ip_id,
                                        tfplugin::Diagnostics& diags) {
  auto ip = t.client.GetReservedIp(ip_id, t.opts);
  if (!ip.ok()) return ip.status();
  if (ip->assigned_to_id == t.instance_id) return absl::OkStatus();
  if (!ip->assigned_to_id.empty()) {
    const std::string holder = DescribeInstance(t, ip->assigned_to_id);
    if (auto s = Unassign(t, ip_id, ip->assigned_to_id); !s.ok()) return s;
    diags.AddWarning("Reserved IP moved from another instance",
                     absl::StrCat("Reserved IP ", ip->ip, " (", ip_id,
                                  ") was assigned to instance ", holder,
                                  "; it has been unassigned from it and assigned to this one."));
  }
  return ChangeOnce(
      t.opts, [&] { return t.client.AssignReservedIp(ip_id, t.instance_id, t.opts); },
      ReservedIpShows(t.client, t.opts, ip_id,
                      [&](const civoapi::ReservedIp& ip) { return ip.assigned_to_id == t.instance_id; }));
}

absl::Status UnassignReservedIpIfOurs(const AttachTarget& t, const std::string& ip_id) {
  auto ip = t.client.GetReservedIp(ip_id, t.opts);
  if (civoapi::IsNotFound(ip.status())) return absl::OkStatus();
  if (!ip.ok()) return ip.status();
  if (ip->assigned_to_id != t.instance_id) return absl::OkStatus();
  return Unassign(t, ip_id, t.instance_id);
}

}  // namespace resources::compute_instance
