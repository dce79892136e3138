// An arbitrary-precision cty number, kept as its canonical decimal text so
// that no precision is lost between the wire and the provider.
#ifndef TFPLUGIN_CTY_NUMBER_H_
#define TFPLUGIN_CTY_NUMBER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace tfplugin::cty {

class Number {
 public:
  Number();  // 0
  static Number FromInt(int64_t v);
  static Number FromUint(uint64_t v);
  // Precondition: finite.
  static Number FromDouble(double v);
  // Parses decimal text as cty accepts it ("12", "-1.5", "1e400",
  // "123456789012345678901234567890"). Rejects anything else.
  static absl::StatusOr<Number> Parse(std::string_view text);

  // Canonical decimal text (no exponent for integers, minimal digits).
  const std::string& ToString() const { return text_; }
  // The exact int64 value, if this number is an integer in range.
  std::optional<int64_t> ToInt64() const;
  // The double nearest to this number.
  double ToDouble() const;
  // True when ToDouble() represents this number exactly.
  bool IsExactDouble() const;

  friend bool operator==(const Number& a, const Number& b) { return a.text_ == b.text_; }

 private:
  explicit Number(std::string canonical) : text_(std::move(canonical)) {}
  std::string text_;
};

}  // namespace tfplugin::cty

#endif  // TFPLUGIN_CTY_NUMBER_H_
