// The civo_compute_instance resource, declared once (the Planton
// CivoComputeInstanceSpec as SPEC.md maps it). Schema, validation, planning
// and the docs generator all read this table.
#ifndef RESOURCES_COMPUTE_INSTANCE_SPEC_H_
#define RESOURCES_COMPUTE_INSTANCE_SPEC_H_

#include "resources/resource_spec.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/schema.h"

namespace resources::compute_instance {

inline constexpr char kTypeName[] = "civo_compute_instance";

// Planton kinds that value_from may name.
inline constexpr char kKindNetwork[] = "CivoVpc";
inline constexpr char kKindFirewall[] = "CivoFirewall";
inline constexpr char kKindVolume[] = "CivoVolume";
inline constexpr char kKindIpAddress[] = "CivoIpAddress";

const ResourceSpec& ComputeInstanceSpec();
const tfplugin::Schema& ComputeInstanceSchema();

// An object of the resource's type with every attribute null; the starting
// point of every state the resource builds.
tfplugin::cty::Value NullObject();

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_SPEC_H_
