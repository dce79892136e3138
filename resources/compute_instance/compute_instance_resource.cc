#include "resources/compute_instance/compute_instance_resource.h"

#include "resources/compute_instance/declaration.h"

namespace resources::compute_instance {

ComputeInstanceResource::ComputeInstanceResource(std::shared_ptr<const ProviderContext> context)
    : tfplugin::fw::Resource<InstanceConfig>(InstanceOptions(), InstanceObject()),
      context_(std::move(context)) {}

}  // namespace resources::compute_instance
