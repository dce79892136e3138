// The simulator sends no field Civo does not (SPEC.md, "Civo API facts"):
// for every endpoint, each field of the JSON it answers, nested objects and
// array elements included, must be one civogo (github.com/civo/civogo, the
// best public record of the JSON Civo sends) has in the struct that call
// decodes. The lists below are those structs' json tags, copied by hand from
// civogo; a field the simulator invents fails the test by name and path.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "rapidjson/document.h"
#include "sim/simulator.h"

namespace {

constexpr char kToken[] = "api-fields-token";

// The fields of one civogo struct, and the structs of its nested objects
// (for an array field: of each element).
struct Struct {
  const char* name;  // "file.go: Type", for the failure message
  std::set<std::string> fields;
  std::map<std::string, const Struct*> nested;
};

// ---- civogo's structs (json tags) ----

// client.go: SimpleResponse (also the shape of Civo's error bodies).
const Struct kSimpleResponse{"client.go: SimpleResponse", {"id", "result", "code", "reason", "details"}, {}};
// region.go: Feature, Region.
const Struct kFeature{"region.go: Feature",
                      {"iaas", "kubernetes", "object_store", "loadbalancer", "gpu", "dbaas", "volume",
                       "paas", "public_ip_node_pools"},
                      {}};
const Struct kRegion{"region.go: Region",
                     {"code", "name", "type", "out_of_capacity", "country", "country_name", "features",
                      "default"},
                     {{"features", &kFeature}}};
// instance_size.go: InstanceSize.
const Struct kInstanceSize{"instance_size.go: InstanceSize",
                           {"type", "name", "nice_name", "cpu_cores", "gpu_count", "gpu_type", "ram_mb",
                            "disk_gb", "transfer_tb", "description", "selectable"},
                           {}};
// disk_image.go: DiskImage.
const Struct kDiskImage{"disk_image.go: DiskImage",
                        {"id", "name", "version", "state", "initial_user", "distribution", "os",
                         "description", "label", "disk_image_url", "disk_image_size_bytes", "logo_url",
                         "created_at", "created_by", "distribution_default"},
                        {}};
// quota.go: Quota.
const Struct kQuota{"quota.go: Quota",
                    {"id",
                     "default_user_id",
                     "default_user_email_address",
                     "instance_count_limit",
                     "instance_count_usage",
                     "cpu_core_limit",
                     "cpu_core_usage",
                     "ram_mb_limit",
                     "ram_mb_usage",
                     "disk_gb_limit",
                     "disk_gb_usage",
                     "disk_volume_count_limit",
                     "disk_volume_count_usage",
                     "disk_snapshot_count_limit",
                     "disk_snapshot_count_usage",
                     "public_ip_address_limit",
                     "public_ip_address_usage",
                     "subnet_count_limit",
                     "subnet_count_usage",
                     "network_count_limit",
                     "network_count_usage",
                     "security_group_limit",
                     "security_group_usage",
                     "security_group_rule_limit",
                     "security_group_rule_usage",
                     "port_count_limit",
                     "port_count_usage",
                     "loadbalancer_count_limit",
                     "loadbalancer_count_usage",
                     "objectstore_gb_limit",
                     "objectstore_gb_usage",
                     "database_count_limit",
                     "database_count_usage",
                     "database_snapshot_count_limit",
                     "database_snapshot_count_usage",
                     "database_cpu_core_limit",
                     "database_cpu_core_usage",
                     "database_ram_mb_limit",
                     "database_ram_mb_usage",
                     "database_disk_gb_limit",
                     "database_disk_gb_usage"},
                    {}};
// network.go: Network (`default` yes, `region` no), NetworkResult.
const Struct kNetwork{"network.go: Network",
                      {"id", "name", "default", "cidr", "cidr_v6", "label", "status", "ipv4_enabled",
                       "ipv6_enabled", "nameservers_v4", "nameservers_v6", "vlan_id", "physical_interface",
                       "gateway_ipv4", "allocation_pool_v4_start", "allocation_pool_v4_end", "free_ip_count"},
                      {}};
const Struct kNetworkResult{"network.go: NetworkResult", {"id", "label", "result"}, {}};
// firewall.go: FirewallRule, Firewall (no `default`), FirewallResult.
const Struct kFirewallRule{"firewall.go: FirewallRule",
                           {"id", "firewall_id", "protocol", "start_port", "end_port", "cidr", "direction",
                            "action", "label", "ports"},
                           {}};
const Struct kFirewall{"firewall.go: Firewall",
                       {"id", "name", "rules_count", "instance_count", "cluster_count", "loadbalancer_count",
                        "network_id", "rules"},
                       {{"rules", &kFirewallRule}}};
const Struct kFirewallResult{"firewall.go: FirewallResult", {"id", "name", "result"}, {}};
// ssh_key.go: SSHKey.
const Struct kSshKey{"ssh_key.go: SSHKey", {"id", "name", "fingerprint", "public_key", "created_at"}, {}};
// volume.go: Volume, VolumeResult.
const Struct kVolume{"volume.go: Volume",
                     {"id", "name", "instance_id", "cluster_id", "network_id", "mountpoint", "status",
                      "volume_type", "size_gb", "bootable", "created_at"},
                     {}};
const Struct kVolumeResult{"volume.go: VolumeResult", {"id", "name", "result"}, {}};
// ip.go: AssignedTo, IP, PaginatedIPs.
const Struct kAssignedTo{"ip.go: AssignedTo", {"id", "type", "name"}, {}};
const Struct kIp{"ip.go: IP", {"id", "name", "ip", "assigned_to"}, {{"assigned_to", &kAssignedTo}}};
const Struct kPaginatedIps{"ip.go: PaginatedIPs", {"page", "per_page", "pages", "items"}, {{"items", &kIp}}};
// instance.go: AttachedVolume, Subnet (network.go), PlacementRule,
// AffinityRule, Instance, PaginatedInstanceList.
const Struct kAttachedVolume{"instance.go: AttachedVolume", {"id"}, {}};
const Struct kSubnet{"network.go: Subnet", {"id", "name", "network_id", "subnet_size", "status"}, {}};
const Struct kAffinityRule{"instance.go: AffinityRule", {"type", "exclusive", "tags"}, {}};
const Struct kPlacementRule{"instance.go: PlacementRule",
                            {"affinity_rules", "node_selector"},
                            {{"affinity_rules", &kAffinityRule}}};
const Struct kInstance{"instance.go: Instance",
                       {"id",
                        "openstack_server_id",
                        "hostname",
                        "reverse_dns",
                        "size",
                        "region",
                        "network_id",
                        "private_ip",
                        "public_ip",
                        "ipv6",
                        "pseudo_ip",
                        "template_id",
                        "source_type",
                        "source_id",
                        "snapshot_id",
                        "initial_user",
                        "initial_password",
                        "ssh_key",
                        "ssh_key_id",
                        "status",
                        "notes",
                        "firewall_id",
                        "tags",
                        "civostatsd_token",
                        "civostatsd_stats",
                        "civostatsd_stats_per_minute",
                        "civostatsd_stats_per_hour",
                        "openstack_image_id",
                        "rescue_password",
                        "volume_backed",
                        "cpu_cores",
                        "ram_mb",
                        "disk_gb",
                        "gpu_count",
                        "gpu_type",
                        "script",
                        "created_at",
                        "reserved_ip_id",
                        "reserved_ip_name",
                        "reserved_ip",
                        "volume_type",
                        "subnets",
                        "attached_volumes",
                        "placement_rule",
                        "network_bandwidth_limit",
                        "allowed_ips"},
                       {{"subnets", &kSubnet},
                        {"attached_volumes", &kAttachedVolume},
                        {"placement_rule", &kPlacementRule}}};
const Struct kPaginatedInstances{"instance.go: PaginatedInstanceList",
                                 {"page", "per_page", "pages", "items"},
                                 {{"items", &kInstance}}};

// Every field of `v` (an object, or an array of objects) must be in `s`;
// nested objects and arrays of objects are checked against their structs.
// Returns the offending paths.
void Walk(const rapidjson::Value& v, const Struct& s, const std::string& path,
          std::vector<std::string>& bad) {
  if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
      Walk(v[i], s, path + "[" + std::to_string(i) + "]", bad);
    }
    return;
  }
  if (!v.IsObject()) return;
  for (const auto& m : v.GetObject()) {
    const std::string key(m.name.GetString(), m.name.GetStringLength());
    const std::string at = path + "." + key;
    if (s.fields.count(key) == 0) {
      bad.push_back(at + " (not in civogo " + s.name + ")");
      continue;
    }
    auto nested = s.nested.find(key);
    if (nested != s.nested.end()) {
      Walk(m.value, *nested->second, at, bad);
    } else if (m.value.IsObject() || (m.value.IsArray() && m.value.Size() > 0 && m.value[0].IsObject())) {
      bad.push_back(at + " (an object where civogo " + s.name + " has a plain value)");
    }
  }
}

