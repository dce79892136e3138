// Reads a Project Planton manifest (YAML: apiVersion, kind, metadata, spec)
// into the arguments of the resource that implements its kind, checked by
// that resource's own rules. Field names may be camelCase (Planton's JSON
// names) or snake_case (the proto's names); a StringValueOrRef's
// `valueFrom {kind, env, name, fieldPath}` becomes the resource's
// `value_from {kind, name}`. Every error is one short line naming the
// manifest path it is about ("spec.instanceName: ...").
#ifndef RESOURCES_MANIFEST_MANIFEST_PARSER_H_
#define RESOURCES_MANIFEST_MANIFEST_PARSER_H_

#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "resources/manifest/manifest_kinds.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/framework/spec.h"

namespace resources::manifest {

struct Manifest {
  const ManifestKind* kind = nullptr;
  // One attribute per argument of the kind's resource (null when the
  // manifest leaves it out), carrying its type (dynamic_type()).
  tfplugin::cty::Value arguments;
};

absl::StatusOr<Manifest> ParseManifest(std::string_view text);

// The part of a declaration a manifest can set: the declaration without its
// computed-only attributes, at every level.
std::shared_ptr<const tfplugin::fw::ObjectSpec> ArgumentSpec(const tfplugin::fw::ObjectSpec& spec);

}  // namespace resources::manifest

#endif  // RESOURCES_MANIFEST_MANIFEST_PARSER_H_
