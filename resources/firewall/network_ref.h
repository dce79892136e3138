// The firewall's `network_id`: a StringValueOrRef to a CivoVpc, declared as
// a typed nested object ({value} or {value_from = {kind, name}}, exactly one)
// and resolved to a network id through the API.
#ifndef RESOURCES_FIREWALL_NETWORK_REF_H_
#define RESOURCES_FIREWALL_NETWORK_REF_H_

#include <string>

#include "absl/status/statusor.h"
#include "civoapi/client.h"
#include "resources/value_or_ref.h"
#include "tfplugin/framework/framework.h"

namespace resources::firewall {

inline constexpr char kKindVpc[] = "CivoVpc";

struct RefFromModel {
  tfplugin::fw::Maybe<std::string> kind, name;
  friend bool operator==(const RefFromModel&, const RefFromModel&) = default;
};
struct NetworkRefModel {
  tfplugin::fw::Maybe<std::string> value;
  tfplugin::fw::Maybe<RefFromModel> value_from;
  friend bool operator==(const NetworkRefModel&, const NetworkRefModel&) = default;
};

tfplugin::fw::Object<NetworkRefModel> NetworkRefObject();

// As resources/value_or_ref.h's ValueOrRef (for messages: Describe()).
ValueOrRef AsValueOrRef(const tfplugin::fw::Maybe<NetworkRefModel>& ref);

// The network id the reference names in the call's region: `value` as it
// is, `value_from.name` looked up among the region's networks (exactly one
// must carry that name). InvalidArgument/NotFound with a message for users.
absl::StatusOr<std::string> ResolveNetwork(civoapi::Client& client, const civoapi::CallOptions& opts,
                                           const ValueOrRef& ref);

}  // namespace resources::firewall

#endif  // RESOURCES_FIREWALL_NETWORK_REF_H_
