// Helpers shared by the codec tests.
#ifndef TESTS_CTY_TEST_UTIL_H_
#define TESTS_CTY_TEST_UTIL_H_

#include <string>
#include <string_view>

namespace tfplugin::cty::testing {

// "84 a5 63" -> bytes. Whitespace is ignored; anything else must be hex.
inline std::string Hex(std::string_view hex) {
  std::string out;
  int pending = -1;
  for (char c : hex) {
    int v;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v = c - 'A' + 10;
    } else {
      continue;
    }
    if (pending < 0) {
      pending = v;
    } else {
      out += static_cast<char>(pending * 16 + v);
      pending = -1;
    }
  }
  return out;
}

inline std::string ToHex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kHex[c >> 4];
    out += kHex[c & 0xF];
  }
  return out;
}

// msgpack str header + body for short ASCII text (fixstr, < 32 bytes).
inline std::string Str(std::string_view s) { return std::string(1, static_cast<char>(0xa0 | s.size())) + std::string(s); }

}  // namespace tfplugin::cty::testing

#endif  // TESTS_CTY_TEST_UTIL_H_
