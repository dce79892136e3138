// civo_compute_instance's names and its schema, for code outside the
// resource (docs, tests, the fuzz target). The attributes are declared once,
// in declaration.cc (typed, with their rules); this header gives the type
// name, the Planton kinds references may name, and what is built from the
// declaration.
#ifndef RESOURCES_COMPUTE_INSTANCE_SPEC_H_
#define RESOURCES_COMPUTE_INSTANCE_SPEC_H_

#include <string>

#include "tfplugin/cty/value.h"
#include "tfplugin/schema.h"

namespace resources::compute_instance {

inline constexpr char kTypeName[] = "civo_compute_instance";

// Planton kinds that value_from may name.
inline constexpr char kKindNetwork[] = "CivoVpc";
inline constexpr char kKindFirewall[] = "CivoFirewall";
inline constexpr char kKindVolume[] = "CivoVolume";
inline constexpr char kKindIpAddress[] = "CivoIpAddress";

const std::string& ComputeInstanceTypeName();
const tfplugin::Schema& ComputeInstanceSchema();

// An object of the resource's type with every attribute null.
tfplugin::cty::Value NullObject();

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_SPEC_H_
