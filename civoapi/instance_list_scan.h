// Reads one page of GET /v2/instances without building a document of it.
//
// Why: a coalesced read lists the whole region to answer the few instances
// being waited on, and an account can hold thousands of others. A document
// of the page costs several times the response text, once per list, on
// whichever thread read it. Here one streaming pass notes where each item
// begins and ends and its id; only the items asked for are parsed, so the
// rest of the account costs nothing beyond the response text itself.
#ifndef CIVOAPI_INSTANCE_LIST_SCAN_H_
#define CIVOAPI_INSTANCE_LIST_SCAN_H_

#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "civoapi/instance_reads.h"

namespace civoapi {

// `body`: a paginated list ({"page":…, "pages":…, "items":[…]}) or a bare
// array of instances. An error when it is neither (or not JSON).
absl::StatusOr<InstanceListPage> ScanInstanceListPage(const std::string& body,
                                                      const std::set<std::string>& wanted);

}  // namespace civoapi

#endif  // CIVOAPI_INSTANCE_LIST_SCAN_H_
