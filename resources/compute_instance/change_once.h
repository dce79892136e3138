// Calls that change something, never repeated blindly (SPEC.md, lifecycle).
// civoapi hands back, without retrying, a failure after which the change may
// have been made (500, 502, 504, a connection dropped after the request was
// sent, a timeout). MakeChange then reads the object, waiting out states in
// which it is still changing, and compares it with what the call was to do:
// the call is repeated only when that is still missing. Every mutating call of
// this resource goes through here, each with the check that fits it.
#ifndef RESOURCES_COMPUTE_INSTANCE_CHANGE_ONCE_H_
#define RESOURCES_COMPUTE_INSTANCE_CHANGE_ONCE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civoapi/client.h"

namespace resources::compute_instance {

// Whether the change is in place as the API shows it now.
using ChangeCheck = std::function<absl::StatusOr<bool>()>;

// Makes `call`; after an ambiguous failure asks `in_place` and repeats the
// call only when it says no (a few times at most, within opts.deadline).
// Other failures and cancellation are returned as they are.
absl::Status MakeChange(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const ChangeCheck& in_place);

// True when the failure may have taken effect (civoapi's ambiguous flag).
bool MayHaveTakenEffect(const absl::Status& status);

// Checks that read the object. The `Settled` ones first wait until it is no
// longer changing (an instance ACTIVE or SHUTOFF, e.g. after REBOOTING or
// RESIZING; a volume neither attaching nor detaching).
ChangeCheck InstanceShows(civoapi::Client& client, const civoapi::CallOptions& opts,
                          const std::string& id, std::function<bool(const civoapi::Instance&)> wanted);
ChangeCheck SettledInstanceShows(civoapi::Client& client, const civoapi::CallOptions& opts,
                                 const std::string& id,
                                 std::function<bool(const civoapi::Instance&)> wanted);
ChangeCheck SettledVolumeShows(civoapi::Client& client, const civoapi::CallOptions& opts,
                               const std::string& volume_id,
                               std::function<bool(const civoapi::Volume&)> wanted);
ChangeCheck ReservedIpShows(civoapi::Client& client, const civoapi::CallOptions& opts,
                            const std::string& ip_id,
                            std::function<bool(const civoapi::ReservedIp&)> wanted);
// The instance's tags are exactly `tags`, in any order (Civo keeps them as
// one space-separated string).
ChangeCheck InstanceTagsAre(civoapi::Client& client, const civoapi::CallOptions& opts,
                            const std::string& id, std::vector<std::string> tags);
// The instance is gone or being deleted.
ChangeCheck InstanceGoingOrGone(civoapi::Client& client, const civoapi::CallOptions& opts,
                                const std::string& id);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_CHANGE_ONCE_H_
