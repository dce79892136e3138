#include "resources/compute_instance/change_checks.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"

namespace resources::compute_instance {

namespace {

bool InstanceSettled(const civoapi::Instance& i) {
  const std::string s = absl::AsciiStrToUpper(i.status);
  return s == "ACTIVE" || s == "SHUTOFF";
}

bool VolumeSettled(const civoapi::Volume& v) {
  const std::string s = absl::AsciiStrToLower(v.status);
  return s != "attaching" && s != "detaching";
}

}  // namespace

ChangeCheck InstanceShows(civoapi::Client& client, const civoapi::CallOptions& opts,
                          const std::string& id, std::function<bool(const civoapi::Instance&)> wanted) {
  return [&client, &opts, id, wanted = std::move(wanted)]() -> absl::StatusOr<bool> {
    auto inst = client.GetInstance(id, opts);
    if (!inst.ok()) return inst.status();
    return wanted(*inst);
  };
}

ChangeCheck SettledInstanceShows(civoapi::Client& client, const civoapi::CallOptions& opts,
                                 const std::string& id,
                                 std::function<bool(const civoapi::Instance&)> wanted) {
  return [&client, &opts, id, wanted = std::move(wanted)]() -> absl::StatusOr<bool> {
    auto inst = client.WaitInstance(id, InstanceSettled, opts);
    if (!inst.ok()) return inst.status();
    return wanted(*inst);
  };
}

ChangeCheck SettledVolumeShows(civoapi::Client& client, const civoapi::CallOptions& opts,
                               const std::string& volume_id,
                               std::function<bool(const civoapi::Volume&)> wanted) {
  return [&client, &opts, volume_id, wanted = std::move(wanted)]() -> absl::StatusOr<bool> {
    auto vol = client.WaitVolume(volume_id, VolumeSettled, opts);
    if (!vol.ok()) return vol.status();
    return wanted(*vol);
  };
}

ChangeCheck ReservedIpShows(civoapi::Client& client, const civoapi::CallOptions& opts,
                            const std::string& ip_id,
                            std::function<bool(const civoapi::ReservedIp&)> wanted) {
  return [&client, &opts, ip_id, wanted = std::move(wanted)]() -> absl::StatusOr<bool> {
    auto ip = client.GetReservedIp(ip_id, opts);
    if (!ip.ok()) return ip.status();
    return wanted(*ip);
  };
}

ChangeCheck InstanceTagsAre(civoapi::Client& client, const civoapi::CallOptions& opts,
                            const std::string& id, std::vector<std::string> tags) {
  std::sort(tags.begin(), tags.end());
  return InstanceShows(client, opts, id, [tags = std::move(tags)](const civoapi::Instance& i) {
    std::vector<std::string> have = i.tags;
    std::sort(have.begin(), have.end());
    return have == tags;
  });
}

ChangeCheck InstanceGoingOrGone(civoapi::Client& client, const civoapi::CallOptions& opts,
                                const std::string& id) {
  return [&client, &opts, id]() -> absl::StatusOr<bool> {
    auto inst = client.GetInstance(id, opts);
    if (civoapi::IsNotFound(inst.status())) return true;
    if (!inst.ok()) return inst.status();
    return absl::AsciiStrToUpper(inst->status) == "DELETING";
  };
}

}  // namespace resources::compute_instance
