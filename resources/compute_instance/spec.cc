#include "resources/compute_instance/spec.h"

#include "resources/compute_instance/declaration.h"
#include "tfplugin/framework/spec.h"

namespace resources::compute_instance {

const std::string& ComputeInstanceTypeName() {
  static const std::string* name = new std::string(kTypeName);
  return *name;
}

const tfplugin::Schema& ComputeInstanceSchema() { return InstanceSchema(); }

tfplugin::cty::Value NullObject() { return tfplugin::fw::NullObject(*InstanceObject().spec()); }

}  // namespace resources::compute_instance
