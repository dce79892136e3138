#include "resources/cidr.h"

#include <cctype>
#include <cstddef>

namespace resources {
namespace {

// A decimal number of 1-3 digits without a leading zero, at most `max`.
bool SmallNumber(std::string_view s, int max) {
  if (s.empty() || s.size() > 3) return false;
  if (s.size() > 1 && s[0] == '0') return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return v <= max;
}

bool Ipv6Address(std::string_view s) {
  if (s.empty()) return false;
  size_t groups = 0;
  bool compressed = false;
  size_t i = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    i = 2;
    if (i == s.size()) return true;
  } else if (s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    size_t start = i;
    while (i < s.size() && std::isxdigit(static_cast<unsigned char>(s[i]))) ++i;
    size_t len = i - start;
    if (len == 0 || len > 4) return false;
    ++groups;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (compressed) return false;
      compressed = true;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;  // a trailing single ':'
    }
  }
  return compressed ? groups < 8 : groups == 8;
}

}  // namespace

bool IsIpv4Cidr(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return false;
  if (!SmallNumber(s.substr(slash + 1), 32)) return false;
  std::string_view addr = s.substr(0, slash);
  int octets = 0;
  while (true) {
    size_t dot = addr.find('.');
    std::string_view part = addr.substr(0, dot);
    if (!SmallNumber(part, 255)) return false;
    ++octets;
    if (dot == std::string_view::npos) break;
    addr = addr.substr(dot + 1);
  }
  return octets == 4;
}

bool IsIpv6Cidr(std::string_view s) {
  size_t slash = s.find('/');
  if (slash == std::string_view::npos) return false;
  return SmallNumber(s.substr(slash + 1), 128) && Ipv6Address(s.substr(0, slash));
}

}  // namespace resources