class ApiFields : public ::testing::Test {
 protected:
  void SetUp() override {
    civosim::SimOptions o;
    o.config.token = kToken;
    o.config.build_time = std::chrono::milliseconds(100);
    o.config.action_time = std::chrono::milliseconds(50);
    sim_ = std::make_unique<civosim::Simulator>(o);
    ASSERT_TRUE(sim_->Start());
    http_ = std::make_unique<httplib::Client>("127.0.0.1", sim_->port());
    http_->set_default_headers({{"Authorization", std::string("bearer ") + kToken}});
  }
  void TearDown() override {
    http_.reset();
    sim_->Stop();
  }

  // Calls the endpoint, expects `status`, checks every field against `s`
  // and returns the parsed body.
  rapidjson::Document Check(const std::string& method, const std::string& path, const std::string& body,
                            const Struct& s, int status = 200) {
    httplib::Result r = method == "GET"      ? http_->Get(path.c_str())
                        : method == "DELETE" ? http_->Delete(path.c_str())
                        : method == "PUT"    ? http_->Put(path.c_str(), body, "application/json")
                                             : http_->Post(path.c_str(), body, "application/json");
    rapidjson::Document d;
    const std::string call = method + " " + path;
    if (!r) {
      ADD_FAILURE() << call << ": no answer";
      return d;
    }
    EXPECT_EQ(r->status, status) << call << ": " << r->body;
    d.Parse(r->body.c_str(), r->body.size());
    if (d.HasParseError() || !(d.IsObject() || d.IsArray())) {
      ADD_FAILURE() << call << ": not a JSON object or array: " << r->body;
      return d;
    }
    if (d.IsArray()) {
      EXPECT_GT(d.Size(), 0u) << call << ": an empty list checks nothing";
    }
    std::vector<std::string> bad;
    Walk(d, s, "$", bad);
    for (const auto& b : bad) ADD_FAILURE() << call << " sends " << b;
    ++checked_;
    return d;
  }

