#include "resources/string_rules.h"

#include <cstdlib>

#include "tfplugin/framework/pattern.h"

namespace resources {
namespace {

// Compiled once; the patterns are constants, so a failure is a build-time
// mistake that the first use (and the tests) reveal.
const tfplugin::fw::Pattern& Compiled(const char* source) {
  auto p = tfplugin::fw::Pattern::Compile(source);
  if (!p.ok()) std::abort();
  return *new tfplugin::fw::Pattern(*std::move(p));
}

}  // namespace

bool MatchesNamePattern(std::string_view s) {
  static const tfplugin::fw::Pattern& p = Compiled(kNamePattern);
  return p.FullMatch(s);
}

bool MatchesImagePattern(std::string_view s) {
  static const tfplugin::fw::Pattern& p = Compiled(kImagePattern);
  return p.FullMatch(s);
}

bool MatchesRegionPattern(std::string_view s) {
  static const tfplugin::fw::Pattern& p = Compiled(kRegionPattern);
  return p.FullMatch(s);
}

bool HasWhitespace(std::string_view s) {
  static const tfplugin::fw::Pattern& p = Compiled(R"(.*\s.*)");
  return p.FullMatch(s);
}

}  // namespace resources
