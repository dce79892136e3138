// A small regular-expression matcher for validators, without backtracking:
// the pattern compiles to a Thompson NFA and a match walks the input once,
// keeping the set of live states (time O(input x pattern), constant stack),
// so no input can make it recurse deeply or run for long — unlike
// std::regex, whose recursive matcher overflows the stack on long inputs.
//
// Syntax (bytes, whole-string match; a leading ^ and trailing $ are allowed
// and change nothing): literals, `.`, escapes (\. \- \\ \d \w \s ...),
// classes `[a-z0-9.\-]` and `[^...]`, groups `(...)` and `(?:...)`, `|`,
// and the quantifiers `* + ? {n} {n,} {n,m}`.
#ifndef TFPLUGIN_FRAMEWORK_PATTERN_H_
#define TFPLUGIN_FRAMEWORK_PATTERN_H_

#include <bitset>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tfplugin::fw {

class Pattern {
 public:
  // InvalidArgument for a pattern outside the syntax above (or one whose
  // counted repetitions would need more than 10000 states).
  static absl::StatusOr<Pattern> Compile(std::string_view pattern);

  // True when the whole of `text` matches.
  bool FullMatch(std::string_view text) const;
  const std::string& source() const { return source_; }

 private:
  struct State {
    std::bitset<256> set;  // the bytes that lead to `next`
    bool consumes = false;
    int next = -1;
    std::vector<int> epsilon;  // moves that consume nothing
  };
  std::string source_;
  std::shared_ptr<const std::vector<State>> states_;
  int start_ = 0;
  int accept_ = 0;
  friend class PatternCompiler;
};

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_PATTERN_H_
