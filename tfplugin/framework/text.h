// Text helpers for diagnostics: user values are quoted, and at most the first
// 100 characters of one are ever repeated back.
#ifndef TFPLUGIN_FRAMEWORK_TEXT_H_
#define TFPLUGIN_FRAMEWORK_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tfplugin::fw {

inline constexpr size_t kMaxQuotedCharacters = 100;

// Characters as a user counts them: UTF-8 code points.
size_t CountCharacters(std::string_view s);
// "value" — cut after kMaxQuotedCharacters characters (on a character
// boundary) and marked with "..." when longer.
std::string Quote(std::string_view s);

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_TEXT_H_
