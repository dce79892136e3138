// A typed view of a civo_compute_instance object (config, planned or prior
// state): every attribute, each null, unknown or known. declaration.cc binds
// the fields to their attribute names.
#ifndef RESOURCES_COMPUTE_INSTANCE_MODEL_H_
#define RESOURCES_COMPUTE_INSTANCE_MODEL_H_

#include <chrono>
#include <string>
#include <vector>

#include "resources/cty_access.h"
#include "resources/value_or_ref.h"

namespace resources::compute_instance {

inline constexpr std::chrono::minutes kDefaultTimeout{30};

// The `timeouts` object as written (durations such as "30m").
struct Timeouts {
  Maybe<std::string> create, update, del;
  friend bool operator==(const Timeouts&, const Timeouts&) = default;
};

struct InstanceConfig {
  Maybe<std::string> instance_name;
  Maybe<std::string> region;
  Maybe<std::string> size;
  Maybe<std::string> image;
  ValueOrRef network;
  Maybe<std::vector<std::string>> ssh_key_ids;
  Maybe<std::vector<ValueOrRef>> firewall_ids;
  Maybe<std::vector<ValueOrRef>> volume_ids;
  ValueOrRef reserved_ip;
  Maybe<std::vector<std::string>> tags;
  Maybe<std::string> user_data;
  Maybe<Timeouts> timeouts;
  // Computed.
  Maybe<std::string> id, instance_id, public_ipv4, private_ipv4, status, created_at_rfc3339,
      network_id, firewall_id, reserved_ip_address, disk_image_id, initial_user;
  Maybe<std::vector<std::string>> attached_volume_ids;
  Maybe<int64_t> cpu_cores, ram_mb, disk_gb;

  // The first SSH key ("" when none); unknown when the list is.
  Maybe<std::string> FirstSshKey() const;
  // The first firewall reference (null when the list is null or empty).
  ValueOrRef FirstFirewall() const;
  // Tags as a list, null read as empty.
  std::vector<std::string> TagsOrEmpty() const;
  // A timeout as configured; the default when unset (or invalid: validation
  // reports that).
  std::chrono::milliseconds Timeout(Maybe<std::string> Timeouts::*which) const;

  friend bool operator==(const InstanceConfig&, const InstanceConfig&) = default;
};

// A known string, else "".
inline std::string OrEmpty(const Maybe<std::string>& m) { return m.is_known() ? m.value : ""; }

// The marker tag that makes a create call recognisable ("tfc-" + hex). It is
// removed once the instance is ACTIVE and never shown in `tags`.
bool IsCreateMarkerTag(const std::string& tag);
std::string NewCreateMarkerTag();

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_MODEL_H_
