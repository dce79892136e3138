#include "resources/components.h"

#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/manifest/manifest_function.h"

namespace resources {

void AddCivoComponents(const std::shared_ptr<const ProviderContext>& context, ComponentSink& sink) {
  // Resources, one line each.
  sink.AddResource(std::make_unique<compute_instance::ComputeInstanceResource>(context));

  // Data sources.

  // Ephemeral resources.

  // Functions.
  sink.AddFunction(manifest::NewManifestFunction());
}

}  // namespace resources