  static std::string Str(const rapidjson::Value& v, const char* k) {
    return v.IsObject() && v.HasMember(k) && v[k].IsString() ? v[k].GetString() : "";
  }

  std::unique_ptr<civosim::Simulator> sim_;
  std::unique_ptr<httplib::Client> http_;
  int checked_ = 0;
};

TEST_F(ApiFields, EveryEndpointSendsOnlyCivogoFields) {
  // Catalogue.
  Check("GET", "/v2/regions", "", kRegion);
  Check("GET", "/v2/sizes", "", kInstanceSize);
  auto images = Check("GET", "/v2/disk_images", "", kDiskImage);
  ASSERT_TRUE(images.IsArray() && images.Size() > 0);
  Check("GET", "/v2/disk_images/" + Str(images[0], "id"), "", kDiskImage);
  Check("GET", "/v2/quota", "", kQuota);

  // Networks (also under /v2/vpc, as civogo's newer calls use).
  auto net = Check("POST", "/v2/networks", R"({"label":"audit"})", kNetworkResult);
  const std::string net_id = Str(net, "id");
  ASSERT_FALSE(net_id.empty());
  Check("GET", "/v2/networks", "", kNetwork);
  Check("GET", "/v2/vpc/networks", "", kNetwork);
  Check("GET", "/v2/networks/" + net_id, "", kNetwork);
  Check("PUT", "/v2/networks/" + net_id, R"({"label":"audit-2"})", kNetworkResult);

  // Firewalls and their rules.
  auto fw = Check("POST", "/v2/firewalls", R"({"name":"audit-fw","network_id":")" + net_id + "\"}",
                  kFirewallResult);
  const std::string fw_id = Str(fw, "id");
  ASSERT_FALSE(fw_id.empty());
  Check("GET", "/v2/firewalls", "", kFirewall);
  Check("GET", "/v2/vpc/firewalls", "", kFirewall);
  Check("GET", "/v2/firewalls/" + fw_id, "", kFirewall);
  Check("PUT", "/v2/firewalls/" + fw_id, R"({"name":"audit-fw-2"})", kSimpleResponse);
  auto rule = Check("POST", "/v2/firewalls/" + fw_id + "/rules",
                    R"({"protocol":"tcp","start_port":"22","cidr":["0.0.0.0/0"],"label":"ssh"})", kFirewallRule);
  Check("GET", "/v2/firewalls/" + fw_id + "/rules", "", kFirewallRule);
  Check("DELETE", "/v2/firewalls/" + fw_id + "/rules/" + Str(rule, "id"), "", kSimpleResponse);

  // What civo_vpc and civo_firewall send: a network with its own range, a
  // firewall without Civo's default rules, an outbound deny rule; deleted.
  auto ranged = Check("POST", "/v2/networks", R"({"label":"audit-range","cidr_v4":"10.99.0.0/24"})",
                      kNetworkResult);
  const std::string ranged_id = Str(ranged, "id");
  ASSERT_FALSE(ranged_id.empty());
  Check("GET", "/v2/networks/" + ranged_id, "", kNetwork);
  auto bare = Check("POST", "/v2/firewalls",
                    R"({"name":"audit-bare","create_rules":false,"network_id":")" + ranged_id + "\"}",
                    kFirewallResult);
  const std::string bare_id = Str(bare, "id");
  ASSERT_FALSE(bare_id.empty());
  Check("POST", "/v2/firewalls/" + bare_id + "/rules",
        R"({"protocol":"udp","start_port":"1","end_port":"65535","cidr":["10.0.0.0/8"],"direction":"egress",)"
        R"("action":"deny"})",
        kFirewallRule);
  Check("GET", "/v2/firewalls", "", kFirewall);
  Check("DELETE", "/v2/firewalls/" + bare_id, "", kSimpleResponse);
  Check("DELETE", "/v2/networks/" + ranged_id, "", kSimpleResponse);

  // SSH keys.
  auto key = Check("POST", "/v2/sshkeys", R"({"name":"audit-key","public_key":"ssh-ed25519 AAAA a@b"})",
                   kSimpleResponse);
  const std::string key_id = Str(key, "id");
  ASSERT_FALSE(key_id.empty());
  Check("GET", "/v2/sshkeys", "", kSshKey);
  Check("GET", "/v2/sshkeys/" + key_id, "", kSshKey);
  Check("PUT", "/v2/sshkeys/" + key_id, R"({"name":"audit-key-2"})", kSshKey);

  // An instance on the new network with that firewall and key, ACTIVE.
  auto inst = Check("POST", "/v2/instances",
                    R"({"hostname":"audit","size":"g3.small","template_id":"ubuntu-jammy","network_id":")" +
                        net_id + R"(","firewall_id":")" + fw_id + R"(","ssh_key_id":")" + key_id +
                        R"(","tags":"a b","script":"#!/bin/sh"})",
                    kInstance);
  const std::string id = Str(inst, "id");
  ASSERT_FALSE(id.empty());
  for (int n = 0; n < 100 && Str(Check("GET", "/v2/instances/" + id, "", kInstance), "status") != "ACTIVE"; ++n) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  // Volumes: attached, so the instance lists it.
  auto vol = Check("POST", "/v2/volumes", R"({"name":"audit-vol","size_gb":5,"network_id":")" + net_id + "\"}",
                   kVolumeResult);
  const std::string vol_id = Str(vol, "id");
  ASSERT_FALSE(vol_id.empty());
  Check("PUT", "/v2/volumes/" + vol_id + "/attach", R"({"instance_id":")" + id + "\"}", kSimpleResponse);
  Check("GET", "/v2/volumes", "", kVolume);
  Check("GET", "/v2/volumes/" + vol_id, "", kVolume);
  // Resize (civogo volume.go: ResizeVolume answers a SimpleResponse), and
  // the errors of a shrink and of an unknown snapshot (Civo's error body).
  auto spare = Check("POST", "/v2/volumes", R"({"name":"audit-vol-2","size_gb":5})", kVolumeResult);
  const std::string spare_id = Str(spare, "id");
  Check("PUT", "/v2/volumes/" + spare_id + "/resize", R"({"size_gb":8})", kSimpleResponse);
  Check("PUT", "/v2/volumes/" + spare_id + "/resize", R"({"size_gb":3})", kSimpleResponse, 400);
  Check("POST", "/v2/volumes", R"({"name":"audit-vol-3","size_gb":5,"snapshot_id":"nope"})", kSimpleResponse, 404);

  // Reserved IPs: assigned, so `assigned_to` is filled.
  auto ip = Check("POST", "/v2/ips", R"({"name":"audit-ip"})", kIp);
  const std::string ip_id = Str(ip, "id");
  ASSERT_FALSE(ip_id.empty());
  Check("POST", "/v2/ips/" + ip_id + "/actions", R"({"action":"assign","assign_to_id":")" + id + "\"}",
        kSimpleResponse);
  Check("GET", "/v2/ips", "", kPaginatedIps);
  Check("GET", "/v2/vpc/ips", "", kPaginatedIps);
  Check("GET", "/v2/ips/" + ip_id, "", kIp);
  Check("PUT", "/v2/ips/" + ip_id, R"({"name":"audit-ip-2"})", kIp);
  // An assigned IP cannot be deleted (Civo's error body).
  Check("DELETE", "/v2/ips/" + ip_id, "", kSimpleResponse, 400);

  // The instance with everything on it, and its calls.
  auto full = Check("GET", "/v2/instances/" + id, "", kInstance);
  EXPECT_TRUE(full.IsObject() && full.HasMember("attached_volumes") && full["attached_volumes"].Size() == 1)
      << "the attached volume was not listed: nested fields left unchecked";
  Check("GET", "/v2/instances", "", kPaginatedInstances);
  Check("GET", "/v2/instances?tags=a", "", kPaginatedInstances);
  Check("PUT", "/v2/instances/" + id, R"({"hostname":"audit-2"})", kSimpleResponse);
  Check("PUT", "/v2/instances/" + id + "/tags", R"({"tags":"c"})", kSimpleResponse);
  Check("PUT", "/v2/instances/" + id + "/firewall", R"({"firewall_id":"default"})", kSimpleResponse);
  Check("PUT", "/v2/instances/" + id + "/resize", R"({"size":"g3.medium"})", kSimpleResponse);

  // Errors: Civo's {code, reason}.
  Check("GET", "/v2/instances/00000000-0000-4000-8000-000000000000", "", kSimpleResponse, 404);
  Check("GET", "/v2/sizes?region=MARS1", "", kSimpleResponse, 400);
  Check("PUT", "/v2/instances/" + id + "/firewall", R"({"firewall_id":"nope"})", kSimpleResponse, 422);

  // Undo, through the calls that do it.
  Check("POST", "/v2/ips/" + ip_id + "/actions", R"({"action":"unassign"})", kSimpleResponse);
  Check("DELETE", "/v2/ips/" + ip_id, "", kSimpleResponse);
  Check("PUT", "/v2/volumes/" + vol_id + "/detach", "{}", kSimpleResponse);
  Check("DELETE", "/v2/instances/" + id, "", kSimpleResponse);
  Check("DELETE", "/v2/sshkeys/" + key_id, "", kSimpleResponse);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // deleted, detached
  Check("DELETE", "/v2/volumes/" + vol_id, "", kSimpleResponse);
  Check("DELETE", "/v2/firewalls/" + fw_id, "", kSimpleResponse);
  Check("DELETE", "/v2/networks/" + net_id, "", kSimpleResponse);
  EXPECT_GE(checked_, 50);
}

// The walker itself: a field civogo does not have is caught at any depth.
TEST(ApiFieldsWalker, FlagsUnknownFieldsAtEveryDepth) {
  rapidjson::Document d;
  d.Parse(R"([{"id":"f","network_id":"n","default":true,
               "rules":[{"id":"r","protocol":"tcp","priority":1}]}])");
  std::vector<std::string> bad;
  Walk(d, kFirewall, "$", bad);
  ASSERT_EQ(bad.size(), 2u);
  EXPECT_EQ(bad[0], "$[0].default (not in civogo firewall.go: Firewall)");
  EXPECT_EQ(bad[1], "$[0].rules[0].priority (not in civogo firewall.go: FirewallRule)");

  d.Parse(R"({"id":"n","label":"x","region":"LON1"})");
  bad.clear();
  Walk(d, kNetwork, "$", bad);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0], "$.region (not in civogo network.go: Network)");

  d.Parse(R"({"id":"i","assigned_to":{"id":"x","kind":"instance"}})");
  bad.clear();
  Walk(d, kIp, "$", bad);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0], "$.assigned_to.kind (not in civogo ip.go: AssignedTo)");
}

}  // namespace
