// The libcurl-backed implementation of civoapi::Client (internal header).
#ifndef CIVOAPI_CIVO_CLIENT_H_
#define CIVOAPI_CIVO_CLIENT_H_

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/random/random.h"
#include "civoapi/backoff.h"
#include "civoapi/client.h"
#include "civoapi/http_transport.h"
#include "civoapi/instance_reads.h"
#include "civoapi/pacer.h"
#include "civoapi/poll_schedule.h"
#include "rapidjson/document.h"

namespace civoapi {

class CivoClient final : public Client {
 public:
  explicit CivoClient(ClientOptions options);

  absl::StatusOr<Instance> CreateInstance(const CreateInstanceRequest& req, const CallOptions& opts) override;
  absl::StatusOr<Instance> GetInstance(const std::string& id, const CallOptions& opts) override;
  absl::StatusOr<std::vector<Instance>> ListInstances(const CallOptions& opts, const std::string& tag) override;
  absl::Status UpdateInstanceHostname(const std::string& id, const std::string& hostname,
                                      const CallOptions& opts) override;
  absl::Status UpdateInstanceNotes(const std::string& id, const std::string& notes, const CallOptions& opts) override;
  absl::Status SetInstanceTags(const std::string& id, const std::vector<std::string>& tags,
                               const CallOptions& opts) override;
  absl::Status ResizeInstance(const std::string& id, const std::string& size, const CallOptions& opts) override;
  absl::Status SetInstanceFirewall(const std::string& id, const std::string& firewall_id,
                                   const CallOptions& opts) override;
  absl::Status DeleteInstance(const std::string& id, const CallOptions& opts) override;
  absl::StatusOr<Instance> WaitInstance(const std::string& id, const std::function<bool(const Instance&)>& pred,
                                        const CallOptions& opts) override;

  absl::StatusOr<std::vector<Size>> ListSizes(const CallOptions& opts) override;
  absl::StatusOr<std::vector<DiskImage>> ListDiskImages(const CallOptions& opts) override;
  absl::StatusOr<std::vector<Region>> ListRegions(const CallOptions& opts) override;
  absl::StatusOr<Quota> GetQuota(const CallOptions& opts) override;

  absl::StatusOr<std::vector<Network>> ListNetworks(const CallOptions& opts) override;
  absl::StatusOr<std::vector<Firewall>> ListFirewalls(const CallOptions& opts) override;
  absl::StatusOr<std::vector<SshKey>> ListSshKeys(const CallOptions& opts) override;
  absl::StatusOr<Network> CreateNetwork(const std::string& label, const CallOptions& opts) override;
  absl::StatusOr<Firewall> CreateFirewall(const std::string& name, const std::string& network_id,
                                          const CallOptions& opts) override;
  absl::StatusOr<SshKey> CreateSshKey(const std::string& name, const std::string& public_key,
                                      const CallOptions& opts) override;

  absl::StatusOr<std::vector<Volume>> ListVolumes(const CallOptions& opts) override;
  absl::StatusOr<Volume> GetVolume(const std::string& id, const CallOptions& opts) override;
  absl::StatusOr<Volume> CreateVolume(const std::string& name, const std::string& network_id, int64_t size_gb,
                                      const CallOptions& opts) override;
  absl::Status DeleteVolume(const std::string& id, const CallOptions& opts) override;
  absl::Status AttachVolume(const std::string& volume_id, const std::string& instance_id,
                            const CallOptions& opts) override;
  absl::Status DetachVolume(const std::string& volume_id, const CallOptions& opts) override;
  absl::StatusOr<Volume> WaitVolume(const std::string& id, const std::function<bool(const Volume&)>& pred,
                                    const CallOptions& opts) override;

  absl::StatusOr<std::vector<ReservedIp>> ListReservedIps(const CallOptions& opts) override;
  absl::StatusOr<ReservedIp> GetReservedIp(const std::string& id, const CallOptions& opts) override;
  absl::StatusOr<ReservedIp> CreateReservedIp(const std::string& name, const CallOptions& opts) override;
  absl::Status DeleteReservedIp(const std::string& id, const CallOptions& opts) override;
  absl::Status AssignReservedIp(const std::string& ip_id, const std::string& instance_id,
                                const CallOptions& opts) override;
  absl::Status UnassignReservedIp(const std::string& ip_id, const CallOptions& opts) override;
  // storage_calls.cc
  absl::StatusOr<Volume> NewVolume(const NewVolumeRequest& req, const CallOptions& opts) override;
  absl::Status ResizeVolume(const std::string& id, int64_t size_gb, const CallOptions& opts) override;
  absl::StatusOr<ReservedIp> RenameReservedIp(const std::string& id, const std::string& name,
                                              const CallOptions& opts) override;

