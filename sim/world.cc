#include "sim/world.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <functional>

#include "sim/json_io.h"

namespace civosim {
namespace {

bool Ends(Clock::time_point until, Clock::time_point now) { return now >= until; }

std::string Base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {k[n >> 18], k[(n >> 12) & 63], k[(n >> 6) & 63], k[n & 63]};
  }
  if (i + 1 == in.size()) {
    uint32_t n = uint8_t(in[i]) << 16;
    out += {k[n >> 18], k[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {k[n >> 18], k[(n >> 12) & 63], k[(n >> 6) & 63], '='};
  }
  return out;
}

Reply Ok(std::string body) { return Reply{200, std::move(body)}; }

// civogo client.go: SimpleResponse (`id`, `result`), the answer of most
// calls that change something.
std::string Success(const std::string& id) {
  JsonOut j;
  j.Begin().FStr("result", "success");
  if (!id.empty()) j.FStr("id", id);
  return j.End().str();
}

const rapidjson::Value& EmptyObject() {
  static const rapidjson::Value* v = [] {
    auto* d = new rapidjson::Document();
    d->SetObject();
    return d;
  }();
  return *v;
}

}  // namespace

// civogo client.go: SimpleResponse's `code` and `reason` (errors.go maps
// the codes), Civo's error body.
Reply ErrorReply(int status, const std::string& code, const std::string& reason) {
  JsonOut j;
  j.Begin().FStr("code", code).FStr("reason", reason).End();
  return Reply{status, j.str()};
}

World::World(const SimConfig& cfg) : regions_(cfg.regions) {
  if (regions_.empty()) regions_ = {"LON1"};
  for (auto& r : regions_) std::transform(r.begin(), r.end(), r.begin(), ::toupper);
  sizes_ = {
      {"g3.xsmall", "Instance", "Extra Small", 1, 1024, 25, true},
      {"g3.small", "Instance", "Small", 1, 2048, 25, true},
      {"g3.medium", "Instance", "Medium", 2, 4096, 50, true},
      {"g3.large", "Instance", "Large", 4, 8192, 100, true},
      {"g3.xlarge", "Instance", "Extra Large", 6, 16384, 150, true},
      {"g3.2xlarge", "Instance", "2X Large", 8, 32768, 200, true},
      {"g2.legacy", "Instance", "Legacy (retired)", 1, 1024, 25, false},
      {"g4s.kube.small", "Kubernetes", "Small - Standard", 1, 2048, 40, true},
  };
  images_ = {
      {"9d5ea2e3-0a6c-4f43-a45e-06a5e2a9c9b1", "ubuntu-jammy", "22.04", "ubuntu", "civo", {}},
      {"3b1f6c0e-2a47-4a8e-9c41-5d2b8f7e0c11", "ubuntu-focal", "20.04", "ubuntu", "civo", {}},
      {"6a0f5e9c-8b3d-4c21-a7f0-1e2d3c4b5a61", "debian-11", "11", "debian", "civo", {}},
      {"c2e4a6b8-d0f1-4a3c-9e5b-7d8f9a0b1c21", "debian-12", "12", "debian", "civo", {}},
      // Only in the first region: lets tests check "image not available in this region".
      {"e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a51", "rocky-9", "9", "rocky", "rocky", {regions_.front()}},
  };
  for (const auto& r : regions_) AddNetwork("default", r, "192.168.1.0/24", true);
}

// ---------------------------------------------------------------- helpers

std::string World::NewId() {
  uint64_t a = id_rng_(), b = id_rng_();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", uint32_t(a >> 32), uint32_t((a >> 16) & 0xffff),
                uint32_t(a & 0xfff), uint32_t(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

std::string World::Rfc3339Now() const {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string World::NextPublicIp() {
  uint32_t n = next_public_++;
  return "74.220." + std::to_string((n >> 8) & 255) + "." + std::to_string(n & 255);
}

bool World::KnownRegion(const std::string& region) const {
  return std::find(regions_.begin(), regions_.end(), region) != regions_.end();
}

void World::Sweep(Clock::time_point now) {
  for (const Instance& i : instances_) {
    if (i.deleting && Ends(i.deleting_until, now)) ReleaseAttachments(i.id);
  }
  instances_.erase(std::remove_if(instances_.begin(), instances_.end(),
                                  [now](const Instance& i) { return i.deleting && Ends(i.deleting_until, now); }),
                   instances_.end());
  for (Volume& v : volumes_) {
    if (v.op != Volume::Op::kNone && Ends(v.op_until, now)) {
      if (v.op == Volume::Op::kDetaching) v.instance_id.clear();
      v.op = Volume::Op::kNone;
    }
  }
}

std::string World::InstanceStatus(const Instance& i, Clock::time_point now) const {
  if (i.deleting) return "DELETING";
  if (!i.status_override.empty()) return i.status_override;
  if (now < i.ready_at) return "BUILDING";
  if (now < i.action_until) return "REBOOTING";
  return "ACTIVE";
}

std::string World::VolumeStatus(const Volume& v, Clock::time_point now) const {
  switch (v.op) {
    case Volume::Op::kAttaching:
      return now < v.op_until ? "attaching" : "attached";
    case Volume::Op::kDetaching:
      return now < v.op_until ? "detaching" : "available";
    case Volume::Op::kNone:
      break;
  }
  return v.instance_id.empty() ? "available" : "attached";
}

const World::SizeSpec* World::FindSize(const std::string& name) const {
  for (const auto& s : sizes_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const World::Image* World::FindImage(const std::string& id_or_name, const std::string& region) const {
  for (const auto& im : images_) {
    if (im.id != id_or_name && im.name != id_or_name) continue;
    if (!im.regions.empty() && std::find(im.regions.begin(), im.regions.end(), region) == im.regions.end()) {
      return nullptr;
    }
    return &im;
  }
  return nullptr;
}

World::Network* World::FindNetwork(const std::string& id, const std::string& region) {
  for (auto& n : networks_) {
    if (n.id == id && n.region == region) return &n;
  }
  return nullptr;
}

World::Network* World::DefaultNetwork(const std::string& region) {
  for (auto& n : networks_) {
    if (n.is_default && n.region == region) return &n;
  }
  return nullptr;
}

World::Firewall* World::FindFirewall(const std::string& id, const std::string& region) {
  for (auto& f : firewalls_) {
    if (f.id == id && f.region == region) return &f;
  }
  return nullptr;
}

World::Firewall* World::DefaultFirewall(const std::string& network_id) {
  for (auto& f : firewalls_) {
    if (f.is_default && f.network_id == network_id) return &f;
  }
  return nullptr;
}

World::Instance* World::FindInstance(const std::string& id, const std::string& region) {
  for (auto& i : instances_) {
    if (i.id == id && i.region == region) return &i;
  }
  return nullptr;
}

World::Volume* World::FindVolume(const std::string& id, const std::string& region) {
  for (auto& v : volumes_) {
    if (v.id == id && v.region == region) return &v;
  }
  return nullptr;
}

World::Ip* World::FindIp(const std::string& id, const std::string& region) {
  for (auto& ip : ips_) {
    if (ip.id == id && ip.region == region) return &ip;
  }
  return nullptr;
}

World::Network& World::AddNetwork(const std::string& label, const std::string& region, std::string cidr,
                                  bool is_default) {
  Network n;
  n.id = NewId();
  n.label = label;
  n.name = "cust-" + n.id.substr(0, 8) + "-" + label;
  n.region = region;
  if (cidr.empty()) cidr = "10." + std::to_string(networks_.size() % 250) + ".0.0/24";
  n.cidr = cidr;
  n.is_default = is_default;
  std::string id = n.id;
  networks_.push_back(n);
  // Civo gives every network a default firewall.
  AddFirewall("default-" + label, id, region, true);
  return *FindNetwork(id, region);
}

World::Firewall& World::AddFirewall(const std::string& name, const std::string& network_id,
                                    const std::string& region, bool is_default) {
  Firewall f;
  f.id = NewId();
  f.name = name;
  f.network_id = network_id;
  f.region = region;
  f.is_default = is_default;
  f.rules = {
      {NewId(), "tcp", "1", "65535", "ingress", "allow", "All TCP ports open", {"0.0.0.0/0"}},
      {NewId(), "udp", "1", "65535", "ingress", "allow", "All UDP ports open", {"0.0.0.0/0"}},
      {NewId(), "icmp", "", "", "ingress", "allow", "Ping/traceroute", {"0.0.0.0/0"}},
  };
  firewalls_.push_back(f);
  return firewalls_.back();
}

void World::ReleaseAttachments(const std::string& instance_id, bool ips) {
  for (Volume& v : volumes_) {
    if (v.instance_id == instance_id) {
      v.instance_id.clear();
      v.op = Volume::Op::kNone;
    }
  }
  for (Ip& ip : ips_) {
    if (ips && ip.assigned_to == instance_id) ip.assigned_to.clear();
  }
}

// ---------------------------------------------------------------- JSON
//
// Every writer below sends only fields that civogo (github.com/civo/civogo,
// the best public record of Civo's JSON) has in the struct named above it,
// so a provider tested here cannot come to rely on a field Civo never sends.
// tests/sim/api_fields_test.cc holds the same lists and fails on any other.

// civogo instance.go: Instance (and AttachedVolume for attached_volumes).
std::string World::InstanceJson(const Instance& i, Clock::time_point now) const {
  std::string status = InstanceStatus(i, now);
  bool built = status != "BUILDING";
  const Ip* rip = nullptr;
  for (const Ip& ip : ips_) {
    if (ip.assigned_to == i.id) rip = &ip;
  }
  JsonOut j;
  j.Begin().FStr("id", i.id).FStr("openstack_server_id", "os-" + i.id.substr(0, 8)).FStr("hostname", i.hostname);
  j.FStr("reverse_dns", "").FStr("size", i.size).FStr("region", i.region).FStr("network_id", i.network_id);
  j.FStrOrNull("private_ip", built ? i.private_ip : "");
  j.FStrOrNull("public_ip", built ? (rip != nullptr ? rip->ip : i.public_ip) : "");
  j.FStr("pseudo_ip", "").FStr("template_id", i.template_id).FStr("source_type", "diskimage");
  j.FStr("source_id", i.image_name).FStr("snapshot_id", "").FStr("initial_user", i.initial_user);
  j.FStr("initial_password", i.initial_password).FStr("ssh_key_id", i.ssh_key_id).FStr("status", status);
  j.FStr("notes", i.notes).FStr("firewall_id", i.firewall_id).FStrList("tags", i.tags);
  j.FStr("civostatsd_token", "").FInt("cpu_cores", i.cpu).FInt("ram_mb", i.ram).FInt("disk_gb", i.disk);
  j.FInt("gpu_count", 0).FStr("script", Base64(i.script)).FStr("created_at", i.created_at);
  j.FStr("reserved_ip_id", rip != nullptr ? rip->id : "").FStr("reserved_ip_name", rip != nullptr ? rip->name : "");
  j.FStr("reserved_ip", rip != nullptr ? rip->ip : "").FBool("volume_backed", false);
  j.Key("attached_volumes").BeginArray();
  for (const Volume& v : volumes_) {
    if (v.instance_id == i.id && v.op != Volume::Op::kDetaching) j.Begin().FStr("id", v.id).End();
  }
  j.EndArray();
  return j.End().str();
}

// civogo network.go: Network. It has `default` (the region's default
// network) but no `region`.
std::string World::NetworkJson(const Network& n) const {
  JsonOut j;
  j.Begin().FStr("id", n.id).FStr("name", n.name).FBool("default", n.is_default).FStr("cidr", n.cidr);
  j.FStr("label", n.label).FStr("status", "Active").FBool("ipv4_enabled", true);
  return j.End().str();
}

// civogo firewall.go: FirewallRule.
void World::RuleJson(JsonOut& j, const Rule& r, const std::string& firewall_id) const {
  j.Begin().FStr("id", r.id).FStr("firewall_id", firewall_id).FStr("protocol", r.protocol);
  j.FStr("start_port", r.start_port).FStr("end_port", r.end_port).FStrList("cidr", r.cidr);
  j.FStr("direction", r.direction).FStr("action", r.action).FStr("label", r.label).End();
}

// civogo firewall.go: Firewall. It has no `default`: nothing Civo sends
// says which firewall is a network's default (SPEC.md), so the simulator
// keeps that to itself.
std::string World::FirewallJson(const Firewall& f) const {
  int used = 0;
  for (const Instance& i : instances_) used += i.firewall_id == f.id ? 1 : 0;
  JsonOut j;
  j.Begin().FStr("id", f.id).FStr("name", f.name).FInt("rules_count", static_cast<int64_t>(f.rules.size()));
  j.FInt("instance_count", used).FInt("cluster_count", 0).FInt("loadbalancer_count", 0);
  j.FStr("network_id", f.network_id).Key("rules").BeginArray();
  for (const Rule& r : f.rules) RuleJson(j, r, f.id);
  j.EndArray();
  return j.End().str();
}

// civogo volume.go: Volume.
std::string World::VolumeJson(const Volume& v, Clock::time_point now) const {
  JsonOut j;
  j.Begin().FStr("id", v.id).FStr("name", v.name).FStr("instance_id", v.instance_id).FStr("cluster_id", "");
  j.FStr("network_id", v.network_id).FStr("mountpoint", v.instance_id.empty() ? "" : "/dev/vdb");
  j.FStr("status", VolumeStatus(v, now)).FStr("volume_type", "csi-s3").FInt("size_gb", v.size_gb);
  j.FBool("bootable", false).FStr("created_at", v.created_at);
  return j.End().str();
}

// civogo ip.go: IP and AssignedTo.
std::string World::IpJson(const Ip& ip) const {
  std::string name;
  for (const Instance& i : instances_) {
    if (i.id == ip.assigned_to) name = i.hostname;
  }
  JsonOut j;
  j.Begin().FStr("id", ip.id).FStr("name", ip.name).FStr("ip", ip.ip).Key("assigned_to").Begin();
  j.FStr("id", ip.assigned_to).FStr("type", ip.assigned_to.empty() ? "" : "instance").FStr("name", name).End();
  return j.End().str();
}

// civogo ssh_key.go: SSHKey.
std::string World::SshKeyJson(const SshKey& k) const {
  JsonOut j;
  j.Begin().FStr("id", k.id).FStr("name", k.name).FStr("fingerprint", k.fingerprint);
  j.FStr("public_key", k.public_key).FStr("created_at", k.created_at);
  return j.End().str();
}

// ---------------------------------------------------------------- catalogue

// civogo region.go: Region and Feature.
Reply World::Regions() {
  JsonOut j;
  j.BeginArray();
  for (size_t n = 0; n < regions_.size(); ++n) {
    const std::string& r = regions_[n];
    j.Begin().FStr("code", r).FStr("name", r + " (simulated)").FStr("type", "civostack");
    j.FBool("out_of_capacity", false).FStr("country", "GB").FStr("country_name", "Simulated");
    j.Key("features").Begin().FBool("iaas", true).FBool("kubernetes", true).FBool("volume", true).End();
    j.FBool("default", n == 0).End();
  }
  return Ok(j.EndArray().str());
}

// civogo instance_size.go: InstanceSize.
Reply World::Sizes() {
  JsonOut j;
  j.BeginArray();
  for (const auto& s : sizes_) {
    j.Begin().FStr("type", s.type).FStr("name", s.name).FStr("nice_name", s.nice_name).FInt("cpu_cores", s.cpu);
    j.FInt("gpu_count", 0).FInt("ram_mb", s.ram).FInt("disk_gb", s.disk).FInt("transfer_tb", 1);
    j.FStr("description", s.nice_name).FBool("selectable", s.selectable).End();
  }
  return Ok(j.EndArray().str());
}

// civogo disk_image.go: DiskImage.
Reply World::DiskImages(const ApiRequest& r) {
  auto json = [](JsonOut& j, const Image& im) {
    j.Begin().FStr("id", im.id).FStr("name", im.name).FStr("version", im.version).FStr("state", "available");
    j.FStr("initial_user", im.initial_user).FStr("distribution", im.distribution).FStr("os", "linux");
    j.FStr("description", "").FStr("label", im.name).FBool("distribution_default", false).End();
  };
  if (r.segs.size() == 2) {
    const Image* im = FindImage(r.segs[1], r.region);
    if (im == nullptr) return ErrorReply(404, "database_disk_image_not_found", "The disk image could not be found");
    JsonOut j;
    json(j, *im);
    return Ok(j.str());
  }
  JsonOut j;
  j.BeginArray();
  for (const auto& im : images_) {
    if (FindImage(im.id, r.region) != nullptr) json(j, im);
  }
  return Ok(j.EndArray().str());
}

// civogo quota.go: Quota.
Reply World::Quota(const ApiRequest& r, const SimConfig& cfg) {
  int64_t n = 0, cpu = 0, ram = 0, disk = 0;
  for (const Instance& i : instances_) {
    ++n;
    cpu += i.cpu;
    ram += i.ram;
    disk += i.disk;
  }
  JsonOut j;
  j.Begin().FStr("id", "quota-sim").FStr("default_user_id", "user-sim").FInt("instance_count_limit", cfg.instance_quota);
  j.FInt("instance_count_usage", n).FInt("cpu_core_limit", cfg.instance_quota * 8).FInt("cpu_core_usage", cpu);
  j.FInt("ram_mb_limit", int64_t{cfg.instance_quota} * 32768).FInt("ram_mb_usage", ram);
  j.FInt("disk_gb_limit", int64_t{cfg.instance_quota} * 200).FInt("disk_gb_usage", disk);
  j.FInt("disk_volume_count_limit", 1000).FInt("disk_volume_count_usage", static_cast<int64_t>(volumes_.size()));
  j.FInt("public_ip_address_limit", 1000).FInt("public_ip_address_usage", static_cast<int64_t>(ips_.size()));
  j.FInt("network_count_limit", 100).FInt("network_count_usage", static_cast<int64_t>(networks_.size()));
  j.FInt("security_group_limit", 500).FInt("security_group_usage", static_cast<int64_t>(firewalls_.size()));
  return Ok(j.End().str());
}

// ---------------------------------------------------------------- networks, firewalls, keys

Reply World::Networks(const ApiRequest& r, bool check_duplicates) {
  const rapidjson::Value& b = *r.body;
  if (r.segs.size() == 1 && r.method == "GET") {
    JsonOut j;
    j.BeginArray();
    for (const auto& n : networks_) {
      if (n.region == r.region) j.Raw(NetworkJson(n));
    }
    return Ok(j.EndArray().str());
  }
  if (r.segs.size() == 1 && r.method == "POST") {
    std::string label = GetStr(b, "label");
    if (label.empty()) return ErrorReply(400, "parameter_label_invalid", "A network label is required");
    if (check_duplicates) {
      for (const auto& n : networks_) {
        if (n.region == r.region && n.label == label) {
          return ErrorReply(400, "database_network_duplicate_name", "A network named " + label + " already exists");
        }
      }
    }
    // civogo NetworkConfig `default` (a string): the new network becomes the
    // region's default.
    const bool make_default = GetStr(b, "default") == "true";
    if (make_default) {
      if (Network* old = DefaultNetwork(r.region)) old->is_default = false;
    }
    Network& n = AddNetwork(label, r.region, GetStr(b, "cidr_v4"), make_default);
    // civogo network.go: NetworkResult.
    JsonOut j;
    j.Begin().FStr("id", n.id).FStr("label", n.label).FStr("result", "success").End();
    return Ok(j.str());
  }
  if (r.segs.size() != 2) return ErrorReply(404, "not_found", "No such endpoint");
  Network* n = FindNetwork(r.segs[1], r.region);
  if (n == nullptr) return ErrorReply(404, "database_network_not_found", "The network could not be found");
  if (r.method == "GET") return Ok(NetworkJson(*n));
  if (r.method == "PUT") {
    if (!GetStr(b, "label").empty()) n->label = GetStr(b, "label");
    // civogo network.go: NetworkResult.
    JsonOut j;
    j.Begin().FStr("id", n->id).FStr("label", n->label).FStr("result", "success").End();
    return Ok(j.str());
  }
  if (r.method == "DELETE") {
    if (n->is_default) return ErrorReply(400, "network_delete_default", "The default network cannot be deleted");
    for (const auto& i : instances_) {
      if (i.network_id == n->id) {
        return ErrorReply(400, "database_network_delete_with_instance", "The network still has instances");
      }
    }
    std::string id = n->id;
    firewalls_.erase(std::remove_if(firewalls_.begin(), firewalls_.end(),
                                    [&id](const Firewall& f) { return f.network_id == id; }),
                     firewalls_.end());
    networks_.erase(std::remove_if(networks_.begin(), networks_.end(), [&id](const Network& x) { return x.id == id; }),
                    networks_.end());
    return Ok(Success(id));
  }
  return ErrorReply(405, "method_not_allowed", "Method not allowed");
}

Reply World::Firewalls(const ApiRequest& r, bool check_duplicates) {
  const rapidjson::Value& b = *r.body;
  if (r.segs.size() == 1 && r.method == "GET") {
    JsonOut j;
    j.BeginArray();
    for (const auto& f : firewalls_) {
      if (f.region == r.region) j.Raw(FirewallJson(f));
    }
    return Ok(j.EndArray().str());
  }
  if (r.segs.size() == 1 && r.method == "POST") {
    std::string name = GetStr(b, "name");
    if (name.empty()) return ErrorReply(400, "parameter_name_invalid", "A firewall name is required");
    std::string network_id = GetStr(b, "network_id");
    Network* n = network_id.empty() ? DefaultNetwork(r.region) : FindNetwork(network_id, r.region);
    if (n == nullptr) return ErrorReply(422, "database_network_not_found", "The network could not be found");
    network_id = n->id;
    if (check_duplicates) {
      for (const auto& f : firewalls_) {
        if (f.region == r.region && f.name == name) {
          return ErrorReply(400, "database_firewall_duplicate_name", "A firewall named " + name + " already exists");
        }
      }
    }
    Firewall& f = AddFirewall(name, network_id, r.region, false);
    if (GetStr(b, "create_rules") == "false") f.rules.clear();
    // civogo firewall.go: FirewallResult.
    JsonOut j;
    j.Begin().FStr("id", f.id).FStr("name", f.name).FStr("result", "success").End();
    return Ok(j.str());
  }
  if (r.segs.size() < 2) return ErrorReply(404, "not_found", "No such endpoint");
  Firewall* f = FindFirewall(r.segs[1], r.region);
  if (f == nullptr) return ErrorReply(404, "database_firewall_not_found", "The firewall could not be found");
  if (r.segs.size() == 2) {
    if (r.method == "GET") return Ok(FirewallJson(*f));
    if (r.method == "PUT") {
      if (!GetStr(b, "name").empty()) f->name = GetStr(b, "name");
      return Ok(Success(f->id));
    }
    if (r.method == "DELETE") {
      for (const auto& i : instances_) {
        if (i.firewall_id == f->id) {
          return ErrorReply(400, "database_firewall_delete_failed", "The firewall is in use by an instance");
        }
      }
      std::string id = f->id;
      firewalls_.erase(std::remove_if(firewalls_.begin(), firewalls_.end(),
                                      [&id](const Firewall& x) { return x.id == id; }),
                       firewalls_.end());
      return Ok(Success(id));
    }
  }
  if (r.segs.size() >= 3 && r.segs[2] == "rules") {
    if (r.segs.size() == 3 && r.method == "GET") {
      JsonOut j;
      j.BeginArray();
      for (const auto& rule : f->rules) RuleJson(j, rule, f->id);
      return Ok(j.EndArray().str());
    }
    if (r.segs.size() == 3 && r.method == "POST") {
      Rule rule{NewId(), GetStr(b, "protocol"), GetStr(b, "start_port"), GetStr(b, "end_port"),
                GetStr(b, "direction"), GetStr(b, "action"), GetStr(b, "label"), GetStrList(b, "cidr")};
      if (rule.protocol.empty()) rule.protocol = "tcp";
      if (rule.direction.empty()) rule.direction = "ingress";
      if (rule.action.empty()) rule.action = "allow";
      if (rule.end_port.empty()) rule.end_port = rule.start_port;
      if (rule.protocol != "icmp" && rule.start_port.empty()) {
        return ErrorReply(400, "parameter_start_port_missing", "start_port is required");
      }
      f->rules.push_back(rule);
      JsonOut j;
      RuleJson(j, rule, f->id);
      return Ok(j.str());
    }
    if (r.segs.size() == 4 && r.method == "DELETE") {
      auto it = std::find_if(f->rules.begin(), f->rules.end(), [&r](const Rule& x) { return x.id == r.segs[3]; });
      if (it == f->rules.end()) return ErrorReply(404, "database_firewall_rules_find", "The rule could not be found");
      f->rules.erase(it);
      return Ok(Success(r.segs[3]));
    }
  }
  return ErrorReply(404, "not_found", "No such endpoint");
}

Reply World::SshKeys(const ApiRequest& r) {
  const rapidjson::Value& b = *r.body;
  if (r.segs.size() == 1 && r.method == "GET") {
    JsonOut j;
    j.BeginArray();
    for (const auto& k : keys_) j.Raw(SshKeyJson(k));
    return Ok(j.EndArray().str());
  }
  if (r.segs.size() == 1 && r.method == "POST") {
    std::string name = GetStr(b, "name"), key = GetStr(b, "public_key");
    if (name.empty()) return ErrorReply(400, "parameter_name_invalid", "An SSH key name is required");
    if (key.empty()) return ErrorReply(400, "parameter_public_key_empty", "The public key is empty");
    for (const auto& k : keys_) {
      if (k.name == name) return ErrorReply(400, "database_ssh_key_duplicate_name", "An SSH key named " + name + " exists");
    }
    char fp[32];
    std::snprintf(fp, sizeof fp, "%016zx", std::hash<std::string>{}(key));
    keys_.push_back(SshKey{NewId(), name, key, std::string("SHA256:sim") + fp, Rfc3339Now()});
    return Ok(Success(keys_.back().id));
  }
  if (r.segs.size() != 2) return ErrorReply(404, "not_found", "No such endpoint");
  auto it = std::find_if(keys_.begin(), keys_.end(), [&r](const SshKey& k) { return k.id == r.segs[1]; });
  if (it == keys_.end()) return ErrorReply(404, "database_ssh_key_not_found", "The SSH key could not be found");
  if (r.method == "GET") return Ok(SshKeyJson(*it));
  if (r.method == "PUT") {
    if (!GetStr(b, "name").empty()) it->name = GetStr(b, "name");
    return Ok(SshKeyJson(*it));
  }
  if (r.method == "DELETE") {
    std::string id = it->id;
    keys_.erase(it);
    return Ok(Success(id));
  }
  return ErrorReply(405, "method_not_allowed", "Method not allowed");
}

// ---------------------------------------------------------------- volumes, IPs

Reply World::Volumes(const ApiRequest& r, bool check_duplicates, Clock::time_point now, const SimConfig& cfg) {
  const rapidjson::Value& b = *r.body;
  if (r.segs.size() == 1 && r.method == "GET") {
    JsonOut j;
    j.BeginArray();
    for (const auto& v : volumes_) {
      if (v.region == r.region) j.Raw(VolumeJson(v, now));
    }
    return Ok(j.EndArray().str());
  }
  if (r.segs.size() == 1 && r.method == "POST") {
    std::string name = GetStr(b, "name");
    int64_t size = GetInt(b, "size_gb");
    if (name.empty()) return ErrorReply(400, "parameter_name_invalid", "A volume name is required");
    if (size <= 0) return ErrorReply(400, "volume_invalid_size", "size_gb must be a positive number");
    if (Reply snap = NewVolumeSnapshotCheck(r); snap.status != 200) return snap;
    std::string network_id = GetStr(b, "network_id");
    Network* n = network_id.empty() ? DefaultNetwork(r.region) : FindNetwork(network_id, r.region);
    if (n == nullptr) return ErrorReply(422, "database_network_not_found", "The network could not be found");
    if (check_duplicates) {
      for (const auto& v : volumes_) {
        if (v.region == r.region && v.name == name) {
          return ErrorReply(400, "database_volume_duplicate_name", "A volume named " + name + " already exists");
        }
      }
    }
    Volume v;
    v.id = NewId();
    v.name = name;
    v.region = r.region;
    v.network_id = n->id;
    v.size_gb = size;
    v.created_at = Rfc3339Now();
    volumes_.push_back(v);
    // civogo volume.go: VolumeResult.
    JsonOut j;
    j.Begin().FStr("id", v.id).FStr("name", v.name).FStr("result", "success").End();
    return Ok(j.str());
  }
  if (r.segs.size() < 2) return ErrorReply(404, "not_found", "No such endpoint");
  Volume* v = FindVolume(r.segs[1], r.region);
  if (v == nullptr) return ErrorReply(404, "database_volume_not_found", "The volume could not be found");
  if (r.segs.size() == 2 && r.method == "GET") return Ok(VolumeJson(*v, now));
  if (r.segs.size() == 2 && r.method == "DELETE") {
    if (!v->instance_id.empty()) {
      return ErrorReply(400, "database_volume_delete_failed", "The volume is attached to an instance; detach it first");
    }
    std::string id = v->id;
    volumes_.erase(std::remove_if(volumes_.begin(), volumes_.end(), [&id](const Volume& x) { return x.id == id; }),
                   volumes_.end());
    return Ok(Success(id));
  }
  if (r.segs.size() == 3 && r.segs[2] == "attach" && r.method == "PUT") {
    std::string instance_id = GetStr(b, "instance_id");
    Instance* inst = FindInstance(instance_id, r.region);
    if (inst == nullptr || inst->deleting) {
      return ErrorReply(404, "database_instance_find", "The instance could not be found");
    }
    if (v->instance_id == instance_id && v->op != Volume::Op::kDetaching) return Ok(Success(v->id));  // idempotent
    if (!v->instance_id.empty()) {
      return ErrorReply(400, "database_volume_cannot_multiple_attach", "The volume is already attached to an instance");
    }
    if (InstanceStatus(*inst, now) != "ACTIVE") {
      return ErrorReply(400, "instance_state_must_be_active_or_shutoff", "The instance must be ACTIVE");
    }
    v->instance_id = instance_id;
    v->op = Volume::Op::kAttaching;
    v->op_until = now + cfg.action_time;
    return Ok(Success(v->id));
  }
  if (r.segs.size() == 3 && r.segs[2] == "detach" && r.method == "PUT") {
    if (v->instance_id.empty()) return ErrorReply(400, "database_volume_not_attached", "The volume is not attached");
    if (v->op != Volume::Op::kDetaching) {
      v->op = Volume::Op::kDetaching;
      v->op_until = now + cfg.action_time;
    }
    return Ok(Success(v->id));
  }
  if (r.segs.size() == 3 && r.segs[2] == "resize" && r.method == "PUT") return ResizeVolume(*v, r, now);
  return ErrorReply(404, "not_found", "No such endpoint");
}

Reply World::Ips(const ApiRequest& r, const SimConfig& cfg, Clock::time_point now) {
  const rapidjson::Value& b = *r.body;
  if (r.segs.size() == 1 && r.method == "GET") {
    std::vector<const Ip*> mine;
    for (const auto& ip : ips_) {
      if (ip.region == r.region) mine.push_back(&ip);
    }
    int64_t page = 1, per_page = cfg.default_per_page;
    if (r.query.count("page")) page = std::max<int64_t>(1, std::atoll(r.query.at("page").c_str()));
    if (r.query.count("per_page")) per_page = std::max<int64_t>(1, std::atoll(r.query.at("per_page").c_str()));
    int64_t total = static_cast<int64_t>(mine.size());
    int64_t pages = std::max<int64_t>(1, (total + per_page - 1) / per_page);
    JsonOut j;
    j.Begin().FInt("page", page).FInt("per_page", per_page).FInt("pages", pages).Key("items").BeginArray();
    for (int64_t k = (page - 1) * per_page; k < total && k < page * per_page; ++k) j.Raw(IpJson(*mine[k]));
    return Ok(j.EndArray().End().str());
  }
  if (r.segs.size() == 1 && r.method == "POST") {
    Ip ip{NewId(), GetStr(b, "name"), NextPublicIp(), r.region, ""};
    if (ip.name.empty()) ip.name = ip.ip;
    ips_.push_back(ip);
    return Ok(IpJson(ip));
  }
  if (r.segs.size() < 2) return ErrorReply(404, "not_found", "No such endpoint");
  Ip* ip = FindIp(r.segs[1], r.region);
  if (ip == nullptr) return ErrorReply(404, "database_ip_find", "The reserved IP could not be found");
  if (r.segs.size() == 2 && r.method == "GET") return Ok(IpJson(*ip));
  if (r.segs.size() == 2 && r.method == "PUT") {
    if (!GetStr(b, "name").empty()) ip->name = GetStr(b, "name");
    return Ok(IpJson(*ip));
  }
  if (r.segs.size() == 2 && r.method == "DELETE") {
    if (!ip->assigned_to.empty()) {
      return ErrorReply(400, "database_ip_still_assigned",
                        "The reserved IP is assigned to an instance; unassign it first");
    }
    std::string id = ip->id;
    ips_.erase(std::remove_if(ips_.begin(), ips_.end(), [&id](const Ip& x) { return x.id == id; }), ips_.end());
    return Ok(Success(id));
  }
  if (r.segs.size() == 3 && r.segs[2] == "actions" && r.method == "POST") {
    std::string action = GetStr(b, "action");
    if (action == "unassign") {
      ip->assigned_to.clear();
      return Ok(Success(ip->id));
    }
    if (action != "assign") return ErrorReply(400, "parameter_action_invalid", "action must be assign or unassign");
    std::string target = GetStr(b, "assign_to_id");
    Instance* inst = FindInstance(target, r.region);
    if (inst == nullptr || inst->deleting) {
      return ErrorReply(404, "database_instance_find", "The instance could not be found");
    }
    if (ip->assigned_to == target) return Ok(Success(ip->id));  // idempotent
    if (!ip->assigned_to.empty()) {
      return ErrorReply(400, "database_cannot_move_ip", "The IP is assigned to another instance; unassign it first");
    }
    for (const auto& other : ips_) {
      if (other.assigned_to == target) {
        return ErrorReply(400, "database_cannot_move_ip", "The instance already has a reserved IP");
      }
    }
    if (InstanceStatus(*inst, now) != "ACTIVE") {
      return ErrorReply(400, "instance_state_must_be_active_or_shutoff", "The instance must be ACTIVE");
    }
    ip->assigned_to = target;
    return Ok(Success(ip->id));
  }
  return ErrorReply(404, "not_found", "No such endpoint");
}

// ---------------------------------------------------------------- instances

Reply World::CreateInstance(const ApiRequest& r, const SimConfig& cfg, Clock::time_point now) {
  const rapidjson::Value& b = *r.body;
  std::string hostname = GetStr(b, "hostname");
  if (hostname.empty()) return ErrorReply(400, "parameter_name_invalid", "A hostname is required");
  std::string size_name = GetStr(b, "size");
  if (size_name.empty()) return ErrorReply(400, "parameter_size_missing", "A size is required");
  const SizeSpec* size = FindSize(size_name);
  if (size == nullptr || size->type != "Instance" || !size->selectable) {
    return ErrorReply(422, "database_size_not_found", "The size " + size_name + " is not available");
  }
  std::string image_ref = GetStr(b, "template_id");
  if (image_ref.empty()) image_ref = GetStr(b, "source_id");
  if (image_ref.empty()) {
    return ErrorReply(400, "parameter_image_and_volume_id_missing", "A disk image (template_id) is required");
  }
  const Image* image = FindImage(image_ref, r.region);
  if (image == nullptr) {
    return ErrorReply(422, "database_template_not_found",
                      "The disk image " + image_ref + " is not available in " + r.region);
  }
  std::string network_id = GetStr(b, "network_id");
  Network* net = network_id.empty() ? DefaultNetwork(r.region) : FindNetwork(network_id, r.region);
  if (net == nullptr) return ErrorReply(422, "database_network_not_found", "The network could not be found");
  std::string firewall_id = GetStr(b, "firewall_id");
  Firewall* fw = firewall_id.empty() ? DefaultFirewall(net->id) : FindFirewall(firewall_id, r.region);
  if (fw == nullptr) return ErrorReply(422, "database_firewall_not_found", "The firewall could not be found");
  if (fw->network_id != net->id) {
    return ErrorReply(422, "database_firewall_mismatch", "The firewall belongs to another network");
  }
  std::string key_id = GetStr(b, "ssh_key_id");
  if (!key_id.empty() &&
      std::none_of(keys_.begin(), keys_.end(), [&key_id](const SshKey& k) { return k.id == key_id; })) {
    return ErrorReply(422, "database_ssh_key_not_found", "The SSH key could not be found");
  }
  if (static_cast<int>(instances_.size()) >= cfg.instance_quota) {
    return ErrorReply(403, "quota_limit_reached", "The instance quota is used up");
  }
  Instance i;
  i.id = NewId();
  i.seq = next_seq_++;
  i.hostname = hostname;
  i.size = size->name;
  i.cpu = size->cpu;
  i.ram = size->ram;
  i.disk = size->disk;
  i.region = r.region;
  i.network_id = net->id;
  i.firewall_id = fw->id;
  i.template_id = image->id;
  i.image_name = image->name;
  i.ssh_key_id = key_id;
  i.initial_user = GetStr(b, "initial_user").empty() ? image->initial_user : GetStr(b, "initial_user");
  i.initial_password = "pw-" + NewId().substr(0, 12);
  std::string public_ip = GetStr(b, "public_ip");
  if (public_ip != "none" && public_ip != "false") i.public_ip = NextPublicIp();
  i.private_ip = "192.168.1." + std::to_string(net->next_host++ % 250 + 2);
  i.script = GetStr(b, "script");
  i.tags = GetStrList(b, "tags");
  i.created_at = Rfc3339Now();
  i.ready_at = now + cfg.build_time;
  instances_.push_back(i);
  return Ok(InstanceJson(instances_.back(), now));
}

Reply World::Instances(const ApiRequest& r, const SimConfig& cfg, Clock::time_point now) {
  const rapidjson::Value& b = *r.body;
  if (r.segs.size() == 1 && r.method == "GET") {
    std::vector<std::string> want;
    if (r.query.count("tags")) {
      rapidjson::Document d;
      d.SetObject();
      d.AddMember("t", rapidjson::Value(r.query.at("tags").c_str(), d.GetAllocator()), d.GetAllocator());
      want = GetStrList(d, "t");
    }
    std::vector<const Instance*> match;
    for (const auto& i : instances_) {
      if (i.region != r.region) continue;
      bool ok = std::all_of(want.begin(), want.end(), [&i](const std::string& t) {
        return std::find(i.tags.begin(), i.tags.end(), t) != i.tags.end();
      });
      if (ok) match.push_back(&i);
    }
    int64_t page = 1, per_page = cfg.default_per_page;
    if (r.query.count("page")) page = std::max<int64_t>(1, std::atoll(r.query.at("page").c_str()));
    if (r.query.count("per_page")) per_page = std::max<int64_t>(1, std::atoll(r.query.at("per_page").c_str()));
    int64_t total = static_cast<int64_t>(match.size());
    int64_t pages = std::max<int64_t>(1, (total + per_page - 1) / per_page);
    JsonOut j;
    j.Begin().FInt("page", page).FInt("per_page", per_page).FInt("pages", pages).Key("items").BeginArray();
    for (int64_t k = (page - 1) * per_page; k < total && k < page * per_page; ++k) j.Raw(InstanceJson(*match[k], now));
    return Ok(j.EndArray().End().str());
  }
  if (r.segs.size() == 1 && r.method == "POST") return CreateInstance(r, cfg, now);
  if (r.segs.size() < 2) return ErrorReply(404, "not_found", "No such endpoint");
  Instance* i = FindInstance(r.segs[1], r.region);
  if (i == nullptr) return ErrorReply(404, "database_instance_find", "The instance could not be found");
  std::string status = InstanceStatus(*i, now);
  if (r.segs.size() == 2 && r.method == "GET") return Ok(InstanceJson(*i, now));
  if (r.segs.size() == 2 && r.method == "DELETE") {
    if (!i->deleting) {
      i->deleting = true;
      i->deleting_until = now + cfg.action_time;
      // Civo keeps volumes and reserved IPs when an instance goes: they are
      // released (reserved IPs once it is gone, in Sweep).
      ReleaseAttachments(i->id, /*ips=*/false);
    }
    return Ok(Success(i->id));
  }
  if (i->deleting) return ErrorReply(400, "instance_state_must_be_active_or_shutoff", "The instance is being deleted");
  if (r.segs.size() == 2 && r.method == "PUT") {
    if (Has(b, "hostname")) {
      std::string h = GetStr(b, "hostname");
      if (h.empty()) return ErrorReply(400, "parameter_name_invalid", "The hostname cannot be empty");
      i->hostname = h;
    }
    if (Has(b, "notes")) i->notes = GetStr(b, "notes");
    if (GetStr(b, "notes_delete") == "true") i->notes.clear();
    return Ok(Success(i->id));
  }
  if (r.segs.size() != 3 || r.method != "PUT") return ErrorReply(404, "not_found", "No such endpoint");
  const std::string& action = r.segs[2];
  if (action == "tags") {
    i->tags = GetStrList(b, "tags");
    return Ok(Success(i->id));
  }
  if (action == "firewall") {
    // Civo's firewall API docs: setting firewall_id to `default` puts the
    // instance back on its network's default firewall.
    const std::string wanted = GetStr(b, "firewall_id");
    Firewall* fw = wanted == "default" ? DefaultFirewall(i->network_id) : FindFirewall(wanted, r.region);
    if (fw == nullptr) return ErrorReply(422, "database_firewall_not_found", "The firewall could not be found");
    if (fw->network_id != i->network_id) {
      return ErrorReply(422, "database_firewall_mismatch", "The firewall belongs to another network");
    }
    i->firewall_id = fw->id;
    return Ok(Success(i->id));
  }
  if (action == "resize") {
    std::string size_name = GetStr(b, "size");
    if (size_name.empty()) return ErrorReply(400, "parameter_size_missing", "A size is required");
    const SizeSpec* size = FindSize(size_name);
    if (size == nullptr || size->type != "Instance" || !size->selectable) {
      return ErrorReply(422, "database_size_not_found", "The size " + size_name + " is not available");
    }
    if (status != "ACTIVE") {
      return ErrorReply(400, "instance_state_must_be_active_or_shutoff", "The instance must be ACTIVE to resize");
    }
    if (size->disk < i->disk) {
      return ErrorReply(400, "openstack_instance_resize",
                        "Cannot resize to " + size->name + ": its disk (" + std::to_string(size->disk) +
                            " GB) is smaller than the instance's (" + std::to_string(i->disk) + " GB)");
    }
    if (size->name == i->size) return Ok(Success(i->id));
    i->size = size->name;
    i->cpu = size->cpu;
    i->ram = size->ram;
    i->disk = size->disk;
    i->action_until = now + cfg.action_time;
    return Ok(Success(i->id));
  }
  return ErrorReply(404, "not_found", "No such endpoint");
}

// ---------------------------------------------------------------- dispatch

Reply World::Handle(const ApiRequest& req, const SimConfig& cfg) {
  std::lock_guard<std::mutex> lock(mu_);
  Clock::time_point now = Clock::now();
  Sweep(now);
  ApiRequest r = req;
  if (r.body == nullptr) r.body = &EmptyObject();
  if (r.segs.empty()) return ErrorReply(404, "not_found", "No such endpoint");
  const std::string& kind = r.segs[0];
  if (kind == "regions" && r.method == "GET") return Regions();
  if (kind == "sizes" && r.method == "GET") return Sizes();
  if (kind == "disk_images" && r.method == "GET") return DiskImages(r);
  if (kind == "quota" && r.method == "GET") return Quota(r, cfg);
  if (kind == "networks") return Networks(r, true);
  if (kind == "firewalls") return Firewalls(r, true);
  if (kind == "sshkeys") return SshKeys(r);
  if (kind == "volumes") return Volumes(r, true, now, cfg);
  if (kind == "ips") return Ips(r, cfg, now);
  if (kind == "instances") return Instances(r, cfg, now);
  return ErrorReply(404, "not_found", "No such endpoint");
}

// ---------------------------------------------------------------- out of band

bool World::OobDeleteInstance(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = std::find_if(instances_.begin(), instances_.end(), [&id](const Instance& i) { return i.id == id; });
  if (it == instances_.end()) return false;
  ReleaseAttachments(id);
  instances_.erase(it);
  return true;
}

Reply World::OobPatchInstance(const std::string& id, const rapidjson::Value& b) {
  std::lock_guard<std::mutex> lock(mu_);
  Clock::time_point now = Clock::now();
  Sweep(now);
  auto it = std::find_if(instances_.begin(), instances_.end(), [&id](const Instance& i) { return i.id == id; });
  if (it == instances_.end()) return ErrorReply(404, "database_instance_find", "The instance could not be found");
  if (Has(b, "hostname")) it->hostname = GetStr(b, "hostname");
  if (Has(b, "notes")) it->notes = GetStr(b, "notes");
  if (Has(b, "tags")) it->tags = GetStrList(b, "tags");
  if (Has(b, "status")) it->status_override = GetStr(b, "status");
  if (Has(b, "firewall_id")) it->firewall_id = GetStr(b, "firewall_id");
  if (Has(b, "public_ip")) it->public_ip = GetStr(b, "public_ip");
  if (Has(b, "size")) {
    const SizeSpec* s = FindSize(GetStr(b, "size"));
    if (s == nullptr) return ErrorReply(422, "database_size_not_found", "Unknown size");
    it->size = s->name;
    it->cpu = s->cpu;
    it->ram = s->ram;
    it->disk = s->disk;
  }
  return Ok(InstanceJson(*it, now));
}

Reply World::AdminCreate(const std::string& kind, const rapidjson::Value& body, const std::string& region) {
  std::lock_guard<std::mutex> lock(mu_);
  Clock::time_point now = Clock::now();
  Sweep(now);
  ApiRequest r;
  r.method = "POST";
  r.segs = {kind};
  r.body = &body;
  r.region = region;
  SimConfig cfg;
  // Admin creation skips the duplicate-name checks so tests can build the
  // "several objects with one name" case.
  if (kind == "networks") return Networks(r, false);
  if (kind == "firewalls") return Firewalls(r, false);
  if (kind == "volumes") return Volumes(r, false, now, cfg);
  if (kind == "ips") return Ips(r, cfg, now);
  if (kind == "sshkeys") return SshKeys(r);
  return ErrorReply(404, "not_found", "Unknown kind " + kind);
}

std::string World::StateJson() {
  std::lock_guard<std::mutex> lock(mu_);
  Clock::time_point now = Clock::now();
  Sweep(now);
  JsonOut j;
  j.Begin().FStrList("regions", regions_);
  j.Key("instances").BeginArray();
  for (const auto& i : instances_) j.Raw(InstanceJson(i, now));
  j.EndArray().Key("networks").BeginArray();
  for (const auto& n : networks_) j.Raw(NetworkJson(n));
  j.EndArray().Key("firewalls").BeginArray();
  for (const auto& f : firewalls_) j.Raw(FirewallJson(f));
  j.EndArray().Key("volumes").BeginArray();
  for (const auto& v : volumes_) j.Raw(VolumeJson(v, now));
  j.EndArray().Key("ips").BeginArray();
  for (const auto& ip : ips_) j.Raw(IpJson(ip));
  j.EndArray().Key("ssh_keys").BeginArray();
  for (const auto& k : keys_) j.Raw(SshKeyJson(k));
  j.EndArray().Key("default_firewalls").Begin();
  for (const auto& f : firewalls_) {
    if (f.is_default) j.FStr(f.network_id.c_str(), f.id);
  }
  j.End();
  return j.End().str();
}

}  // namespace civosim
