// terraform-provider-civo: the plugin process Terraform and OpenTofu launch.
// Everything protocol-related lives in tfplugin; everything Civo-related in
// resources. The provider itself is made lazily, on the first RPC.
#include <malloc.h>
#include <stdlib.h>

#include "resources/civo_provider.h"
#include "tfplugin/serve.h"

int main(int argc, char** argv) {
  // Memory. glibc gives threads that allocate at once arenas of their own,
  // and each arena keeps the high-water mark of what its threads held:
  // Terraform's parallelism runs ten RPCs and their API calls at once, and
  // the process held one peak per arena. One arena is enough for a process
  // that mostly waits on the network: during a 100-instance apply the live
  // heap peaks under 1 MiB (heaptrack), while two arenas held 2.7 MiB
  // resident (smaps). Blocks from 256 KiB up (the response text of a large
  // account's instance list) are mapped and returned to the system when
  // freed, rather than kept in the arena as the default adaptive threshold
  // comes to do.
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);

  // GnuTLS arrives only as a dependency of librtmp, itself a dependency of
  // Debian's libcurl; this process speaks TLS through OpenSSL and never
  // calls GnuTLS. Its load-time constructor would still set up its crypto
  // back end and load the PKCS #11 modules, about 0.7 MiB of resident memory
  // for nothing. GnuTLS skips that when this variable is 1 (a user's own
  // setting wins). Set here, before any thread exists, because setenv is
  // not safe beside other threads; libcurl is loaded later, on configure.
  setenv("GNUTLS_NO_IMPLICIT_INIT", "1", /*overwrite=*/0);

  tfplugin::ServeOptions options;
  options.provider_addresses = {"registry.terraform.io/project-planton/civo",
                                "registry.opentofu.org/project-planton/civo"};
  options.version = CIVO_PROVIDER_VERSION;
  return tfplugin::Serve(argc, argv, options, [] { return resources::NewCivoProvider(); });
}
