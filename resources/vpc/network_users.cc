#include "resources/vpc/network_users.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "resources/change_once.h"

namespace resources::vpc {

absl::Status WaitUntilNetworkUnused(civoapi::Client& client, const std::string& network_id,
                                    const civoapi::CallOptions& opts) {
  std::chrono::milliseconds pause{250};
  while (true) {
    auto instances = client.ListInstances(opts);
    if (!instances.ok()) return instances.status();
    auto volumes = client.ListVolumes(opts);
    if (!volumes.ok()) return volumes.status();
    std::vector<std::string> going, staying;
    for (const civoapi::Instance& i : *instances) {
      if (i.network_id != network_id) continue;
      std::string who = absl::StrCat("instance ", i.hostname, " (", i.id, ", ", i.status, ")");
      (absl::AsciiStrToUpper(i.status) == "DELETING" ? going : staying).push_back(std::move(who));
    }
    for (const civoapi::Volume& v : *volumes) {
      if (v.network_id == network_id) staying.push_back(absl::StrCat("volume ", v.name, " (", v.id, ")"));
    }
    if (!staying.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the network is still used by ", absl::StrJoin(staying, ", "),
                       going.empty() ? "" : absl::StrCat(" (and being released by ", absl::StrJoin(going, ", "), ")"),
                       "; delete or move them first"));
    }
    if (going.empty()) return absl::OkStatus();
    if (!PauseWithin(opts, pause)) {
      if (opts.cancel != nullptr && opts.cancel->cancelled()) return absl::CancelledError("wait cancelled");
      return absl::DeadlineExceededError(
          absl::StrCat("the network is still used by ", absl::StrJoin(going, ", "), ", which are being deleted"));
    }
    pause = std::min(pause * 2, std::chrono::milliseconds(2000));
  }
}

}  // namespace resources::vpc
