#include "resources/manifest/manifest_kinds.h"

#include <utility>

#include "absl/strings/str_join.h"
#include "resources/compute_instance/declaration.h"
#include "resources/firewall/firewall.h"
#include "resources/ip_address/ip_address_resource.h"
#include "resources/volume/volume_model.h"
#include "resources/vpc/vpc.h"

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
  kinds.push_back({"CivoVpc", "civo_vpc", [] { return vpc::VpcDeclaration(); }});
  kinds.push_back({"CivoFirewall", "civo_firewall", [] { return firewall::FirewallDeclaration(); }});
  // CivoVolumeFilesystemType's names (NONE = 0: leave unformatted).
  kinds.push_back({"CivoVolume", "civo_volume", [] { return volume::VolumeObject().spec(); },
                   {{"filesystem_type", "NONE", "unformatted"},
                    {"filesystem_type", "EXT4", "ext4"},
                    {"filesystem_type", "XFS", "xfs"}}});
  kinds.push_back(
      {"CivoIpAddress", "civo_ip_address", [] { return ip_address::IpAddressDeclaration(); }});
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
