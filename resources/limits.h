// Length limits shared by the provider block and every resource (SPEC.md),
// and how a diagnostic or a description states them.
#ifndef RESOURCES_LIMITS_H_
#define RESOURCES_LIMITS_H_

#include <cstddef>
#include <string>

#include "tfplugin/diagnostics.h"

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

// The resource attribute a path starts with ("tags" for tags[2]; "" for none).
std::string RootAttribute(const tfplugin::AttributePath& path);

// " At most 255 characters." / " Each item at most 255 characters." (`subject`
// "Each item at most"): the limit as an attribute's description states it.
std::string LimitSentence(size_t max_length, bool count_bytes = false,
                          const char* subject = "At most");

// False, with one error on `path` naming the maximum and the length (and
// quoting the value's beginning unless `sensitive`), when `s` is longer than
// `max_length` (0: no limit); the caller then checks nothing else on it.
bool CheckMaxLength(const std::string& s, size_t max_length, bool count_bytes, bool sensitive,
                    const tfplugin::AttributePath& path, tfplugin::Diagnostics& diags);

}  // namespace resources

#endif  // RESOURCES_LIMITS_H_
