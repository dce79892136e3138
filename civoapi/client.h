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
};

}  // namespace civoapi

#endif  // CIVOAPI_CLIENT_H_
