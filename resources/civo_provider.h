// The Civo provider: its configuration and the resource types it serves.
#ifndef RESOURCES_CIVO_PROVIDER_H_
#define RESOURCES_CIVO_PROVIDER_H_

#include <memory>

#include "resources/provider_config.h"
#include "tfplugin/provider.h"

namespace resources {

std::unique_ptr<tfplugin::Provider> NewCivoProvider();
// For tests: environment lookups go through `env` instead of the process's.
std::unique_ptr<tfplugin::Provider> NewCivoProvider(EnvLookup env);

}  // namespace resources

#endif  // RESOURCES_CIVO_PROVIDER_H_
