// The shapes SPEC.md gives Civo strings, each checked by one plain loop over
// the characters: linear time and constant stack whatever the length.
// (std::regex matching recursed once per character, so a 60,000-character
// `size` overflowed the stack and killed the provider.)
#ifndef RESOURCES_STRING_RULES_H_
#define RESOURCES_STRING_RULES_H_

#include <string_view>

namespace resources {

// ^[a-z0-9]([a-z0-9.\-]*[a-z0-9])?$ : instance names (hostnames) and sizes.
bool MatchesNamePattern(std::string_view s);
// ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ : disk image names and ids.
bool MatchesImagePattern(std::string_view s);
// ^[A-Za-z]{2,8}[0-9]{1,3}$ : Civo region codes, any case.
bool MatchesRegionPattern(std::string_view s);
// Whether any byte is ASCII whitespace (Civo joins tags with spaces).
bool HasWhitespace(std::string_view s);

// A rule as the spec table declares it: the check, the regular expression
// it is equivalent to (for the docs) and what a diagnostic says after the
// quoted value when it fails.
struct StringRule {
  bool (*matches)(std::string_view);
  const char* pattern;
  const char* mismatch;
};

inline constexpr StringRule kNameRule{
    &MatchesNamePattern, R"(^[a-z0-9]([a-z0-9.\-]*[a-z0-9])?$)",
    R"(does not match ^[a-z0-9]([a-z0-9.\-]*[a-z0-9])?$ (lower-case letters, digits, '.' and '-', starting and ending with a letter or digit))"};
inline constexpr StringRule kImageRule{
    &MatchesImagePattern, R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)",
    R"(does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (lower-case letters, digits and '-', starting and ending with a letter or digit))"};
inline constexpr StringRule kRegionRule{
    &MatchesRegionPattern, R"(^[A-Za-z]{2,8}[0-9]{1,3}$)",
    "is not a Civo region code (for example LON1, NYC1, FRA1)"};

}  // namespace resources

#endif  // RESOURCES_STRING_RULES_H_
