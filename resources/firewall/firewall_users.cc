#include "resources/firewall/firewall_users.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "civoapi/errors.h"
#include "resources/change_once.h"

namespace resources::firewall {

absl::Status WaitUntilFirewallUnused(civoapi::Client& client, const std::string& firewall_id,
                                     const civoapi::CallOptions& opts) {
  std::chrono::milliseconds pause{250};
  while (true) {
    auto fw = client.GetFirewall(firewall_id, opts);
    if (civoapi::IsNotFound(fw.status())) return absl::OkStatus();
    if (!fw.ok()) return fw.status();
    auto instances = client.ListInstances(opts);
    if (!instances.ok()) return instances.status();
    std::vector<std::string> going, staying;
    for (const civoapi::Instance& i : *instances) {
      if (i.firewall_id != firewall_id) continue;
      std::string who = absl::StrCat("instance ", i.hostname, " (", i.id, ", ", i.status, ")");
      (absl::AsciiStrToUpper(i.status) == "DELETING" ? going : staying).push_back(std::move(who));
    }
    if (fw->cluster_count > 0) staying.push_back(absl::StrCat(fw->cluster_count, " Kubernetes cluster(s)"));
    if (fw->loadbalancer_count > 0) staying.push_back(absl::StrCat(fw->loadbalancer_count, " load balancer(s)"));
    if (!staying.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the firewall is still used by ", absl::StrJoin(staying, ", "),
                       going.empty() ? "" : absl::StrCat(" (and being released by ", absl::StrJoin(going, ", "), ")"),
                       "; move them to another firewall or delete them first"));
    }
    if (going.empty()) return absl::OkStatus();
    if (!PauseWithin(opts, pause)) {
      if (opts.cancel != nullptr && opts.cancel->cancelled()) return absl::CancelledError("wait cancelled");
      return absl::DeadlineExceededError(
          absl::StrCat("the firewall is still used by ", absl::StrJoin(going, ", "), ", which are being deleted"));
    }
    pause = std::min(pause * 2, std::chrono::milliseconds(2000));
  }
}

}  // namespace resources::firewall
