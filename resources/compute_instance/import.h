// ImportResourceState: `REGION/ID` or `ID` (the provider's region). Fills
// every attribute the API can tell, so the next plan is a no-op for a config
// that names objects as the instance has them.
#ifndef RESOURCES_COMPUTE_INSTANCE_IMPORT_H_
#define RESOURCES_COMPUTE_INSTANCE_IMPORT_H_

#include <string>
#include <vector>

#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/resource.h"

namespace resources::compute_instance {

std::vector<tfplugin::ImportedObject> ImportInstance(const ApiSession& session,
                                                     const std::string& import_id,
                                                     tfplugin::Diagnostics& diags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_IMPORT_H_
