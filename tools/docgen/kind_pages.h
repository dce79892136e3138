// Pages of the resources and data sources built on the framework
// (tfplugin/framework): their schemas come from the provider itself, as
// GetProviderSchema serves them. "resources/NAME.md" and
// "data-sources/NAME.md", NAME without the `civo_` prefix.
#ifndef TOOLS_DOCGEN_KIND_PAGES_H_
#define TOOLS_DOCGEN_KIND_PAGES_H_

#include <filesystem>
#include <map>
#include <string>

#include "absl/status/status.h"

namespace docgen {

// Adds the pages to `pages`; `root` is the repository root (templates under
// tools/docgen/templates/{resources,data-sources}/NAME.md.tmpl).
absl::Status AddKindPages(const std::filesystem::path& root, std::map<std::string, std::string>& pages);

}  // namespace docgen

#endif  // TOOLS_DOCGEN_KIND_PAGES_H_
