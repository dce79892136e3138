#include "tfplugin/quote.h"

#include <cstdint>

namespace tfplugin {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or 0 when the
// byte there does not start one.
size_t SequenceLength(std::string_view s, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = at(0);
  if (c < 0x80) return 1;
  size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (at(1) < lo || at(1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (!IsContinuation(at(k))) return 0;
  }
  return n;
}

void AppendHexEscape(std::string& out, const char* prefix, uint32_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += prefix;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xF];
}

}  // namespace

size_t CountCharacters(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++count) {
    const size_t n = SequenceLength(s, i);
    i += n == 0 ? 1 : n;
  }
  return count;
}

std::string QuoteValue(std::string_view value, size_t max_chars) {
  std::string out = "\"";
  size_t i = 0;
  for (size_t chars = 0; i < value.size() && chars < max_chars; ++chars) {
    const size_t n = SequenceLength(value, i);
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (n == 0) {
      AppendHexEscape(out, "\\x", c, 2);  // not UTF-8: shown as the byte it is
      i += 1;
      continue;
    }
    if (n == 1) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            AppendHexEscape(out, "\\x", c, 2);
          } else {
            out += static_cast<char>(c);
          }
      }
    } else if (n == 2 && c == 0xC2 && static_cast<unsigned char>(value[i + 1]) < 0xA0) {
      // C1 control characters (U+0080..U+009F) would act on a terminal.
      AppendHexEscape(out, "\\u", static_cast<unsigned char>(value[i + 1]), 4);
    } else {
      out.append(value.substr(i, n));
    }
    i += n;
  }
  if (i < value.size()) out += "\xE2\x80\xA6";  // "…": more followed
  out += '"';
  return out;
}

}  // namespace tfplugin
