#include "tfplugin/framework/text.h"

namespace tfplugin::fw {

namespace {
bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

size_t CountCharacters(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if (!IsContinuation(c)) ++n;
  }
  return n;
}

std::string Quote(std::string_view s) {
  size_t chars = 0;
  size_t end = 0;
  for (; end < s.size(); ++end) {
    if (!IsContinuation(static_cast<unsigned char>(s[end]))) {
      if (chars == kMaxQuotedCharacters) break;
      ++chars;
    }
  }
  std::string out = "\"";
  out.append(s.substr(0, end));
  out += '"';
  if (end < s.size()) out += "...";
  return out;
}

}  // namespace tfplugin::fw
