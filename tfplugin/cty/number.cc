#include "tfplugin/cty/number.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tfplugin/cty/number_ops.h"

namespace tfplugin::cty {
namespace {

// Bound on the length of a canonical number: cty would accept "1e100000000"
// but writing it out positionally would be a denial of service.
constexpr int64_t kMaxCanonicalLength = 8192;

// A finite decimal: (-1)^neg × digits × 10^exp10, digits without leading or
// trailing zeros (empty for zero).
struct Decimal {
  bool neg = false;
  std::string digits;
  int64_t exp10 = 0;
};

void Normalize(Decimal& d) {
  size_t lead = d.digits.find_first_not_of('0');
  if (lead == std::string::npos) {
    d = Decimal{};
    return;
  }
  d.digits.erase(0, lead);
  size_t last = d.digits.find_last_not_of('0');
  d.exp10 += static_cast<int64_t>(d.digits.size() - 1 - last);
  d.digits.erase(last + 1);
}

// Positional notation, as Go's big.Float.Text('f', -1) writes it.
std::string Render(const Decimal& d) {
  if (d.digits.empty()) return "0";
  std::string out = d.neg ? "-" : "";
  const auto n = static_cast<int64_t>(d.digits.size());
  if (d.exp10 >= 0) {
    out += d.digits;
    out.append(static_cast<size_t>(d.exp10), '0');
  } else if (-d.exp10 < n) {
    out.append(d.digits, 0, static_cast<size_t>(n + d.exp10));
    out += '.';
    out.append(d.digits, static_cast<size_t>(n + d.exp10), std::string::npos);
  } else {
    out += "0.";
    out.append(static_cast<size_t>(-d.exp10 - n), '0');
    out += d.digits;
  }
  return out;
}

int64_t RenderedLength(const Decimal& d) {
  const auto n = static_cast<int64_t>(d.digits.size());
  if (d.exp10 >= 0) return n + d.exp10 + 1;
  return std::max(n, -d.exp10) + 3;
}

bool IsInfText(std::string_view t) { return t == "+Inf" || t == "-Inf"; }

// Parses [sign] digits [. digits] [(e|E) [sign] digits], or infinity.
// Returns false for anything else. `inf` is set for infinities.
bool ParseDecimal(std::string_view s, Decimal& out, int& inf) {
  inf = 0;
  out = Decimal{};
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  std::string_view rest = s.substr(i);
  if (rest == "Inf" || rest == "inf") {
    inf = neg ? -1 : 1;
    return true;
  }
  std::string digits;
  int64_t frac_digits = 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      any_digit = true;
      // Leading zeros carry no information; skipping them bounds `digits`.
      if (!(digits.empty() && c == '0')) digits += c;
      if (seen_point) ++frac_digits;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return false;
  int64_t exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      exp_neg = s[i] == '-';
      ++i;
    }
    if (i >= s.size()) return false;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      if (exp < 1'000'000'000) exp = exp * 10 + (s[i] - '0');
    }
    if (exp_neg) exp = -exp;
  }
  if (i != s.size()) return false;
  out.neg = neg;
  out.digits = std::move(digits);
  out.exp10 = exp - frac_digits;
  Normalize(out);
  return true;
}

Decimal Decompose(const std::string& canonical) {
  Decimal d;
  int inf = 0;
  ParseDecimal(canonical, d, inf);
  return d;
}

