// The provider block: `token`, `region`, `api_endpoint`, with their
// environment fallbacks (CIVO_TOKEN, CIVO_REGION else LON1, CIVO_API_URL else
// https://api.civo.com).
#ifndef RESOURCES_PROVIDER_CONFIG_H_
#define RESOURCES_PROVIDER_CONFIG_H_

#include <functional>
#include <optional>
#include <string>

#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/schema.h"

namespace resources {

inline constexpr char kDefaultRegion[] = "LON1";
inline constexpr char kDefaultApiUrl[] = "https://api.civo.com";

const tfplugin::Schema& ProviderConfigSchema();

// Static checks of the provider block (unknown values skipped).
void ValidateProviderConfig(const tfplugin::cty::Value& config, tfplugin::Diagnostics& diags);

// Environment lookup, injectable for tests. Returns nullopt when unset or empty.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;
EnvLookup ProcessEnv();

struct ProviderSettings {
  // False when the block had unknown values: no client can be made yet.
  bool fully_known = true;
  std::string token;
  std::string region;   // upper-cased; empty only when unknown
  std::string api_url;
};

// Applies the fallbacks. A token missing everywhere is an error diagnostic on
// attribute `token`; a value from the environment longer than the
// attribute's maximum is an error on the attribute naming the variable.
// Never logs or echoes the token.
ProviderSettings ResolveProviderConfig(const tfplugin::cty::Value& config, const EnvLookup& env,
                                       tfplugin::Diagnostics& diags);

}  // namespace resources

#endif  // RESOURCES_PROVIDER_CONFIG_H_
