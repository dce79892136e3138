// A typed, thread-safe Civo REST client. One Client is shared by all threads;
// it keeps a pool of reused libcurl connections. Every call takes a
// CallOptions whose deadline bounds retries of transient failures (429 with
// Retry-After, 5xx, connection errors) with exponential backoff and jitter;
// permanent failures (other 4xx) return at once. Calls that change something
// (create, update, attach, assign, delete, ...) retry only failures that prove
// nothing was done (429, 503, connection refused); a failure after which the
// change may have been made (500, 502, 504, a connection dropped after
// sending, a timeout) comes back at once with ApiError::ambiguous set, for the
// caller to read the object before deciding whether to repeat the call.
#ifndef CIVOAPI_CLIENT_H_
#define CIVOAPI_CLIENT_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civoapi/cancel.h"
#include "civoapi/errors.h"
#include "civoapi/models.h"

namespace civoapi {

struct ClientOptions {
  std::string api_url = "https://api.civo.com";
  std::string token;
  std::string region;  // default region for calls that do not name one
  std::string user_agent = "terraform-provider-civo";
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};
  std::chrono::milliseconds initial_backoff{250};
  std::chrono::milliseconds max_backoff{10'000};
  // Items per page asked for when following paginated lists (instances, IPs).
  int page_size = 100;
  // Items per page of the instance list that answers many instance reads at
  // once (instance_reads.h). Large, as civogo's ListAllInstances asks, so an
  // account's list is one call; a server that caps it makes several pages,
  // which are followed.
  int read_list_page_size = 5000;
  // Log sink for request lines (method, path, status, duration); never
  // receives the token. May be empty.
  std::function<void(const std::string&)> debug_log;
};

struct CallOptions {
  std::chrono::steady_clock::time_point deadline =
      std::chrono::steady_clock::now() + std::chrono::minutes(5);
  std::shared_ptr<const CancelToken> cancel;  // may be null
  std::string region;  // empty: the client's default region
};

class Client {
 public:
  static absl::StatusOr<std::unique_ptr<Client>> Create(ClientOptions options);
  virtual ~Client() = default;

  // Instances
  virtual absl::StatusOr<Instance> CreateInstance(const CreateInstanceRequest& req,
                                                  const CallOptions& opts) = 0;
  virtual absl::StatusOr<Instance> GetInstance(const std::string& id, const CallOptions& opts) = 0;
  // All pages. `tag` (optional) filters server-side by tag.
  virtual absl::StatusOr<std::vector<Instance>> ListInstances(const CallOptions& opts,
                                                              const std::string& tag = "") = 0;
  virtual absl::Status UpdateInstanceHostname(const std::string& id, const std::string& hostname,
                                              const CallOptions& opts) = 0;
  virtual absl::Status SetInstanceTags(const std::string& id, const std::vector<std::string>& tags,
                                       const CallOptions& opts) = 0;
  virtual absl::Status ResizeInstance(const std::string& id, const std::string& size,
                                      const CallOptions& opts) = 0;
  virtual absl::Status SetInstanceFirewall(const std::string& id, const std::string& firewall_id,
                                           const CallOptions& opts) = 0;
  virtual absl::Status DeleteInstance(const std::string& id, const CallOptions& opts) = 0;
  // Polls GetInstance until `pred` holds, starting at a short interval that
  // grows to a cap; stops on a terminal status (ERROR/FAILED), the deadline
  // or cancellation. NotFound is returned as such (callers waiting for
  // deletion treat it as success).
  virtual absl::StatusOr<Instance> WaitInstance(const std::string& id,
                                                const std::function<bool(const Instance&)>& pred,
                                                const CallOptions& opts) = 0;

  // Catalogue
  virtual absl::StatusOr<std::vector<Size>> ListSizes(const CallOptions& opts) = 0;
  virtual absl::StatusOr<std::vector<DiskImage>> ListDiskImages(const CallOptions& opts) = 0;
  virtual absl::StatusOr<std::vector<Region>> ListRegions(const CallOptions& opts) = 0;
  virtual absl::StatusOr<Quota> GetQuota(const CallOptions& opts) = 0;

  // Networking and keys
  virtual absl::StatusOr<std::vector<Network>> ListNetworks(const CallOptions& opts) = 0;
  virtual absl::StatusOr<std::vector<Firewall>> ListFirewalls(const CallOptions& opts) = 0;
  virtual absl::StatusOr<std::vector<SshKey>> ListSshKeys(const CallOptions& opts) = 0;

  // Volumes
  virtual absl::StatusOr<std::vector<Volume>> ListVolumes(const CallOptions& opts) = 0;
  virtual absl::StatusOr<Volume> GetVolume(const std::string& id, const CallOptions& opts) = 0;
  virtual absl::Status AttachVolume(const std::string& volume_id, const std::string& instance_id,
                                    const CallOptions& opts) = 0;
  virtual absl::Status DetachVolume(const std::string& volume_id, const CallOptions& opts) = 0;
  virtual absl::StatusOr<Volume> WaitVolume(const std::string& id,
                                            const std::function<bool(const Volume&)>& pred,
                                            const CallOptions& opts) = 0;

  // Reserved IPs
  virtual absl::StatusOr<std::vector<ReservedIp>> ListReservedIps(const CallOptions& opts) = 0;
  virtual absl::StatusOr<ReservedIp> GetReservedIp(const std::string& id, const CallOptions& opts) = 0;
  virtual absl::Status AssignReservedIp(const std::string& ip_id, const std::string& instance_id,
                                        const CallOptions& opts) = 0;
  virtual absl::Status UnassignReservedIp(const std::string& ip_id, const CallOptions& opts) = 0;

