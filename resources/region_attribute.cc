#include "resources/region_attribute.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "resources/limits.h"
#include "resources/string_rules.h"
#include "tfplugin/quote.h"

namespace resources {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

namespace {

std::optional<std::string> KnownString(const Value& v) {
  if (!v.is_known() || v.is_null()) return std::nullopt;
  return v.AsString();
}

}  // namespace

fw::ValidatorPtr RegionRules() {
  return fw::Custom(
      [](const Value& v, const AttributePath& path, Diagnostics& diags) {
        const std::string s = v.AsString();
        if (s.size() > kMaxRegionLength || !MatchesRegionPattern(s)) {
          diags.AddError("Invalid region",
                         absl::StrCat("region ", tfplugin::QuoteValue(s), " ", kRegionRule.mismatch, "."),
                         path);
        }
      },
      absl::StrCat("Must be a Civo region code, ", MaxLengthText(kMaxRegionLength), "."));
}

std::string RegionDescription() {
  return "The Civo region code (e.g. `LON1`, any case). Defaults to the provider's region.";
}

fw::PlanModifierPtr ReplaceUnlessOnlyCaseChanges(const std::string& object) {
  return fw::RequiresReplaceIf(
      [](const fw::AttributeChange& c, std::string*) {
        const std::optional<std::string> planned = KnownString(c.planned);
        const std::optional<std::string> prior = KnownString(c.prior);
        return !planned || !prior || !absl::EqualsIgnoreCase(*planned, *prior);
      },
      absl::StrCat("Replaces the ", object, "; a change of letter case only does not."));
}

std::string RegionFor(const fw::Maybe<std::string>& region, const ApiSession& session) {
  if (region.is_known() && !region.value.empty()) return absl::AsciiStrToUpper(region.value);
  return absl::AsciiStrToUpper(session.default_region);
}

void PlanDefaultRegion(const fw::Maybe<std::string>& config, fw::Maybe<std::string>& planned,
                       const ApiSession& session) {
  if (config.is_null() && planned.is_unknown() && !session.default_region.empty()) {
    planned = session.default_region;
  }
}

}  // namespace resources
