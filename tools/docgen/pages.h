// The documentation pages of the provider, rendered from the schemas it
// serves and the templates in tools/docgen/templates: "index.md" (the
// provider block), then a page per resource, data source, ephemeral resource
// and function the provider serves ("resources/NAME.md", "data-sources/...",
// "ephemeral-resources/...", "functions/..."; NAME without the `civo_`
// prefix, as the registry layout wants). A type's own template
// (templates/DIR/NAME.md.tmpl) is used when there is one, else the section's
// generic one, so a new type needs no change here.
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