// Exact decimal expansion of a finite double: every double is a dyadic
// rational, so m × 2^e is written out with a small base-1e9 bignum.
std::string ExactDecimal(double v) {
  if (v == 0) return "0";
  int e2 = 0;
  const double frac = std::frexp(std::fabs(v), &e2);
  auto m = static_cast<uint64_t>(std::ldexp(frac, 53));
  int64_t e = static_cast<int64_t>(e2) - 53;
  while ((m & 1) == 0 && e < 0) {
    m >>= 1;
    ++e;
  }
  std::vector<uint32_t> limbs;  // little-endian base 1e9
  constexpr uint64_t kBase = 1'000'000'000;
  for (uint64_t x = m; x > 0; x /= kBase) limbs.push_back(static_cast<uint32_t>(x % kBase));
  auto mul = [&](uint32_t k) {
    uint64_t carry = 0;
    for (auto& limb : limbs) {
      const uint64_t p = static_cast<uint64_t>(limb) * k + carry;
      limb = static_cast<uint32_t>(p % kBase);
      carry = p / kBase;
    }
    while (carry > 0) {
      limbs.push_back(static_cast<uint32_t>(carry % kBase));
      carry /= kBase;
    }
  };
  // m × 2^e for e ≥ 0; m × 5^-e × 10^e for e < 0.
  int64_t count = e >= 0 ? e : -e;
  const uint32_t chunk = e >= 0 ? (1u << 29) : 1220703125u;  // 2^29, 5^13
  const int64_t per_chunk = e >= 0 ? 29 : 13;
  while (count >= per_chunk) {
    mul(chunk);
    count -= per_chunk;
  }
  uint32_t tail = 1;
  for (int64_t k = 0; k < count; ++k) tail *= (e >= 0 ? 2 : 5);
  mul(tail);
  std::string digits = std::to_string(limbs.back());
  for (size_t k = limbs.size() - 1; k-- > 0;) {
    std::string part = std::to_string(limbs[k]);
    digits.append(9 - part.size(), '0');
    digits += part;
  }
  Decimal d;
  d.neg = v < 0;
  d.digits = std::move(digits);
  d.exp10 = e >= 0 ? 0 : e;
  Normalize(d);
  return Render(d);
}

}  // namespace

Number::Number() : text_("0") {}

Number Number::FromInt(int64_t v) { return Number(std::to_string(v)); }
Number Number::FromUint(uint64_t v) { return Number(std::to_string(v)); }

Number Number::FromDouble(double v) {
  if (std::isinf(v)) return Number(v > 0 ? "+Inf" : "-Inf");
  if (std::isnan(v)) return Number();  // precondition violated; cty would panic
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);  // shortest round trip
  Decimal d;
  int inf = 0;
  ParseDecimal(std::string_view(buf, static_cast<size_t>(res.ptr - buf)), d, inf);
  return Number(Render(d));
}

absl::StatusOr<Number> Number::Parse(std::string_view text) {
  Decimal d;
  int inf = 0;
  if (!ParseDecimal(text, d, inf)) {
    return absl::InvalidArgumentError(absl::StrCat("\"", std::string(text.substr(0, 64)), "\" is not a number"));
  }
  if (inf != 0) return Number(inf > 0 ? "+Inf" : "-Inf");
  if (RenderedLength(d) > kMaxCanonicalLength) {
    return absl::InvalidArgumentError("number is too large or too precise to represent");
  }
  return Number(Render(d));
}

std::optional<int64_t> Number::ToInt64() const {
  if (text_.find('.') != std::string::npos || IsInfText(text_)) return std::nullopt;
  int64_t v = 0;
  auto res = std::from_chars(text_.data(), text_.data() + text_.size(), v);
  if (res.ec != std::errc() || res.ptr != text_.data() + text_.size()) return std::nullopt;
  return v;
}

double Number::ToDouble() const {
  if (text_ == "+Inf") return std::numeric_limits<double>::infinity();
  if (text_ == "-Inf") return -std::numeric_limits<double>::infinity();
  double v = 0;
  auto res = std::from_chars(text_.data(), text_.data() + text_.size(), v);
  if (res.ec == std::errc::result_out_of_range) {
    // from_chars leaves v untouched: decide overflow vs underflow by magnitude.
    const bool neg = text_[0] == '-';
    const size_t start = neg ? 1 : 0;
    const bool big = text_[start] != '0';
    if (big) return neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return neg ? -0.0 : 0.0;
  }
  return v;
}

