#include "resources/firewall/rules.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/change_once.h"
#include "resources/cidr.h"
#include "resources/limits.h"
#include "tfplugin/quote.h"

namespace resources::firewall {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

namespace {

constexpr int kMaxPort = 65535;

// "" -> all ports; "80" -> 80-80; "8000-9000"; nullopt when malformed.
std::optional<std::pair<int, int>> ParsePorts(const std::string& text) {
  if (text.empty()) return std::make_pair(1, kMaxPort);
  auto number = [](std::string_view s) -> std::optional<int> {
    if (s.empty() || s.size() > 5) return std::nullopt;
    int v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + (c - '0');
    }
    if (v < 1 || v > kMaxPort) return std::nullopt;
    return v;
  };
  const size_t dash = text.find('-');
  auto start = number(std::string_view(text).substr(0, dash));
  auto end = dash == std::string::npos ? start : number(std::string_view(text).substr(dash + 1));
  if (!start || !end || *start > *end) return std::nullopt;
  return std::make_pair(*start, *end);
}

// A Civo rule's ports (start/end strings; empty start: all).
std::optional<std::pair<int, int>> ApiPorts(const civoapi::FirewallRule& r) {
  if (r.start_port.empty()) return std::make_pair(1, kMaxPort);
  return ParsePorts(r.end_port.empty() || r.end_port == r.start_port ? r.start_port
                                                                     : r.start_port + "-" + r.end_port);
}

bool IsIcmp(const std::string& protocol) { return absl::EqualsIgnoreCase(protocol, "icmp"); }

std::string ActionOrAllow(const std::string& action) { return action.empty() ? "allow" : absl::AsciiStrToLower(action); }

class PortRangeFitsProtocol final : public fw::ObjectValidator {
 public:
  void Check(const Value& rule, const AttributePath& path, Diagnostics& diags) const override {
    const Value& protocol = rule.Attr("protocol");
    const Value& ports = rule.Attr("port_range");
    if (!protocol.is_known() || protocol.is_null() || !ports.is_known() || ports.is_null()) return;
    if (IsIcmp(protocol.AsString()) && !ports.AsString().empty()) {
      diags.AddError("Invalid port range",
                     absl::StrCat("port_range ", tfplugin::QuoteValue(ports.AsString()),
                                  " cannot be used with protocol icmp (ICMP has no ports); leave it unset."),
                     path.Attr("port_range"));
    }
  }
  std::string Describe() const override { return "ICMP rules take no `port_range`."; }
};

fw::ValidatorPtr PortRangeRules() {
  return fw::Custom(
      [](const Value& v, const AttributePath& path, Diagnostics& diags) {
        const std::string s = v.AsString();
        if (!ParsePorts(s)) {
          diags.AddError("Invalid port range",
                         absl::StrCat("port_range ", tfplugin::QuoteValue(s),
                                      " is not a port (\"80\"), a range (\"8000-9000\", start <= end) of ports "
                                      "1-65535, or empty for all ports."),
                         path);
        }
      },
      "A port (`\"80\"`), a range (`\"8000-9000\"`) of ports 1-65535, or empty or unset for all ports.");
}

fw::ValidatorPtr CidrListRules() {
  return fw::Custom(
      [](const Value& v, const AttributePath& path, Diagnostics& diags) {
        if (v.Elements().empty()) {
          diags.AddError("Invalid CIDR list", "cidrs must name at least one CIDR block (0.0.0.0/0 for anywhere).",
                         path);
        }
        int64_t i = 0;
        for (const Value& e : v.Elements()) {
          if (e.is_known() && !e.is_null() && !IsIpv4Cidr(e.AsString()) && !IsIpv6Cidr(e.AsString())) {
            diags.AddError("Invalid CIDR block",
                           absl::StrCat("cidrs item ", tfplugin::QuoteValue(e.AsString()),
                                        " is not a CIDR block such as 203.0.113.0/24 or ::/0."),
                           path.Index(i));
          }
          ++i;
        }
      },
      "At least one CIDR block, IPv4 (`203.0.113.0/24`) or IPv6 (`::/0`).");
}

}  // namespace

