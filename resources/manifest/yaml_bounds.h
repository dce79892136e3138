// Bounds a YAML text must keep before it is loaded into a tree: its size,
// its nesting depth, its node count and its number of documents. Why a
// separate pass: yaml-cpp's parser recurses once per nesting level (its own
// guard stops only at 2000 levels), and a manifest is user input; this pass
// streams the text's events and stops at the first level past the limit, so
// a hostile text costs one short error, never the stack.
#ifndef RESOURCES_MANIFEST_YAML_BOUNDS_H_
#define RESOURCES_MANIFEST_YAML_BOUNDS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace resources::manifest {

struct YamlLimits {
  size_t max_bytes = 1 << 20;  // a manifest is a few kilobytes; user_data at most 32 KiB
  int max_depth = 32;          // a Planton spec nests four or five levels
  size_t max_nodes = 20000;    // scalars, sequences, mappings and aliases
};

// OK when `text` is one well-formed YAML document (or none) within `limits`;
// otherwise InvalidArgument with a one-line message ("manifest: ...").
absl::Status CheckYamlBounds(std::string_view text, const YamlLimits& limits = {});

// "manifest: not valid YAML (line L, column C): MESSAGE" for a yaml-cpp
// exception; its message may quote raw input, so only printable ASCII of
// it is kept (other bytes as \xNN) and it is cut short.
std::string YamlErrorText(const std::string& message, int line, int column);

}  // namespace resources::manifest

#endif  // RESOURCES_MANIFEST_YAML_BOUNDS_H_
