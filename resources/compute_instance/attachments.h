// Volumes and reserved IPs moving onto and off an instance. "Taking over"
// is the create_before_destroy handover: an object still held by another
// instance is released from it first, with a warning naming that instance.
// "If ours" is the deposed side: only what still belongs to this instance is
// touched.
#ifndef RESOURCES_COMPUTE_INSTANCE_ATTACHMENTS_H_
#define RESOURCES_COMPUTE_INSTANCE_ATTACHMENTS_H_

#include <string>

#include "absl/status/status.h"
#include "civoapi/client.h"
#include "tfplugin/diagnostics.h"

namespace resources::compute_instance {

struct AttachTarget {
  civoapi::Client& client;
  const civoapi::CallOptions& opts;
  const std::string& instance_id;
};

absl::Status AttachVolumeTakingOver(const AttachTarget& t, const std::string& volume_id,
                                    tfplugin::Diagnostics& diags);
absl::Status DetachVolumeIfOurs(const AttachTarget& t, const std::string& volume_id);

absl::Status AssignReservedIpTakingOver(const AttachTarget& t, const std::string& ip_id,
                                        tfplugin::Diagnostics& diags);
absl::Status UnassignReservedIpIfOurs(const AttachTarget& t, const std::string& ip_id);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_ATTACHMENTS_H_
