// How manifest paths ("spec.firewallIds[0].valueFrom.name") and YAML nodes
// are named in the function's one-line errors, and the two casings of a
// field name.
#ifndef RESOURCES_MANIFEST_MANIFEST_PATHS_H_
#define RESOURCES_MANIFEST_MANIFEST_PATHS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "yaml-cpp/node/node.h"

namespace resources::manifest {

// InvalidArgument "PATH: TEXT".
absl::Status PathError(const std::string& path, const std::string& text);

// Whether a key is shown plainly in a path: letters, digits and '_', at
// most 64 characters.
bool IsPlainKey(std::string_view key);
// `parent.key`, or `parent["odd key"]` (quoted, cut) for any other key.
std::string ChildPath(const std::string& parent, std::string_view key);
// `parent[i]`.
std::string IndexPath(const std::string& parent, size_t i);
// A key as a message shows it: plain, or quoted and cut.
std::string ShownKey(std::string_view key);

// "a list", "a mapping", "a scalar".
const char* NodeName(const YAML::Node& n);
// Left out, or written as null (`~`, `null`, nothing).
bool IsAbsent(const YAML::Node& n);

// "instance_name" -> "instanceName" and back.
std::string CamelCase(std::string_view snake);
std::string SnakeCase(std::string_view camel);

}  // namespace resources::manifest

#endif  // RESOURCES_MANIFEST_MANIFEST_PATHS_H_
