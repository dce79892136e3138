#include "resources/compute_instance/change_once.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"

namespace resources::compute_instance {

namespace {

// Calls after ambiguous failures that left the change missing (each round
// costs the failed call and a read, and the deadline bounds them too). Enough
// that a server failing a fifth of all requests at random almost never
// exhausts them (0.2^8 is about 3e-6).
constexpr int kMaxAttempts = 8;

bool InstanceSettled(const civoapi::Instance& i) {
  const std::string s = absl::AsciiStrToUpper(i.status);
  return s == "ACTIVE" || s == "SHUTOFF";
}

bool VolumeSettled(const civoapi::Volume& v) {
  const std::string s = absl::AsciiStrToLower(v.status);
  return s != "attaching" && s != "detaching";
}

}  // namespace

bool MayHaveTakenEffect(const absl::Status& status) {
  auto e = civoapi::GetApiError(status);
  return e.has_value() && e->ambiguous;
}

absl::Status MakeChange(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const ChangeCheck& in_place) {
  absl::Status last;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    last = call();
    if (last.ok() || !MayHaveTakenEffect(last)) return last;
    absl::StatusOr<bool> done = in_place();
    if (!done.ok()) {
      return absl::Status(done.status().code(),
                          absl::StrCat(last.message(), "; reading the object back to see whether it did failed: ",
                                       done.status().message()));
    }
    if (*done) return absl::OkStatus();
    if (std::chrono::steady_clock::now() >= opts.deadline) break;
  }
  return last;
}

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
