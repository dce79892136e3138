// Fills a documentation page template. Hand-written prose (examples, import,
// lifecycle notes) lives in the template; what the schema says is generated.
//
//   {{name}}             a variable given by the caller (schema, type_name, ...)
//   {{file "PATH"}}      the contents of PATH, relative to the repository root,
//                        without its trailing newline (for code fences)
//
// An unknown variable or a missing file is an error, so a typo in a template
// cannot silently produce a page with a hole in it.
#ifndef TOOLS_DOCGEN_PAGE_TEMPLATE_H_
#define TOOLS_DOCGEN_PAGE_TEMPLATE_H_

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace docgen {

absl::StatusOr<std::string> ExpandTemplate(std::string_view text,
                                           const std::map<std::string, std::string>& vars,
                                           const std::filesystem::path& root);

absl::StatusOr<std::string> ReadTextFile(const std::filesystem::path& path);

}  // namespace docgen

#endif  // TOOLS_DOCGEN_PAGE_TEMPLATE_H_