  // network_calls.cc
  absl::StatusOr<Network> GetNetwork(const std::string& id, const CallOptions& opts) override;
  absl::StatusOr<std::string> CreateNetworkWith(const NetworkRequest& req, const CallOptions& opts) override;
  absl::Status RenameNetwork(const std::string& id, const std::string& label, const CallOptions& opts) override;
  absl::Status DeleteNetwork(const std::string& id, const CallOptions& opts) override;
  absl::StatusOr<Firewall> GetFirewall(const std::string& id, const CallOptions& opts) override;
  absl::StatusOr<std::string> CreateEmptyFirewall(const std::string& name, const std::string& network_id,
                                                  const CallOptions& opts) override;
  absl::Status RenameFirewall(const std::string& id, const std::string& name, const CallOptions& opts) override;
  absl::Status DeleteFirewall(const std::string& id, const CallOptions& opts) override;
  absl::StatusOr<FirewallRule> CreateFirewallRule(const std::string& firewall_id, const FirewallRule& rule,
                                                  const CallOptions& opts) override;
  absl::Status DeleteFirewallRule(const std::string& firewall_id, const std::string& rule_id,
                                  const CallOptions& opts) override;
  absl::StatusOr<SshKey> GetSshKey(const std::string& id, const CallOptions& opts) override;
  absl::Status RenameSshKey(const std::string& id, const std::string& name, const CallOptions& opts) override;
  absl::Status DeleteSshKey(const std::string& id, const CallOptions& opts) override;

 private:
  using Query = std::vector<std::pair<std::string, std::string>>;
  // Which failures a call may retry. Reads retry every transient failure.
  // Every call that changes something (POST, PUT, DELETE) must never be
  // repeated blindly: it retries only failures that prove nothing was done
  // (429, 503, connection refused) and hands ambiguous ones (500, 502, 504,
  // a connection dropped after sending, a timeout) back to the caller, who
  // reads the object to see whether the change happened. Such calls also go
  // out on a fresh connection (see HttpRequest::fresh_connection).
  enum class RetryMode { kAllTransient, kOnlyIfNothingDone };

  // One API call with retries. Returns the parsed JSON body (Null when empty).
  absl::StatusOr<rapidjson::Document> Call(const std::string& method, const std::string& path, Query query,
                                           const std::string& body, const CallOptions& opts, RetryMode mode);
  // The same call, answering the raw body of its 2xx response, for a caller
  // that reads it without building a document of all of it.
  absl::StatusOr<std::string> CallForBody(const std::string& method, const std::string& path, Query query,
                                          const std::string& body, const CallOptions& opts, RetryMode mode);
  absl::Status Decode(int http_status, const std::string& body, bool may_have_acted) const;
  std::string RegionFor(const CallOptions& opts) const;
  // A JSON object body with the region added, as civogo sends for PUT/POST.
  std::string Body(std::vector<std::pair<std::string, std::string>> fields, const CallOptions& opts) const;
  std::string Scrub(std::string text) const;
  void Log(const std::string& line) const;
  double Random();
  // One GET /v2/instances/{id}, and one page of the region's instance list:
  // what InstanceReads builds every instance read from.
  absl::StatusOr<Instance> GetOneInstance(const std::string& id, const CallOptions& opts);
  absl::StatusOr<InstanceListPage> ListInstancesPage(int page, const std::set<std::string>& wanted,
                                                     const CallOptions& opts);
  template <typename T>
  absl::StatusOr<std::vector<T>> ListPaged(const std::string& path, Query extra, const CallOptions& opts,
                                           T (*parse)(const rapidjson::Value&));
  template <typename T>
  absl::StatusOr<std::vector<T>> ListBare(const std::string& path, const CallOptions& opts,
                                          T (*parse)(const rapidjson::Value&));

  ClientOptions options_;
  std::string base_url_;
  BackoffPolicy backoff_;
  HttpTransport http_;
  // How long instances and volumes stay in each status, learned from waits
  // so later waits poll near the expected moment (poll_schedule.h).
  StatusDwellTimes dwell_;
  // Every request waits its turn here once the server has refused one (429).
  Pacer pacer_;
  // Instances this client just created (with the status the create call
  // answered) or asked to delete (DELETING): a wait for them starts from
  // that moment, with no first poll. Taken by the next WaitInstance for the
  // id, if its predicate does not already hold for that status.
  struct CreatedRecord {
    std::chrono::steady_clock::time_point at;
    std::string status;
    std::string determined_by;
  };
  std::mutex created_mu_;
  std::map<std::string, CreatedRecord> created_;
  // Instance reads and waits, shared between threads (instance_reads.h).
  InstanceReads reads_;
  std::mutex rng_mu_;
  absl::BitGen rng_;
};

}  // namespace civoapi

#endif  // CIVOAPI_CIVO_CLIENT_H_
