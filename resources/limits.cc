#include "resources/limits.h"

#include <variant>

#include "absl/strings/str_cat.h"
#include "tfplugin/quote.h"

namespace resources {

std::string RootAttribute(const tfplugin::AttributePath& path) {
  if (path.empty()) return "";
  const auto* a = std::get_if<tfplugin::AttributePath::Attribute>(&path.steps().front());
  return a != nullptr ? a->name : "";
}

std::string LimitSentence(size_t max_length, bool count_bytes, const char* subject) {
  return absl::StrCat(" ", subject, " ", max_length, count_bytes ? " bytes." : " characters.");
}

bool CheckMaxLength(const std::string& s, size_t max_length, bool count_bytes, bool sensitive,
                    const tfplugin::AttributePath& path, tfplugin::Diagnostics& diags) {
  if (max_length == 0) return true;
  // Cheap first: a string of at most max_length bytes has at most as many
  // characters.
  if (s.size() <= max_length) return true;
  const size_t len = count_bytes ? s.size() : tfplugin::CountCharacters(s);
  if (len <= max_length) return true;
  std::string detail = absl::StrCat(path.ToString(), " must be ",
                                    MaxLengthText(max_length, count_bytes), "; it has ", len);
  if (sensitive) {
    absl::StrAppend(&detail, ".");
  } else {
    absl::StrAppend(&detail, ": ", tfplugin::QuoteValue(s), ".");
  }
  diags.AddError(absl::StrCat("Invalid ", path.ToString()), detail, path);
  return false;
}

}  // namespace resources
