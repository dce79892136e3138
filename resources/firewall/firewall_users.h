// What still uses a firewall. Civo refuses to delete a firewall while any
// instance has it, including instances still being deleted — the official
// provider fails there (civo/terraform-provider-civo#410). A delete here
// waits while the only users are instances going away, and fails at once
// naming any other user.
#ifndef RESOURCES_FIREWALL_FIREWALL_USERS_H_
#define RESOURCES_FIREWALL_FIREWALL_USERS_H_

#include <string>

#include "absl/status/status.h"
#include "civoapi/client.h"

namespace resources::firewall {

// OK once nothing uses the firewall (or it is gone); FailedPrecondition
// naming users that are not going away; DeadlineExceeded naming those still
// going away when time runs out.
absl::Status WaitUntilFirewallUnused(civoapi::Client& client, const std::string& firewall_id,
                                     const civoapi::CallOptions& opts);

}  // namespace resources::firewall

#endif  // RESOURCES_FIREWALL_FIREWALL_USERS_H_