fw::Object<RuleModel> RuleObject(bool computed) {
  auto mode = [computed](fw::AttrDecl<RuleModel> a, bool required) {
    if (computed) return a.Computed();
    return required ? a.Required() : a.Optional();
  };
  fw::Object<RuleModel> o;
  o.Add(mode(fw::Attr("protocol", &RuleModel::protocol), true)
            .Validate(fw::OneOf({"tcp", "udp", "icmp"}))
            .Description("The protocol."));
  o.Add(mode(fw::Attr("port_range", &RuleModel::port_range), false)
            .Validate(PortRangeRules())
            .Description("The ports."));
  o.Add(mode(fw::Attr("cidrs", &RuleModel::cidrs), true)
            .Validate(CidrListRules())
            .Description("Where the traffic comes from (inbound) or goes to (outbound)."));
  o.Add(mode(fw::Attr("action", &RuleModel::action), false)
            .Validate(fw::OneOf({"allow", "deny"}))
            .Description("What the rule does; unset means `allow`."));
  o.Add(mode(fw::Attr("label", &RuleModel::label), false)
            .Validate(fw::LengthBetween(0, kMaxNameLength))
            .Description("A label for the rule."));
  if (!computed) o.Validate(std::make_shared<PortRangeFitsProtocol>());
  return o;
}

civoapi::FirewallRule ToApi(const RuleModel& r, const std::string& direction) {
  civoapi::FirewallRule out;
  out.protocol = absl::AsciiStrToLower(r.protocol.value);
  if (!IsIcmp(out.protocol)) {
    auto ports = ParsePorts(r.port_range.value_or(""));
    if (ports) {
      out.start_port = std::to_string(ports->first);
      out.end_port = std::to_string(ports->second);
    }
  }
  out.cidr = r.cidrs.value_or({});
  out.direction = direction;
  out.action = ActionOrAllow(r.action.value_or(""));
  out.label = r.label.value_or("");
  return out;
}

