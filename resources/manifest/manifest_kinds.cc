#include "resources/manifest/manifest_kinds.h"

#include <utility>

#include "absl/strings/str_join.h"
#include "resources/compute_instance/declaration.h"

namespace resources::manifest {
namespace {

struct Reference {
  std::string_view kind;
  std::string_view field_path;
};

// From Planton's specs (foreignkey default_kind_field_path of the fields
// that refer to each kind).
constexpr Reference kReferences[] = {
    {"CivoVpc", "status.outputs.network_id"},
    {"CivoFirewall", "status.outputs.firewall_id"},
    {"CivoVolume", "status.outputs.volume_id"},
    {"CivoIpAddress", "status.outputs.reserved_ip_id"},
};

std::vector<ManifestKind> MakeKinds() {
  std::vector<ManifestKind> kinds;
  // One line per kind: Planton kind, resource type, the resource's declaration.
  kinds.push_back({"CivoComputeInstance", "civo_compute_instance",
                   [] { return compute_instance::InstanceObject().spec(); }});
  return kinds;
}

}  // namespace

const std::vector<ManifestKind>& ManifestKinds() {
  static const std::vector<ManifestKind>* kinds = new std::vector<ManifestKind>(MakeKinds());
  return *kinds;
}

const ManifestKind* FindManifestKind(std::string_view kind) {
  for (const ManifestKind& k : ManifestKinds()) {
    if (k.kind == kind) return &k;
  }
  return nullptr;
}

std::string ManifestKindNames() {
  std::vector<std::string> names;
  for (const ManifestKind& k : ManifestKinds()) names.push_back(k.kind);
  return absl::StrJoin(names, ", ");
}

std::optional<std::string_view> ReferenceFieldPath(std::string_view kind) {
  for (const Reference& r : kReferences) {
    if (r.kind == kind) return r.field_path;
  }
  return std::nullopt;
}

std::optional<std::string_view> KindOfReferenceFieldPath(std::string_view field_path) {
  for (const Reference& r : kReferences) {
    if (r.field_path == field_path) return r.kind;
  }
  return std::nullopt;
}

}  // namespace resources::manifest
