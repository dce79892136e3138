// terraform-provider-tptest: the fake provider served by tfplugin::Serve, so
// the launch path (cookie, handshake, AutoMTLS, shutdown) is tested without
// any Civo code.
#include "tests/server/fake_provider.h"
#include "tfplugin/serve.h"

int main(int argc, char** argv) {
  tfplugin::ServeOptions options;
  options.provider_addresses = {"registry.terraform.io/test/tptest",
                                "registry.opentofu.org/test/tptest"};
  options.version = "0.0.1";
  return tfplugin::Serve(argc, argv, options, [] { return std::make_unique<tptest::FakeProvider>(); });
}
