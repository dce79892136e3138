#include "civoapi/path_ids.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace civoapi {

std::string PathSegment(const std::string& id) {
  std::string out;
  for (char c : id) {
    if (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') {
      out.push_back(c);
    } else {
      out += absl::StrCat("%", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
    }
  }
  return out;
}

absl::Status EmptyId(const char* what) { return absl::InvalidArgumentError(absl::StrCat("empty ", what, " id")); }

}  // namespace civoapi
