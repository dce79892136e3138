// JSON string escaping exactly as Go's encoding/json writes it, so that text
// we produce (type JSON inside dynamic values, state JSON) matches what
// Terraform itself would have written, byte for byte.
#ifndef TFPLUGIN_CTY_JSON_TEXT_H_
#define TFPLUGIN_CTY_JSON_TEXT_H_

#include <string>
#include <string_view>

namespace tfplugin::cty {

// Appends `s` as a quoted JSON string: `"` and `\` escaped, control
// characters as \b \f \n \r \t or \u00XX, `<` `>` `&` and U+2028/U+2029 as
// \uXXXX (Go's HTML-safe default), invalid UTF-8 bytes as \ufffd.
void AppendGoJsonString(std::string_view s, std::string& out);

// Decodes one UTF-8 sequence at s[i]. Returns the code point and sets `len`
// to its length, or returns -1 (len = 1) for an invalid byte.
int DecodeUtf8(std::string_view s, size_t i, size_t& len);

}  // namespace tfplugin::cty

#endif  // TFPLUGIN_CTY_JSON_TEXT_H_
