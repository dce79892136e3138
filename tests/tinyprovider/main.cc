// terraform-provider-tiny: the tiny provider served the go-plugin way.
#include "tests/tinyprovider/tiny_provider.h"
#include "tfplugin/serve.h"

int main(int argc, char** argv) {
  tfplugin::ServeOptions options;
  options.provider_addresses = {"registry.terraform.io/example/tiny",
                                "registry.opentofu.org/example/tiny"};
  options.version = "0.1.0";
  return tfplugin::Serve(argc, argv, options, [] { return tiny::NewTinyProvider(); });
}
