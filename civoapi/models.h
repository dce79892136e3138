// Typed models of the Civo API objects this client uses. Parsed with
// RapidJSON; unknown fields are ignored and missing ones left at their
// defaults (e.g. IPs are empty while an instance is BUILDING).
#ifndef CIVOAPI_MODELS_H_
#define CIVOAPI_MODELS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace civoapi {

struct Instance {
  std::string id;
  std::string hostname;
  std::string size;
  std::string region;
  std::string network_id;
  std::string firewall_id;
  std::string source_type;   // "diskimage"
  std::string source_id;     // the disk image name
  std::string disk_image_id; // template / disk image UUID, when reported
  std::string ssh_key_id;
  std::string initial_user;
  std::string initial_password;
  std::string public_ip;
  std::string private_ip;
  std::string status;        // BUILDING, ACTIVE, REBOOTING, DELETING, ...
  std::string notes;
  std::string script;        // decoded from base64 when the API sends it encoded
  std::vector<std::string> tags;
  std::string reserved_ip_id;
  std::string reserved_ip;
  std::vector<std::string> volume_ids;  // attached volumes, when reported
  int64_t cpu_cores = 0;
  int64_t ram_mb = 0;
  int64_t disk_gb = 0;
  std::string created_at;    // RFC 3339
};

struct Size {
  std::string name;
  std::string type;          // "Instance", "Kubernetes", ...
  int64_t cpu_cores = 0;
  int64_t ram_mb = 0;
  int64_t disk_gb = 0;
  bool selectable = false;
};

struct DiskImage {
  std::string id;
  std::string name;
  std::string version;
  std::string state;
  std::string distribution;
};

struct Region {
  std::string code;
  std::string name;
  bool is_default = false;
};

struct Network {
  std::string id;
  std::string name;    // the label users see
  std::string cidr;
  bool is_default = false;  // the region's default network (civogo Network `default`)
};

struct FirewallRule {
  std::string id;
  std::string protocol;
  std::string start_port;
  std::string end_port;
  std::vector<std::string> cidr;
  std::string direction;  // ingress / egress
  std::string action;     // allow / deny
  std::string label;
};

// civogo's Firewall has no `default` flag: which firewall is a network's
// default is not something the API tells (SPEC.md).
struct Firewall {
  std::string id;
  std::string name;
  std::string network_id;
  std::vector<FirewallRule> rules;
  // What uses the firewall (civogo Firewall: instance_count, cluster_count,
  // loadbalancer_count).
  int64_t instance_count = 0;
  int64_t cluster_count = 0;
  int64_t loadbalancer_count = 0;
};

struct Volume {
  std::string id;
  std::string name;
  std::string instance_id;  // empty when detached
  std::string network_id;
  std::string status;       // available, attaching, attached, detaching
  int64_t size_gigabytes = 0;
  std::string mountpoint;   // the device path on the instance, when attached
  std::string created_at;   // RFC 3339
};

// civogo volume.go: VolumeConfig, the fields this provider sends.
struct NewVolumeRequest {
  std::string name;
  std::string network_id;   // empty: the region's default network
  int64_t size_gb = 0;
  std::string snapshot_id;  // empty: a blank volume
};

struct ReservedIp {
  std::string id;
  std::string name;
  std::string ip;
  std::string assigned_to_id;    // empty when unassigned
  std::string assigned_to_type;  // "instance"
};

struct SshKey {
  std::string id;
  std::string name;
  std::string fingerprint;
  std::string public_key;  // when the API sends it (civogo SSHKey `public_key`)
};

// POST /v2/networks (civogo NetworkConfig: label, cidr_v4, default).
struct NetworkRequest {
  std::string label;
  std::string cidr_v4;  // empty: Civo picks
  bool is_default = false;
};

struct Quota {
  int64_t instance_count_limit = 0;
  int64_t instance_count_usage = 0;
  int64_t cpu_core_limit = 0;
  int64_t cpu_core_usage = 0;
  int64_t ram_mb_limit = 0;
  int64_t ram_mb_usage = 0;
};

struct CreateInstanceRequest {
  std::string hostname;
  std::string size;
  std::string network_id;
  std::string template_id;   // disk image id (resolved from the image name)
  std::string firewall_id;   // empty: whatever Civo gives (the network's default)
  std::string ssh_key_id;
  std::string script;        // cloud-init user data, sent as-is
  std::string initial_user;
  std::vector<std::string> tags;  // sent as one space-separated string
  std::string public_ip = "create";
};

}  // namespace civoapi

#endif  // CIVOAPI_MODELS_H_
