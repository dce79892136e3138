// Object ids as they go into request paths, for every endpoint file.
#ifndef CIVOAPI_PATH_IDS_H_
#define CIVOAPI_PATH_IDS_H_

#include <string>

#include "absl/status/status.h"

namespace civoapi {

// `id` as one path segment: anything but a plain token (letters, digits,
// `-`, `_`, `.`) is percent-escaped, so an id never reaches another endpoint.
std::string PathSegment(const std::string& id);

// The error for an empty id where one is required ("empty network id").
absl::Status EmptyId(const char* what);

}  // namespace civoapi

#endif  // CIVOAPI_PATH_IDS_H_
