// Serve(): run a tfplugin::Provider as a plugin process, the go-plugin way.
//
//   int main(int argc, char** argv) {
//     return tfplugin::Serve(argc, argv, {{"registry.terraform.io/acme/x"}, "1.0.0"},
//                            [] { return MakeMyProvider(); });
//   }
//
// Launched by Terraform/OpenTofu (magic cookie set): negotiates protocol 6,
// listens on a unix socket, serves TLS with AutoMTLS when PLUGIN_CLIENT_CERT
// is set (refusing every caller without exactly that certificate), prints
// the handshake line, and exits when the host calls
// plugin.GRPCController/Shutdown or on SIGTERM. SIGINT is ignored (the host
// sends StopProvider instead). Without the cookie it prints a one-line hint
// and returns 1. With -debug it serves without TLS and prints a
// TF_REATTACH_PROVIDERS value, until SIGINT or SIGTERM.
#ifndef TFPLUGIN_SERVE_H_
#define TFPLUGIN_SERVE_H_

#include <string>
#include <vector>

#include "tfplugin/provider_service.h"

namespace tfplugin {

struct ServeOptions {
  // Full provider addresses, the keys of -debug's TF_REATTACH_PROVIDERS
  // (e.g. "registry.terraform.io/acme/x" and "registry.opentofu.org/acme/x").
  std::vector<std::string> provider_addresses;
  std::string version;  // logged at start, printed by -version
};

// Returns the process exit code. `factory` is called on the first RPC that
// needs the provider (never before the handshake line).
int Serve(int argc, char** argv, const ServeOptions& options, ProviderService::Factory factory);

}  // namespace tfplugin

#endif  // TFPLUGIN_SERVE_H_
