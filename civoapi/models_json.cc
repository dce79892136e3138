#include "civoapi/models_json.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "civoapi/json_fields.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace civoapi {
namespace {

using json::Bool;
using json::Int;
using json::String;
using json::StringList;

std::string FirstNonEmpty(std::string a, std::string b) { return a.empty() ? b : a; }

bool IsStrictBase64(const std::string& s) {
  if (s.empty() || s.size() % 4 != 0) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '/' || (c == '=' && i >= s.size() - 2);
    if (!ok) return false;
  }
  return true;
}

bool IsText(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
    if (c == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string DecodeScript(const std::string& script) {
  if (!IsStrictBase64(script)) return script;
  std::string decoded;
  if (!absl::Base64Unescape(script, &decoded) || !IsText(decoded)) return script;
  return decoded;
}

Instance ParseInstance(const rapidjson::Value& v) {
  Instance i;
  i.id = String(v, "id");
  i.hostname = String(v, "hostname");
  i.size = String(v, "size");
  i.region = String(v, "region");
  i.network_id = String(v, "network_id");
  i.firewall_id = String(v, "firewall_id");
  i.source_type = String(v, "source_type");
  i.source_id = String(v, "source_id");
  i.disk_image_id = FirstNonEmpty(String(v, "disk_image_id"), String(v, "template_id"));
  i.ssh_key_id = String(v, "ssh_key_id");
  i.initial_user = String(v, "initial_user");
  i.initial_password = String(v, "initial_password");
  i.public_ip = String(v, "public_ip");
  i.private_ip = String(v, "private_ip");
  i.status = String(v, "status");
  i.notes = String(v, "notes");
  i.script = DecodeScript(String(v, "script"));
  i.tags = StringList(v, "tags");
  i.reserved_ip_id = String(v, "reserved_ip_id");
  i.reserved_ip = String(v, "reserved_ip");
  if (const rapidjson::Value* vols = json::Array(v, "attached_volumes")) {
    for (const auto& e : vols->GetArray()) {
      std::string id = e.IsString() ? std::string(e.GetString(), e.GetStringLength()) : String(e, "id");
      if (!id.empty()) i.volume_ids.push_back(id);
    }
  }
  i.cpu_cores = Int(v, "cpu_cores");
  i.ram_mb = Int(v, "ram_mb");
  i.disk_gb = Int(v, "disk_gb");
  i.created_at = String(v, "created_at");
  return i;
}

Size ParseSize(const rapidjson::Value& v) {
  Size s;
  s.name = String(v, "name");
  s.type = String(v, "type");
  s.cpu_cores = Int(v, "cpu_cores");
  s.ram_mb = Int(v, "ram_mb");
  s.disk_gb = Int(v, "disk_gb");
  s.selectable = Bool(v, "selectable");
  return s;
}

DiskImage ParseDiskImage(const rapidjson::Value& v) {
  DiskImage d;
  d.id = String(v, "id");
  d.name = String(v, "name");
  d.version = String(v, "version");
  d.state = String(v, "state");
  d.distribution = String(v, "distribution");
  return d;
}

Region ParseRegion(const rapidjson::Value& v) {
  Region r;
  r.code = String(v, "code");
  r.name = String(v, "name");
  r.is_default = Bool(v, "default");
  return r;
}

Network ParseNetwork(const rapidjson::Value& v) {
  Network n;
  n.id = String(v, "id");
  // `label` is what users named the network; `name` is Civo's internal name.
  n.name = FirstNonEmpty(String(v, "label"), String(v, "name"));
  n.cidr = FirstNonEmpty(String(v, "cidr"), String(v, "cidr_v4"));
  n.is_default = Bool(v, "default");
  return n;
}

FirewallRule ParseFirewallRule(const rapidjson::Value& v) {
  FirewallRule r;
  r.id = String(v, "id");
  r.protocol = String(v, "protocol");
  r.start_port = String(v, "start_port");
  r.end_port = String(v, "end_port");
  r.cidr = StringList(v, "cidr");
  r.direction = String(v, "direction");
  r.action = String(v, "action");
  r.label = String(v, "label");
  return r;
}

Firewall ParseFirewall(const rapidjson::Value& v) {
  Firewall f;
  f.id = String(v, "id");
  f.name = String(v, "name");
  f.network_id = String(v, "network_id");
  if (const rapidjson::Value* rules = json::Array(v, "rules")) {
    for (const auto& r : rules->GetArray()) f.rules.push_back(ParseFirewallRule(r));
  }
  f.instance_count = Int(v, "instance_count");
  f.cluster_count = Int(v, "cluster_count");
  f.loadbalancer_count = Int(v, "loadbalancer_count");
  return f;
}

Volume ParseVolume(const rapidjson::Value& v) {
  Volume vol;
  vol.id = String(v, "id");
  vol.name = String(v, "name");
  vol.instance_id = String(v, "instance_id");
  vol.network_id = String(v, "network_id");
  vol.status = String(v, "status");
  vol.size_gigabytes = Int(v, "size_gb");
  if (vol.size_gigabytes == 0) vol.size_gigabytes = Int(v, "size_gigabytes");
  vol.mountpoint = String(v, "mountpoint");
  vol.created_at = String(v, "created_at");
  return vol;
}

ReservedIp ParseReservedIp(const rapidjson::Value& v) {
  ReservedIp ip;
  ip.id = String(v, "id");
  ip.name = String(v, "name");
  ip.ip = String(v, "ip");
  if (const rapidjson::Value* to = json::Object(v, "assigned_to")) {
    ip.assigned_to_id = String(*to, "id");
    ip.assigned_to_type = String(*to, "type");
  }
  return ip;
}

SshKey ParseSshKey(const rapidjson::Value& v) {
  SshKey k;
  k.id = String(v, "id");
  k.name = String(v, "name");
  k.fingerprint = String(v, "fingerprint");
  k.public_key = String(v, "public_key");
  return k;
}

Quota ParseQuota(const rapidjson::Value& v) {
  Quota q;
  q.instance_count_limit = Int(v, "instance_count_limit");
  q.instance_count_usage = Int(v, "instance_count_usage");
  q.cpu_core_limit = Int(v, "cpu_core_limit");
  q.cpu_core_usage = Int(v, "cpu_core_usage");
  q.ram_mb_limit = Int(v, "ram_mb_limit");
  q.ram_mb_usage = Int(v, "ram_mb_usage");
  return q;
}

std::string CreateInstanceBody(const CreateInstanceRequest& req, const std::string& region) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  auto kv = [&w](const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  };
  w.StartObject();
  w.Key("count");
  w.Int(1);
  kv("hostname", req.hostname);
  kv("size", req.size);
  if (!region.empty()) kv("region", region);
  kv("public_ip", req.public_ip);
  kv("network_id", req.network_id);
  kv("template_id", req.template_id);
  kv("source_type", "diskimage");
  kv("source_id", req.template_id);
  if (!req.initial_user.empty()) kv("initial_user", req.initial_user);
  if (!req.ssh_key_id.empty()) kv("ssh_key_id", req.ssh_key_id);
  if (!req.firewall_id.empty()) kv("firewall_id", req.firewall_id);
  if (!req.script.empty()) kv("script", req.script);
  kv("tags", absl::StrJoin(req.tags, " "));
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace civoapi
