// The shapes SPEC.md gives Civo strings, as patterns for the framework's
// matcher (tfplugin/framework/pattern.h: no backtracking, linear time and
// constant stack whatever the length; std::regex matching recursed once per
// character, so a 60,000-character `size` overflowed the stack and killed
// the provider).
#ifndef RESOURCES_STRING_RULES_H_
#define RESOURCES_STRING_RULES_H_

#include <string_view>

namespace resources {

// Instance names (hostnames) and sizes.
inline constexpr char kNamePattern[] = R"(^[a-z0-9]([a-z0-9.\-]*[a-z0-9])?$)";
// Disk image names and ids.
inline constexpr char kImagePattern[] = R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)";
// Civo region codes, any case.
inline constexpr char kRegionPattern[] = R"(^[A-Za-z]{2,8}[0-9]{1,3}$)";

bool MatchesNamePattern(std::string_view s);
bool MatchesImagePattern(std::string_view s);
bool MatchesRegionPattern(std::string_view s);
// Whether any byte is ASCII whitespace (Civo joins tags with spaces).
bool HasWhitespace(std::string_view s);

// A rule as the declarations use it: the check, the pattern it applies (for
// the docs) and what a diagnostic says after the quoted value when it fails.
struct StringRule {
  bool (*matches)(std::string_view);
  const char* pattern;
  const char* mismatch;
};

inline constexpr StringRule kNameRule{
    &MatchesNamePattern, kNamePattern,
    R"(does not match ^[a-z0-9]([a-z0-9.\-]*[a-z0-9])?$ (lower-case letters, digits, '.' and '-', starting and ending with a letter or digit))"};
inline constexpr StringRule kImageRule{
    &MatchesImagePattern, kImagePattern,
    R"(does not match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (lower-case letters, digits and '-', starting and ending with a letter or digit))"};
inline constexpr StringRule kRegionRule{
    &MatchesRegionPattern, kRegionPattern,
    "is not a Civo region code (for example LON1, NYC1, FRA1)"};

}  // namespace resources

#endif  // RESOURCES_STRING_RULES_H_
