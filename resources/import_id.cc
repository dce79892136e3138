#include "resources/import_id.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "resources/limits.h"
#include "resources/string_rules.h"
#include "tfplugin/quote.h"

namespace resources {

std::optional<ImportId> ParseImportId(const std::string& text, const ApiSession& session,
                                      const std::string& what, tfplugin::Diagnostics& diags) {
  ImportId out{absl::AsciiStrToUpper(session.default_region), text};
  if (auto slash = text.find('/'); slash != std::string::npos) {
    out.region = absl::AsciiStrToUpper(text.substr(0, slash));
    out.id = text.substr(slash + 1);
  }
  if (out.id.empty() || out.region.empty() || out.id.find('/') != std::string::npos ||
      out.id.size() > kMaxNameLength || out.region.size() > kMaxRegionLength ||
      !MatchesRegionPattern(out.region)) {
    diags.AddError("Invalid import id", absl::StrCat("Expected REGION/ID or ID (the ", what, "'s id), got ",
                                                     tfplugin::QuoteValue(text), "."));
    return std::nullopt;
  }
  return out;
}

}  // namespace resources
