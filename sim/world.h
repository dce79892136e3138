// The simulated Civo account: catalogue, networks, firewalls, keys, volumes,
// reserved IPs and instances, with Civo's JSON shapes and error codes.
// Thread-safe (one mutex). Time-driven states (BUILDING -> ACTIVE, ...) are
// computed from timestamps when read, so no background threads are needed.
#ifndef SIM_WORLD_H_
#define SIM_WORLD_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "rapidjson/document.h"
#include "sim/sim_config.h"

namespace civosim {

class JsonOut;
using Clock = std::chrono::steady_clock;

struct Reply {
  int status = 200;
  std::string body;
  int retry_after_s = -1;  // -1: no Retry-After header
  // The label web frameworks commonly give JSON (civogo does not record what
  // Civo's API sends, and the client does not depend on it). With the
  // charset, cpp-httplib does not compress responses itself: given curl's
  // Accept-Encoding it picks brotli at its highest quality, about 0.7 ms per
  // instance of a list, a delay no real API adds.
  std::string content_type = "application/json; charset=utf-8";
};

Reply ErrorReply(int status, const std::string& code, const std::string& reason);

struct ApiRequest {
  std::string method;
  std::vector<std::string> segs;  // path segments after /v2 (and /vpc)
  std::map<std::string, std::string> query;
  const rapidjson::Value* body = nullptr;  // a JSON object (maybe empty)
  std::string region;                      // resolved, upper case
};

class World {
 public:
  explicit World(const SimConfig& cfg);

  // The Civo API (paths under /v2). `cfg` is a snapshot of the knobs.
  Reply Handle(const ApiRequest& req, const SimConfig& cfg);
  bool KnownRegion(const std::string& region) const;

  // Out-of-band changes for tests (drift, duplicates, failures).
  bool OobDeleteInstance(const std::string& id);
  Reply OobPatchInstance(const std::string& id, const rapidjson::Value& body);
  Reply AdminCreate(const std::string& kind, const rapidjson::Value& body, const std::string& region);

  // Everything, for tests (/_sim/state): the objects as the API shows them,
  // plus `default_firewalls` {network id: firewall id}, which the API never
  // tells.
  std::string StateJson();

 private:
  struct Rule {
    std::string id, protocol, start_port, end_port, direction, action, label;
    std::vector<std::string> cidr;
  };
  struct Network {
    std::string id, label, name, region, cidr;
    bool is_default = false;
    int next_host = 10;
  };
  struct Firewall {
    std::string id, name, network_id, region;
    // Which firewall Civo gave the network: the simulator acts on it (create
    // without firewall_id, firewall_id `default`) but never sends it, as Civo
    // does not; only the admin state dump (/_sim/state) tells tests.
    bool is_default = false;
    std::vector<Rule> rules;
  };
  struct SshKey {
    std::string id, name, public_key, fingerprint, created_at;
  };
  struct Volume {
    enum class Op { kNone, kAttaching, kDetaching };
    std::string id, name, region, network_id, instance_id, created_at;
    int64_t size_gb = 0;
    Op op = Op::kNone;
    Clock::time_point op_until;
  };
  struct Ip {
    std::string id, name, ip, region, assigned_to;
  };
  struct Instance {
    std::string id, hostname, size, region, network_id, firewall_id, template_id, image_name, ssh_key_id,
        initial_user, initial_password, public_ip, private_ip, notes, script, created_at, status_override;
    std::vector<std::string> tags;
    int64_t cpu = 0, ram = 0, disk = 0;
    Clock::time_point ready_at, action_until, deleting_until;
    bool deleting = false;
    uint64_t seq = 0;
  };
  struct SizeSpec {
    std::string name, type, nice_name;
    int64_t cpu, ram, disk;
    bool selectable;
  };
  struct Image {
    std::string id, name, version, distribution, initial_user;
    std::vector<std::string> regions;  // empty: every region
  };

  // All below: called with mu_ held.
  void Sweep(Clock::time_point now);
  std::string NewId();
  std::string Rfc3339Now() const;
  std::string InstanceStatus(const Instance& i, Clock::time_point now) const;
  std::string VolumeStatus(const Volume& v, Clock::time_point now) const;
  std::string InstanceJson(const Instance& i, Clock::time_point now) const;
  std::string NetworkJson(const Network& n) const;
  std::string FirewallJson(const Firewall& f) const;
  void RuleJson(JsonOut& j, const Rule& r, const std::string& firewall_id) const;
  std::string VolumeJson(const Volume& v, Clock::time_point now) const;
  std::string IpJson(const Ip& ip) const;
  std::string SshKeyJson(const SshKey& k) const;
  const SizeSpec* FindSize(const std::string& name) const;
  const Image* FindImage(const std::string& id_or_name, const std::string& region) const;
  Network* FindNetwork(const std::string& id, const std::string& region);
  Network* DefaultNetwork(const std::string& region);
  Firewall* FindFirewall(const std::string& id, const std::string& region);
  Firewall* DefaultFirewall(const std::string& network_id);
  Instance* FindInstance(const std::string& id, const std::string& region);
  Volume* FindVolume(const std::string& id, const std::string& region);
  Ip* FindIp(const std::string& id, const std::string& region);
  Network& AddNetwork(const std::string& label, const std::string& region, std::string cidr, bool is_default);
  Firewall& AddFirewall(const std::string& name, const std::string& network_id, const std::string& region,
                        bool is_default);
  // `ips`: also the reserved IPs (false while the instance is still
  // DELETING: Civo lets them go only once it is gone, civo/terraform-provider-civo#252).
  void ReleaseAttachments(const std::string& instance_id, bool ips = true);
  // sim/world_volume.cc
  Reply ResizeVolume(Volume& v, const ApiRequest& r, Clock::time_point now);
  Reply NewVolumeSnapshotCheck(const ApiRequest& r) const;
  std::string NextPublicIp();

  Reply Regions();
  Reply Sizes();
  Reply DiskImages(const ApiRequest& r);
  Reply Quota(const ApiRequest& r, const SimConfig& cfg);
  Reply Networks(const ApiRequest& r, bool check_duplicates);
  Reply Firewalls(const ApiRequest& r, bool check_duplicates);
  Reply SshKeys(const ApiRequest& r);
  Reply Volumes(const ApiRequest& r, bool check_duplicates, Clock::time_point now, const SimConfig& cfg);
  Reply Ips(const ApiRequest& r, const SimConfig& cfg, Clock::time_point now);
  Reply Instances(const ApiRequest& r, const SimConfig& cfg, Clock::time_point now);
  Reply CreateInstance(const ApiRequest& r, const SimConfig& cfg, Clock::time_point now);

  mutable std::mutex mu_;
  std::mt19937_64 id_rng_{42};
  uint64_t next_seq_ = 1;
  uint32_t next_public_ = 10;
  std::vector<std::string> regions_;
  std::vector<SizeSpec> sizes_;
  std::vector<Image> images_;
  std::vector<Network> networks_;
  std::vector<Firewall> firewalls_;
  std::vector<SshKey> keys_;
  std::vector<Volume> volumes_;
  std::vector<Ip> ips_;
  std::vector<Instance> instances_;
};

}  // namespace civosim

#endif  // SIM_WORLD_H_
