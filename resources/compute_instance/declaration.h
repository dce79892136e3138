// civo_compute_instance's typed declaration: every attribute of the
// resource bound to its field of InstanceConfig, with its mode, its rules,
// its plan modifiers and its description, written once. The protocol
// schema, validation, planning, decoding and encoding come from it
// (tfplugin::fw), and code that must name an attribute asks it (PathOf).
#ifndef RESOURCES_COMPUTE_INSTANCE_DECLARATION_H_
#define RESOURCES_COMPUTE_INSTANCE_DECLARATION_H_

#include <string>

#include "resources/compute_instance/model.h"
#include "tfplugin/framework/object.h"
#include "tfplugin/framework/resource.h"
#include "tfplugin/schema.h"

namespace resources::compute_instance {

const tfplugin::fw::Object<InstanceConfig>& InstanceObject();
// Type name, description, schema version, needs a configured provider.
const tfplugin::fw::ResourceOptions& InstanceOptions();
// The protocol schema, built from the declaration.
const tfplugin::Schema& InstanceSchema();

// The path and the name of the attribute a field is declared as.
template <typename F>
tfplugin::AttributePath PathOf(F InstanceConfig::*field) {
  return InstanceObject().PathOf(field);
}
template <typename F>
const std::string& NameOf(F InstanceConfig::*field) {
  return InstanceObject().NameOf(field);
}

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_DECLARATION_H_
