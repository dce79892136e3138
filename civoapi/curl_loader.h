// libcurl is loaded on first use rather than linked.
//
// Why: linking libcurl makes the dynamic loader map it and the ~27 shared
// libraries it depends on (gnutls, krb5, ldap, ssh2, ...) into every process
// at exec, costing milliseconds and megabytes of resident pages, while many
// short-lived processes that link civoapi never make an HTTP call. civoapi calls curl_* as usual; curl_loader.cc defines those
// functions as forwarders to the library it dlopens.
#ifndef CIVOAPI_CURL_LOADER_H_
#define CIVOAPI_CURL_LOADER_H_

#include "absl/status/status.h"

namespace civoapi {

// Loads libcurl and runs curl_global_init, once per process; later calls
// return the first outcome. Thread-safe. Client::Create calls it, so no
// curl_* function runs before the library is known to be there.
absl::Status LoadCurl();

}  // namespace civoapi

#endif  // CIVOAPI_CURL_LOADER_H_
