// Import ids of every Civo resource: `REGION/ID`, or `ID` in the provider's
// region.
#ifndef RESOURCES_IMPORT_ID_H_
#define RESOURCES_IMPORT_ID_H_

#include <optional>
#include <string>

#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"

namespace resources {

struct ImportId {
  std::string region;  // upper case
  std::string id;
};

// Nullopt, with an error naming both forms, when `text` is malformed. `what`
// names the object ("volume").
std::optional<ImportId> ParseImportId(const std::string& text, const ApiSession& session,
                                      const std::string& what, tfplugin::Diagnostics& diags);

}  // namespace resources

#endif  // RESOURCES_IMPORT_ID_H_
