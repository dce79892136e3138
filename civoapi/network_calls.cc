// Networks, firewalls (and their rules) and SSH keys as objects of their own:
// the calls civo_vpc, civo_firewall and civo_ssh_key make. Paths and bodies
// follow civogo (network.go, firewall.go, ssh_key.go).
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "civoapi/civo_client.h"
#include "civoapi/errors.h"
#include "civoapi/json_fields.h"
#include "civoapi/models_json.h"
#include "civoapi/path_ids.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace civoapi {
namespace {

absl::Status NotFound(const std::string& what, const std::string& id) {
  return MakeApiError(ApiError{404, "not_found", absl::StrCat("no ", what, " ", id), "", false});
}

absl::Status NoIdInAnswer(const std::string& what) {
  // The call succeeded but we cannot tell what it made: as ambiguous as a 502.
  return MakeApiError(ApiError{200, "unexpected_response", absl::StrCat(what, " create returned no id"), "", true});
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void Field(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

}  // namespace

// ---- Networks ----

absl::StatusOr<Network> CivoClient::GetNetwork(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("network");
  auto d = Call("GET", "/v2/networks/" + PathSegment(id), {}, "", opts, RetryMode::kAllTransient);
  if (!d.ok()) return d.status();
  return ParseNetwork(*d);
}

absl::StatusOr<std::string> CivoClient::CreateNetworkWith(const NetworkRequest& req, const CallOptions& opts) {
  std::vector<std::pair<std::string, std::string>> fields = {{"label", req.label}};
  if (!req.cidr_v4.empty()) fields.emplace_back("cidr_v4", req.cidr_v4);
  // civogo NetworkConfig sends `default` as a string.
  if (req.is_default) fields.emplace_back("default", "true");
  auto d = Call("POST", "/v2/networks", {}, Body(fields, opts), opts, RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  std::string id = json::String(*d, "id");
  if (id.empty()) return NoIdInAnswer("network");
  return id;
}

absl::Status CivoClient::RenameNetwork(const std::string& id, const std::string& label, const CallOptions& opts) {
  if (id.empty()) return EmptyId("network");
  return Call("PUT", "/v2/networks/" + PathSegment(id), {}, Body({{"label", label}}, opts), opts,
              RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::DeleteNetwork(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("network");
  return Call("DELETE", "/v2/networks/" + PathSegment(id), {}, "", opts, RetryMode::kOnlyIfNothingDone).status();
}

// ---- Firewalls ----

absl::StatusOr<Firewall> CivoClient::GetFirewall(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("firewall");
  auto all = ListFirewalls(opts);
  if (!all.ok()) return all.status();
  for (Firewall& f : *all) {
    if (f.id == id) return std::move(f);
  }
  return NotFound("firewall", id);
}

absl::StatusOr<std::string> CivoClient::CreateEmptyFirewall(const std::string& name, const std::string& network_id,
                                                            const CallOptions& opts) {
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  Field(w, "name", name);
  Field(w, "network_id", network_id);
  const std::string region = RegionFor(opts);
  if (!region.empty()) Field(w, "region", region);
  // civogo FirewallConfig.CreateRules: left out, Civo adds its default rules.
  w.Key("create_rules");
  w.Bool(false);
  w.EndObject();
  auto d = Call("POST", "/v2/firewalls", {}, std::string(buf.GetString(), buf.GetSize()), opts,
                RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  std::string id = json::String(*d, "id");
  if (id.empty()) return NoIdInAnswer("firewall");
  return id;
}

absl::Status CivoClient::RenameFirewall(const std::string& id, const std::string& name, const CallOptions& opts) {
  if (id.empty()) return EmptyId("firewall");
  return Call("PUT", "/v2/firewalls/" + PathSegment(id), {}, Body({{"name", name}}, opts), opts,
              RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::DeleteFirewall(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("firewall");
  return Call("DELETE", "/v2/firewalls/" + PathSegment(id), {}, "", opts, RetryMode::kOnlyIfNothingDone).status();
}

absl::StatusOr<FirewallRule> CivoClient::CreateFirewallRule(const std::string& firewall_id, const FirewallRule& rule,
                                                            const CallOptions& opts) {
  if (firewall_id.empty()) return EmptyId("firewall");
  // civogo FirewallRuleConfig.
  rapidjson::StringBuffer buf;
  Writer w(buf);
  w.StartObject();
  Field(w, "firewall_id", firewall_id);
  const std::string region = RegionFor(opts);
  if (!region.empty()) Field(w, "region", region);
  Field(w, "protocol", rule.protocol);
  Field(w, "start_port", rule.start_port);
  Field(w, "end_port", rule.end_port);
  w.Key("cidr");
  w.StartArray();
  for (const std::string& c : rule.cidr) w.String(c.c_str(), static_cast<rapidjson::SizeType>(c.size()));
  w.EndArray();
  Field(w, "direction", rule.direction);
  Field(w, "action", rule.action);
  if (!rule.label.empty()) Field(w, "label", rule.label);
  w.EndObject();
  auto d = Call("POST", "/v2/firewalls/" + PathSegment(firewall_id) + "/rules", {},
                std::string(buf.GetString(), buf.GetSize()), opts, RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  FirewallRule made = ParseFirewallRule(*d);
  if (made.id.empty()) return NoIdInAnswer("firewall rule");
  return made;
}

absl::Status CivoClient::DeleteFirewallRule(const std::string& firewall_id, const std::string& rule_id,
                                            const CallOptions& opts) {
  if (firewall_id.empty()) return EmptyId("firewall");
  if (rule_id.empty()) return EmptyId("firewall rule");
  return Call("DELETE", "/v2/firewalls/" + PathSegment(firewall_id) + "/rules/" + PathSegment(rule_id), {}, "", opts,
              RetryMode::kOnlyIfNothingDone)
      .status();
}

// ---- SSH keys ----

absl::StatusOr<SshKey> CivoClient::GetSshKey(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("SSH key");
  auto all = ListSshKeys(opts);
  if (!all.ok()) return all.status();
  for (SshKey& k : *all) {
    if (k.id == id) return std::move(k);
  }
  return NotFound("SSH key", id);
}

absl::Status CivoClient::RenameSshKey(const std::string& id, const std::string& name, const CallOptions& opts) {
  if (id.empty()) return EmptyId("SSH key");
  // civogo UpdateSSHKey sends only the name.
  return Call("PUT", "/v2/sshkeys/" + PathSegment(id), {}, Body({{"name", name}}, opts), opts,
              RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::DeleteSshKey(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("SSH key");
  return Call("DELETE", "/v2/sshkeys/" + PathSegment(id), {}, "", opts, RetryMode::kOnlyIfNothingDone).status();
}

}  // namespace civoapi
