// Firewall rules as declared (`inbound_rules`, `outbound_rules`) and as Civo
// keeps them (one FirewallRule per rule, ports as start/end strings,
// direction ingress/egress). Rules have no identity of their own in the
// configuration: a declared rule and a Civo rule are the same rule when they
// allow or deny the same traffic (protocol, ports, CIDRs as a set, action,
// direction) under the same label. Changing rules in place is then: create
// the declared rules Civo lacks, delete the Civo rules nobody declared.
#ifndef RESOURCES_FIREWALL_RULES_H_
#define RESOURCES_FIREWALL_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "civoapi/client.h"
#include "tfplugin/framework/framework.h"

namespace resources::firewall {

struct RuleModel {
  tfplugin::fw::Maybe<std::string> protocol, port_range;
  tfplugin::fw::Maybe<std::vector<std::string>> cidrs;
  tfplugin::fw::Maybe<std::string> action, label;
  friend bool operator==(const RuleModel&, const RuleModel&) = default;
};

// The nested object's declaration (`computed`: every member computed, for
// the data source).
tfplugin::fw::Object<RuleModel> RuleObject(bool computed);

inline constexpr char kIngress[] = "ingress";
inline constexpr char kEgress[] = "egress";

// The API form of a declared rule (ports "" -> 1-65535 for tcp/udp).
civoapi::FirewallRule ToApi(const RuleModel& r, const std::string& direction);
// Whether a Civo rule is the declared rule.
bool SameRule(const civoapi::FirewallRule& api, const RuleModel& declared, const std::string& direction);
// A Civo rule as the state shows it when nothing declared it (drift, import,
// data source): all ports -> null port_range, "80-80" -> "80", allow -> null action.
RuleModel FromApi(const civoapi::FirewallRule& api);

// The state's list for one direction: each prior rule Civo still has, in the
// prior order and spelling, then the Civo rules no prior rule matched. Null
// stays null when Civo has no rule in that direction.
tfplugin::fw::Maybe<std::vector<RuleModel>> RulesAsRead(const std::vector<civoapi::FirewallRule>& api,
                                                        const std::string& direction,
                                                        const tfplugin::fw::Maybe<std::vector<RuleModel>>& prior);

// Makes the firewall's rules exactly `inbound` + `outbound`: creates what is
// missing first (no moment with less access than both old and new rules
// allow), then deletes the rest. Each call is made once: after an ambiguous
// failure the rules are read back and only what is still missing is done.
absl::Status SyncRules(civoapi::Client& client, const civoapi::CallOptions& opts, const std::string& firewall_id,
                       const std::vector<RuleModel>& inbound, const std::vector<RuleModel>& outbound);

}  // namespace resources::firewall

#endif  // RESOURCES_FIREWALL_RULES_H_
