// Registry-style markdown pages rendered from the protocol schema alone (the
// schema a fw declaration yields carries each attribute's rules in its
// description), so the docs say exactly what GetProviderSchema serves.
#ifndef TFPLUGIN_FRAMEWORK_DOCS_H_
#define TFPLUGIN_FRAMEWORK_DOCS_H_

#include <string>

#include "tfplugin/data_source.h"
#include "tfplugin/schema.h"

namespace tfplugin::fw {

enum class DocKind { kResource, kDataSource, kEphemeralResource, kProvider };

// Front matter, "# NAME (Kind)", the block's description, then "## Schema":
// Required / Optional / Read-Only lists and a "Nested Schema" section per
// nested attribute or block (with the anchors the parent entries link to).
std::string RenderDocPage(DocKind kind, const std::string& name, const Schema& schema);

// A provider function's page: summary, description, signature, arguments.
std::string RenderFunctionDoc(const std::string& provider_name, const std::string& name,
                              const FunctionSignature& signature);

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_DOCS_H_
