#include "resources/string_rules.h"

namespace resources {
namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ^[a-z0-9]([<inner>]*[a-z0-9])?$ where <inner> is [a-z0-9] plus `extra`.
bool LabelLike(std::string_view s, std::string_view extra) {
  if (s.empty() || !IsLowerAlnum(s.front()) || !IsLowerAlnum(s.back())) return false;
  for (char c : s) {
    if (!IsLowerAlnum(c) && extra.find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

bool MatchesNamePattern(std::string_view s) { return LabelLike(s, ".-"); }

bool MatchesImagePattern(std::string_view s) { return LabelLike(s, "-"); }

bool MatchesRegionPattern(std::string_view s) {
  size_t letters = 0;
  while (letters < s.size() && IsAsciiLetter(s[letters])) ++letters;
  const size_t digits = s.size() - letters;
  if (letters < 2 || letters > 8 || digits < 1 || digits > 3) return false;
  for (size_t i = letters; i < s.size(); ++i) {
    if (!IsDigit(s[i])) return false;
  }
  return true;
}

bool HasWhitespace(std::string_view s) {
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return true;
  }
  return false;
}

}  // namespace resources
