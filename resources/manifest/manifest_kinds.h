// The Planton kinds provider::civo::manifest reads, each bound to the
// declaration of the resource that implements it: the resource's arguments
// (names, types, rules) are what a manifest's `spec` may hold, so nothing is
// spelled twice. A new kind is one line in manifest_kinds.cc.
#ifndef RESOURCES_MANIFEST_MANIFEST_KINDS_H_
#define RESOURCES_MANIFEST_MANIFEST_KINDS_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tfplugin/framework/spec.h"

namespace resources::manifest {

// The apiVersion every Civo manifest of Project Planton carries.
inline constexpr char kApiVersion[] = "civo.project-planton.org/v1";

// A value Planton spells by its proto enum name (protojson writes `EXT4`)
// where the resource has its own spelling (`ext4`).
struct EnumName {
  std::string attribute;  // a top-level argument, e.g. "filesystem_type"
  std::string planton;    // e.g. "EXT4"
  std::string value;      // e.g. "ext4"
};

struct ManifestKind {
  std::string kind;           // Planton's kind, e.g. "CivoComputeInstance"
  std::string resource_type;  // the resource that implements it, e.g. "civo_compute_instance"
  // The resource's declaration (every attribute; the computed-only ones are
  // left out of what a manifest may set).
  std::function<std::shared_ptr<const tfplugin::fw::ObjectSpec>()> spec;
  std::vector<EnumName> enum_names = {};
};

const std::vector<ManifestKind>& ManifestKinds();
const ManifestKind* FindManifestKind(std::string_view kind);
// "CivoComputeInstance, CivoVpc, ..." for messages and docs.
std::string ManifestKindNames();

// Planton's default field path of a reference to `kind` (the
// `default_kind_field_path` of its StringValueOrRef fields, e.g.
// "status.outputs.network_id" for CivoVpc): the output the provider resolves
// a `valueFrom` reference to. nullopt for a kind nothing refers to.
std::optional<std::string_view> ReferenceFieldPath(std::string_view kind);
// The kind whose reference field path is `field_path`, if any.
std::optional<std::string_view> KindOfReferenceFieldPath(std::string_view field_path);

}  // namespace resources::manifest

#endif  // RESOURCES_MANIFEST_MANIFEST_KINDS_H_
