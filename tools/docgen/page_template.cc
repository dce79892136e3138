#include "tools/docgen/page_template.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace docgen {

absl::StatusOr<std::string> ReadTextFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path.string()));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

absl::StatusOr<std::string> ExpandTemplate(std::string_view text,
                                           const std::map<std::string, std::string>& vars,
                                           const std::filesystem::path& root) {
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find("}}", open);
    if (close == std::string_view::npos) {
      return absl::InvalidArgumentError("unterminated {{ in template");
    }
    out.append(text.substr(pos, open - pos));
    absl::string_view directive(text.data() + open + 2, close - open - 2);
    directive = absl::StripAsciiWhitespace(directive);
    if (absl::ConsumePrefix(&directive, "file ")) {
      directive = absl::StripAsciiWhitespace(directive);
      if (directive.size() < 2 || directive.front() != '"' || directive.back() != '"') {
        return absl::InvalidArgumentError(
            absl::StrCat("{{file}} wants a quoted path, got: ", directive));
      }
      const std::filesystem::path path = root / std::string(directive.substr(1, directive.size() - 2));
      absl::StatusOr<std::string> content = ReadTextFile(path);
      if (!content.ok()) return content.status();
      std::string_view body = *content;
      while (!body.empty() && body.back() == '\n') body.remove_suffix(1);
      out.append(body);
    } else {
      auto it = vars.find(std::string(directive));
      if (it == vars.end()) {
        return absl::InvalidArgumentError(absl::StrCat("unknown template variable {{", directive, "}}"));
      }
      out.append(it->second);
    }
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace docgen
