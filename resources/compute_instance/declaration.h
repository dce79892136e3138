// civo_compute_instance's typed declaration: every attribute of the
// resource bound to its field of InstanceConfig, with its mode, its
// description and its sensitivity, written once. The protocol schema and the
// decoding of configs, plans and states come from it (tfplugin::fw).
#ifndef RESOURCES_COMPUTE_INSTANCE_DECLARATION_H_
#define RESOURCES_COMPUTE_INSTANCE_DECLARATION_H_

#include "resources/compute_instance/model.h"
#include "tfplugin/framework/object.h"
#include "tfplugin/schema.h"

namespace resources::compute_instance {

const tfplugin::fw::Object<InstanceConfig>& InstanceObject();

// The protocol schema, built from the declaration.
const tfplugin::Schema& InstanceSchema();

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_DECLARATION_H_