bool SameRule(const civoapi::FirewallRule& api, const RuleModel& declared, const std::string& direction) {
  if (!absl::EqualsIgnoreCase(api.direction, direction)) return false;
  if (!absl::EqualsIgnoreCase(api.protocol, declared.protocol.value_or(""))) return false;
  if (ActionOrAllow(api.action) != ActionOrAllow(declared.action.value_or(""))) return false;
  if (api.label != declared.label.value_or("")) return false;
  if (!IsIcmp(api.protocol) && ApiPorts(api) != ParsePorts(declared.port_range.value_or(""))) return false;
  std::vector<std::string> a = api.cidr, b = declared.cidrs.value_or({});
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

RuleModel FromApi(const civoapi::FirewallRule& api) {
  RuleModel r;
  r.protocol = absl::AsciiStrToLower(api.protocol);
  auto ports = ApiPorts(api);
  if (!IsIcmp(api.protocol) && ports && !(ports->first == 1 && ports->second == kMaxPort)) {
    r.port_range = ports->first == ports->second ? std::to_string(ports->first)
                                                 : absl::StrCat(ports->first, "-", ports->second);
  }
  r.cidrs = api.cidr;
  // `allow` is what an unset action means: left unset, so a configuration
  // that does not spell it plans no change.
  if (ActionOrAllow(api.action) != "allow") r.action = ActionOrAllow(api.action);
  if (!api.label.empty()) r.label = api.label;
  return r;
}

fw::Maybe<std::vector<RuleModel>> RulesAsRead(const std::vector<civoapi::FirewallRule>& api,
                                              const std::string& direction,
                                              const fw::Maybe<std::vector<RuleModel>>& prior) {
  std::vector<const civoapi::FirewallRule*> left;
  for (const auto& r : api) {
    if (absl::EqualsIgnoreCase(r.direction, direction)) left.push_back(&r);
  }
  std::vector<RuleModel> out;
  if (prior.is_known()) {
    for (const RuleModel& p : prior.value) {
      auto it = std::find_if(left.begin(), left.end(),
                             [&](const civoapi::FirewallRule* r) { return SameRule(*r, p, direction); });
      if (it == left.end()) continue;  // gone at Civo: drift
      out.push_back(p);
      left.erase(it);
    }
  }
  for (const civoapi::FirewallRule* r : left) out.push_back(FromApi(*r));
  if (out.empty() && !prior.is_known()) return fw::Maybe<std::vector<RuleModel>>::Null();
  return fw::Maybe<std::vector<RuleModel>>::Known(std::move(out));
}

absl::Status SyncRules(civoapi::Client& client, const civoapi::CallOptions& opts, const std::string& firewall_id,
                       const std::vector<RuleModel>& inbound, const std::vector<RuleModel>& outbound) {
  auto current = client.GetFirewall(firewall_id, opts);
  if (!current.ok()) return current.status();
  std::vector<civoapi::FirewallRule> rules = current->rules;
  std::set<std::string> kept;  // Civo rule ids a declared rule matched (or that we made)
  std::vector<std::pair<const RuleModel*, std::string>> missing;
  auto match = [&](const std::vector<RuleModel>& declared, const std::string& direction) {
    for (const RuleModel& d : declared) {
      auto it = std::find_if(rules.begin(), rules.end(), [&](const civoapi::FirewallRule& r) {
        return !kept.count(r.id) && SameRule(r, d, direction);
      });
      if (it != rules.end()) {
        kept.insert(it->id);
      } else {
        missing.emplace_back(&d, direction);
      }
    }
  };
  match(inbound, kIngress);
  match(outbound, kEgress);

  std::set<std::string> known;  // every rule id seen so far: a new one is what a create made
  for (const auto& r : rules) known.insert(r.id);
  for (const auto& [declared, direction] : missing) {
    const RuleModel& d = *declared;
    const std::string& dir = direction;
    auto id = CreateOnce(
        opts,
        [&]() -> absl::StatusOr<std::string> {
          auto made = client.CreateFirewallRule(firewall_id, ToApi(d, dir), opts);
          if (!made.ok()) return made.status();
          return made->id;
        },
        [&]() -> absl::StatusOr<std::optional<std::string>> {
          auto now = client.GetFirewall(firewall_id, opts);
          if (!now.ok()) return now.status();
          for (const auto& r : now->rules) {
            if (!known.count(r.id) && SameRule(r, d, dir)) return std::optional<std::string>(r.id);
          }
          return std::optional<std::string>();
        });
    if (!id.ok()) {
      return absl::Status(id.status().code(),
                          absl::StrCat("creating the ", dir == kIngress ? "inbound" : "outbound", " rule ",
                                       d.protocol.value, " ", d.port_range.value_or("(all ports)"), ": ",
                                       id.status().message()));
    }
    known.insert(*id);
    kept.insert(*id);
  }
  for (const auto& r : rules) {
    if (kept.count(r.id)) continue;
    absl::Status st = DeleteOnce(
        opts, [&] { return client.DeleteFirewallRule(firewall_id, r.id, opts); },
        [&]() -> absl::StatusOr<bool> {
          auto now = client.GetFirewall(firewall_id, opts);
          if (!now.ok()) return now.status();
          return std::none_of(now->rules.begin(), now->rules.end(),
                              [&](const civoapi::FirewallRule& x) { return x.id == r.id; });
        });
    if (!st.ok()) return absl::Status(st.code(), absl::StrCat("deleting rule ", r.id, ": ", st.message()));
  }
  return absl::OkStatus();
}

}  // namespace resources::firewall
