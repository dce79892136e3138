// The checks with which the instance's mutating calls go through ChangeOnce
// (resources/change_once.h): each reads the object and tells whether the
// change is in place, so an ambiguous failure is repeated only when not.
#ifndef RESOURCES_COMPUTE_INSTANCE_CHANGE_CHECKS_H_
#define RESOURCES_COMPUTE_INSTANCE_CHANGE_CHECKS_H_

#include <functional>
#include <string>
#include <vector>

#include "civoapi/client.h"
#include "resources/change_once.h"

namespace resources::compute_instance {

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

#endif  // RESOURCES_COMPUTE_INSTANCE_CHANGE_CHECKS_H_
