#include "resources/compute_instance/validate.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "resources/compute_instance/declaration.h"
#include "resources/duration.h"
#include "resources/limits.h"
#include "tfplugin/framework/spec.h"
#include "tfplugin/quote.h"

namespace resources::compute_instance {

namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

void CheckString(const StringLimits& l, const std::string& s, const AttributePath& path,
                 Diagnostics& diags) {
  if (!CheckMaxLength(s, l.max_length, l.count_bytes, l.sensitive, path, diags)) return;
  if (l.rule != nullptr && !l.rule->matches(s)) {
    diags.AddError(absl::StrCat("Invalid ", RootAttribute(path)),
                   absl::StrCat(tfplugin::QuoteValue(s), " ", l.rule->mismatch, "."), path);
  }
}

void CheckOnlyFirstUsed(const char* detail, const Value& list, const AttributePath& path,
                        Diagnostics& diags) {
  if (detail == nullptr || list.is_unknown() || list.is_null()) return;
  if (list.Elements().size() > 1) {
    diags.AddWarning(absl::StrCat("Only the first of ", RootAttribute(path), " is used"), detail,
                     path);
  }
}

void CheckStringList(const StringLimits& l, const ListRules& rules, const Value& list,
                     const AttributePath& root, Diagnostics& diags) {
  if (list.is_unknown() || list.is_null()) return;
  const std::string name = RootAttribute(root);
  std::set<std::string> seen;
  int64_t i = 0;
  for (const Value& e : list.Elements()) {
    const AttributePath path = root.Index(i++);
    if (!e.is_known() || e.is_null()) continue;
    const std::string& s = e.AsString();
    if (!CheckMaxLength(s, l.max_length, l.count_bytes, l.sensitive, path, diags)) continue;
    if (s.empty()) {
      diags.AddError(absl::StrCat("Invalid ", name),
                     absl::StrCat("An element of ", name, " must not be empty."), path);
      continue;
    }
    if (rules.no_whitespace_items && HasWhitespace(s)) {
      diags.AddError(absl::StrCat("Invalid ", name),
                     absl::StrCat(tfplugin::QuoteValue(s),
                                  " contains whitespace; Civo joins tags with spaces, so a tag "
                                  "cannot contain one."),
                     path);
    }
    if (rules.unique_items && !seen.insert(s).second) {
      diags.AddError(absl::StrCat("Duplicate ", name),
                     absl::StrCat(tfplugin::QuoteValue(s), " appears more than once in ", name,
                                  "."),
                     path);
    }
  }
  CheckOnlyFirstUsed(rules.only_first_detail, list, root, diags);
}

// The limits are already in each attribute's description: no sentence.
constexpr char kNoSentence[] = "";

}  // namespace

fw::ValidatorPtr StringRules(StringLimits limits) {
  return fw::Custom(
      [limits](const Value& v, const AttributePath& path, Diagnostics& diags) {
        if (v.kind() == Value::Kind::kString) CheckString(limits, v.AsString(), path, diags);
      },
      limits.rule == nullptr ? std::string(kNoSentence)
                             : absl::StrCat("Must match `", limits.rule->pattern, "`."));
}

fw::ValidatorPtr StringListRules(StringLimits limits, ListRules list) {
  return fw::Custom(
      [limits, list](const Value& v, const AttributePath& path, Diagnostics& diags) {
        CheckStringList(limits, list, v, path, diags);
      },
      kNoSentence);
}

fw::ValidatorPtr OnlyFirstUsed(const char* detail) {
  return fw::Custom(
      [detail](const Value& v, const AttributePath& path, Diagnostics& diags) {
        CheckOnlyFirstUsed(detail, v, path, diags);
      },
      kNoSentence);
}

fw::ValidatorPtr DurationRules(size_t max_length) {
  return fw::Custom(
      [max_length](const Value& v, const AttributePath& path, Diagnostics& diags) {
        if (v.kind() != Value::Kind::kString) return;
        if (!CheckMaxLength(v.AsString(), max_length, false, false, path, diags)) return;
        auto d = ParseTimeout(v.AsString());
        if (!d.ok()) diags.AddError("Invalid timeout", std::string(d.status().message()), path);
      },
      kNoSentence);
}

void ValidateConfig(const Value& config, Diagnostics& diags) {
  fw::ValidateObject(*InstanceObject().spec(), config, AttributePath(), diags);
}

}  // namespace resources::compute_instance
