// Quoting user values inside diagnostics. A rejected value may be anything a
// user (or a hostile module) wrote, 200,000 characters of it included; a
// diagnostic shows only its beginning, so error text stays short whatever
// the input.
#ifndef TFPLUGIN_QUOTE_H_
#define TFPLUGIN_QUOTE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tfplugin {

// How many characters of a rejected value a diagnostic shows.
inline constexpr size_t kQuotedCharacters = 100;

// Characters as a user counts them: UTF-8 code points (a byte that is not a
// valid part of a sequence counts as one).
size_t CountCharacters(std::string_view s);

// `"value"`, with at most `max_chars` characters of the value and "…" after
// the closing quote's content when some were left out. Never splits a UTF-8
// sequence; `"` and `\` are escaped, control characters and invalid bytes
// are written as escapes (\n, \t, \x1b, ...), so the result is valid UTF-8
// and prints on one line.
std::string QuoteValue(std::string_view value, size_t max_chars = kQuotedCharacters);

}  // namespace tfplugin

#endif  // TFPLUGIN_QUOTE_H_
