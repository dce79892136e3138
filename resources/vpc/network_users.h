// What still uses a network: the instances and volumes on it. A delete waits
// while the only users are instances being deleted (Civo refuses to delete
// a network that still has them), and fails at once naming any other user.
#ifndef RESOURCES_VPC_NETWORK_USERS_H_
#define RESOURCES_VPC_NETWORK_USERS_H_

#include <string>

#include "absl/status/status.h"
#include "civoapi/client.h"

namespace resources::vpc {

// OK once nothing uses the network; FailedPrecondition naming the users
// that are not going away; DeadlineExceeded naming those still going away.
absl::Status WaitUntilNetworkUnused(civoapi::Client& client, const std::string& network_id,
                                    const civoapi::CallOptions& opts);

}  // namespace resources::vpc

#endif  // RESOURCES_VPC_NETWORK_USERS_H_
