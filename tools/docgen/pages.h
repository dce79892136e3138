// The documentation pages of the provider, rendered from its schema and the
// templates in tools/docgen/templates: "index.md" (the provider block) and
// "resources/NAME.md" per resource type (NAME without the `civo_` prefix, as
// the registry layout wants).
#ifndef TOOLS_DOCGEN_PAGES_H_
#define TOOLS_DOCGEN_PAGES_H_

#include <filesystem>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "tools/docgen/page_template.h"

namespace docgen {

// Page path (relative to docs/) -> markdown. `root` is the repository root.
absl::StatusOr<std::map<std::string, std::string>> RenderPages(const std::filesystem::path& root);

}  // namespace docgen

#endif  // TOOLS_DOCGEN_PAGES_H_
