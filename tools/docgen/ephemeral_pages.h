// The pages of the provider's ephemeral resources: "ephemeral-resources/NAME.md"
// for every one it serves (NAME without `civo_`), each rendered from its
// schema and its template tools/docgen/templates/ephemeral-resources/NAME.md.tmpl.
#ifndef TOOLS_DOCGEN_EPHEMERAL_PAGES_H_
#define TOOLS_DOCGEN_EPHEMERAL_PAGES_H_

#include <filesystem>
#include <map>
#include <string>

#include "absl/status/status.h"

namespace docgen {

// Adds the pages to `pages` (page path relative to docs/ -> markdown).
absl::Status AddEphemeralPages(const std::filesystem::path& root,
                               std::map<std::string, std::string>& pages);

}  // namespace docgen

#endif  // TOOLS_DOCGEN_EPHEMERAL_PAGES_H_
