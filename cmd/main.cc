// terraform-provider-civo: the plugin process Terraform and OpenTofu launch.
// Everything protocol-related lives in tfplugin; everything Civo-related in
// resources. The provider itself is made lazily, on the first RPC.
#include "resources/civo_provider.h"
#include "tfplugin/serve.h"

int main(int argc, char** argv) {
  tfplugin::ServeOptions options;
  options.provider_addresses = {"registry.terraform.io/project-planton/civo",
                                "registry.opentofu.org/project-planton/civo"};
  options.version = CIVO_PROVIDER_VERSION;
  return tfplugin::Serve(argc, argv, options, [] { return resources::NewCivoProvider(); });
}
