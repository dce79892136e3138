// Length limits shared by the provider block and every resource (SPEC.md),
// and how a diagnostic or a description states them.
#ifndef RESOURCES_LIMITS_H_
#define RESOURCES_LIMITS_H_

#include <cstddef>
#include <string>

namespace resources {

// Lengths shared by every resource (SPEC.md: `size`, `image`, names and ids
// 255 characters unless a rule says less).
inline constexpr size_t kMaxNameLength = 255;
// A Civo region code (LON1, NYC1, FRA1), in the provider and every resource.
inline constexpr size_t kMaxRegionLength = 16;
// `value_from.kind`: a Planton kind name such as `CivoIpAddress`.
inline constexpr size_t kMaxKindLength = 64;
// A timeouts duration such as `1h30m`.
inline constexpr size_t kMaxDurationLength = 32;

// "at most 255 characters" / "at most 32768 bytes".
inline std::string MaxLengthText(size_t max_length, bool count_bytes = false) {
  return "at most " + std::to_string(max_length) + (count_bytes ? " bytes" : " characters");
}

}  // namespace resources

#endif  // RESOURCES_LIMITS_H_
