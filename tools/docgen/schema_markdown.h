// Renders a tfplugin::Block as the "## Schema" part of a Terraform registry
// documentation page: Required / Optional / Read-Only lists, then one
// "Nested Schema" section per nested attribute or block, with anchors the
// parent entries link to. It reads only the schema model, so the docs say
// exactly what GetProviderSchema serves.
#ifndef TOOLS_DOCGEN_SCHEMA_MARKDOWN_H_
#define TOOLS_DOCGEN_SCHEMA_MARKDOWN_H_

#include <string>

#include "tfplugin/cty/type.h"
#include "tfplugin/schema.h"

namespace docgen {

// "String", "List of String", "Map of Number", "Object", ...
std::string TypeLabel(const tfplugin::cty::Type& type);

// The markdown for `block`, starting with "## Schema" (the heading level the
// registry expects), ending with a newline.
std::string SchemaMarkdown(const tfplugin::Block& block);

}  // namespace docgen

#endif  // TOOLS_DOCGEN_SCHEMA_MARKDOWN_H_