  // Calls added after the first contract. They have default bodies (Unimplemented) so
  // test doubles written against the original interface keep compiling.
  virtual absl::Status UpdateInstanceNotes(const std::string& id, const std::string& notes,
                                           const CallOptions& opts) {
    return absl::UnimplementedError("UpdateInstanceNotes");
  }
  virtual absl::StatusOr<Network> CreateNetwork(const std::string& label, const CallOptions& opts) {
    return absl::UnimplementedError("CreateNetwork");
  }
  virtual absl::StatusOr<Firewall> CreateFirewall(const std::string& name, const std::string& network_id,
                                                  const CallOptions& opts) {
    return absl::UnimplementedError("CreateFirewall");
  }
  virtual absl::StatusOr<SshKey> CreateSshKey(const std::string& name, const std::string& public_key,
                                              const CallOptions& opts) {
    return absl::UnimplementedError("CreateSshKey");
  }
  virtual absl::StatusOr<Volume> CreateVolume(const std::string& name, const std::string& network_id,
                                              int64_t size_gb, const CallOptions& opts) {
    return absl::UnimplementedError("CreateVolume");
  }
  virtual absl::Status DeleteVolume(const std::string& id, const CallOptions& opts) {
    return absl::UnimplementedError("DeleteVolume");
  }
  virtual absl::StatusOr<ReservedIp> CreateReservedIp(const std::string& name, const CallOptions& opts) {
    return absl::UnimplementedError("CreateReservedIp");
  }
  virtual absl::Status DeleteReservedIp(const std::string& id, const CallOptions& opts) {
    return absl::UnimplementedError("DeleteReservedIp");
  }

  // Networks, firewalls and SSH keys managed as objects of their own
  // (network_calls.cc). Creates return the new object's id; an answer
  // without one is as ambiguous as a 502.
  virtual absl::StatusOr<Network> GetNetwork(const std::string& id, const CallOptions& opts) {
    return absl::UnimplementedError("GetNetwork");
  }
  virtual absl::StatusOr<std::string> CreateNetworkWith(const NetworkRequest& req, const CallOptions& opts) {
    return absl::UnimplementedError("CreateNetworkWith");
  }
  virtual absl::Status RenameNetwork(const std::string& id, const std::string& label, const CallOptions& opts) {
    return absl::UnimplementedError("RenameNetwork");
  }
  virtual absl::Status DeleteNetwork(const std::string& id, const CallOptions& opts) {
    return absl::UnimplementedError("DeleteNetwork");
  }
  // civogo has no single-firewall GET: the firewall list (rules included),
  // filtered; NotFound (404) when absent.
  virtual absl::StatusOr<Firewall> GetFirewall(const std::string& id, const CallOptions& opts) {
    return absl::UnimplementedError("GetFirewall");
  }
  // A firewall with no rules at all (`create_rules: false`): Civo otherwise
  // adds its default rules.
  virtual absl::StatusOr<std::string> CreateEmptyFirewall(const std::string& name, const std::string& network_id,
                                                          const CallOptions& opts) {
    return absl::UnimplementedError("CreateEmptyFirewall");
  }
  virtual absl::Status RenameFirewall(const std::string& id, const std::string& name, const CallOptions& opts) {
    return absl::UnimplementedError("RenameFirewall");
  }
  virtual absl::Status DeleteFirewall(const std::string& id, const CallOptions& opts) {
    return absl::UnimplementedError("DeleteFirewall");
  }
  virtual absl::StatusOr<FirewallRule> CreateFirewallRule(const std::string& firewall_id, const FirewallRule& rule,
                                                          const CallOptions& opts) {
    return absl::UnimplementedError("CreateFirewallRule");
  }
  virtual absl::Status DeleteFirewallRule(const std::string& firewall_id, const std::string& rule_id,
                                          const CallOptions& opts) {
    return absl::UnimplementedError("DeleteFirewallRule");
  }
  // The key list, filtered (civogo has no single-key GET); NotFound when absent.
  virtual absl::StatusOr<SshKey> GetSshKey(const std::string& id, const CallOptions& opts) {
    return absl::UnimplementedError("GetSshKey");
  }
  virtual absl::Status RenameSshKey(const std::string& id, const std::string& name, const CallOptions& opts) {
    return absl::UnimplementedError("RenameSshKey");
  }
  virtual absl::Status DeleteSshKey(const std::string& id, const CallOptions& opts) {
    return absl::UnimplementedError("DeleteSshKey");
  }

  // Storage calls (civoapi/storage_calls.cc): a volume created with every
  // field civogo's VolumeConfig sends that the provider uses, a volume grown
  // (PUT /v2/volumes/:id/resize), a reserved IP renamed (PUT /v2/ips/:id).
  virtual absl::StatusOr<Volume> NewVolume(const NewVolumeRequest& req, const CallOptions& opts) {
    return absl::UnimplementedError("NewVolume");
  }
  virtual absl::Status ResizeVolume(const std::string& id, int64_t size_gb, const CallOptions& opts) {
    return absl::UnimplementedError("ResizeVolume");
  }
  virtual absl::StatusOr<ReservedIp> RenameReservedIp(const std::string& id, const std::string& name,
                                                      const CallOptions& opts) {
    return absl::UnimplementedError("RenameReservedIp");
  }
};

}  // namespace civoapi

#endif  // CIVOAPI_CLIENT_H_
