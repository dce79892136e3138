// Renders the rules a resource's spec table declares (patterns, lengths,
// reference kinds, what a change does) as a markdown table, so the docs list
// exactly the rules validation and planning enforce.
#ifndef TOOLS_DOCGEN_SPEC_MARKDOWN_H_
#define TOOLS_DOCGEN_SPEC_MARKDOWN_H_

#include <string>

#include "resources/resource_spec.h"

namespace docgen {

// One row per configurable attribute (computed-only ones are left out):
// | attribute | rules | on change |
std::string RulesTable(const resources::ResourceSpec& spec);

}  // namespace docgen

#endif  // TOOLS_DOCGEN_SPEC_MARKDOWN_H_