bool Number::IsExactDouble() const {
  if (IsInfText(text_)) return true;
  const double v = ToDouble();
  if (!std::isfinite(v)) return false;
  return ExactDecimal(v) == text_;
}

bool IsInfinity(const Number& n) { return IsInfText(n.ToString()); }

int CompareNumbers(const Number& a, const Number& b) {
  auto inf_rank = [](const Number& n) { return n.ToString() == "+Inf" ? 1 : n.ToString() == "-Inf" ? -1 : 0; };
  const int ia = inf_rank(a);
  const int ib = inf_rank(b);
  if (ia != 0 || ib != 0) return ia == ib ? 0 : (ia < ib ? -1 : 1);
  const Decimal da = Decompose(a.ToString());
  const Decimal db = Decompose(b.ToString());
  auto sign = [](const Decimal& d) { return d.digits.empty() ? 0 : (d.neg ? -1 : 1); };
  const int sa = sign(da);
  const int sb = sign(db);
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  // Same sign: compare magnitudes by position of the leading digit, then digits.
  const int64_t ma = static_cast<int64_t>(da.digits.size()) + da.exp10;
  const int64_t mb = static_cast<int64_t>(db.digits.size()) + db.exp10;
  int mag = 0;
  if (ma != mb) {
    mag = ma < mb ? -1 : 1;
  } else {
    const int c = da.digits.compare(db.digits);  // equal leading position: lexical = numeric
    mag = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return sa > 0 ? mag : -mag;
}

std::string GoFloatString(const Number& n) {
  if (IsInfinity(n)) return n.ToString();
  constexpr size_t kPrec = 10;
  Decimal d = Decompose(n.ToString());
  std::string out = d.neg ? "-" : "";
  // big's decimal: value = 0.mant × 10^exp.
  std::string mant = d.digits;
  int64_t exp = static_cast<int64_t>(mant.size()) + d.exp10;
  if (mant.size() > kPrec) {
    // Round to kPrec digits: half to even only when exactly half.
    bool up;
    if (mant[kPrec] == '5' && kPrec + 1 == mant.size()) {
      up = ((mant[kPrec - 1] - '0') & 1) != 0;
    } else {
      up = mant[kPrec] >= '5';
    }
    mant.resize(kPrec);
    if (up) {
      size_t k = kPrec;
      while (k > 0 && mant[k - 1] == '9') --k;
      if (k == 0) {
        mant.assign(1, '1');  // (not = "1": GCC 12 raises a false -Wrestrict)
        ++exp;
      } else {
        ++mant[k - 1];
        mant.resize(k);
      }
    }
    const size_t last = mant.find_last_not_of('0');
    mant.resize(last + 1);
  }
  if (mant.empty()) exp = 0;
  const auto len = static_cast<int64_t>(mant.size());
  auto at = [&](int64_t i) { return (i >= 0 && i < len) ? mant[static_cast<size_t>(i)] : '0'; };
  int64_t eprec = kPrec;
  if (eprec > len && len >= exp) eprec = len;
  const int64_t x = exp - 1;
  if (x < -4 || x >= eprec) {
    int64_t prec = std::min<int64_t>(kPrec, len) - 1;
    out += mant.empty() ? '0' : mant[0];
    if (prec > 0) {
      out += '.';
      for (int64_t i = 1; i <= prec; ++i) out += at(i);
    }
    out += 'e';
    int64_t e = mant.empty() ? 0 : exp - 1;
    out += e < 0 ? '-' : '+';
    if (e < 0) e = -e;
    if (e < 10) out += '0';
    out += std::to_string(e);
    return out;
  }
  int64_t prec = kPrec;
  if (prec > exp) prec = len;
  const int64_t frac = std::max<int64_t>(prec - exp, 0);
  if (exp > 0) {
    for (int64_t i = 0; i < exp; ++i) out += at(i);
  } else {
    out += '0';
  }
  if (frac > 0) {
    out += '.';
    for (int64_t i = 0; i < frac; ++i) out += at(exp + i);
  }
  return out;
}

}  // namespace tfplugin::cty
