#include "tools/docgen/spec_markdown.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace docgen {
namespace {

using resources::AttributeSpec;
using resources::Mode;
using resources::OnChange;
using resources::Shape;

// A table cell may not contain a bare pipe or a line break.
std::string Cell(const std::string& text) {
  return absl::StrReplaceAll(text, {{"|", "\\|"}, {"\n", " "}});
}

std::string ModeText(Mode mode) {
  switch (mode) {
    case Mode::kRequired:
      return "required";
    case Mode::kOptional:
      return "optional";
    case Mode::kOptionalComputed:
      return "optional, computed when unset";
    case Mode::kComputed:
      return "computed";
  }
  return "";
}

std::string RulesText(const AttributeSpec& a) {
  std::vector<std::string> rules;
  rules.push_back(ModeText(a.mode));
  if (a.sensitive) rules.push_back("sensitive");
  if (a.rule != nullptr) rules.push_back(absl::StrCat("matches `", a.rule->pattern, "`"));
  if (!a.ref_kind.empty()) {
    rules.push_back(absl::StrCat("exactly one of `value`, `value_from`; `value_from.kind`, when set, is `",
                                 a.ref_kind, "`"));
  }
  if (a.max_length > 0) {
    const std::string limit = resources::MaxLengthText(a.max_length, a.count_bytes);
    switch (a.shape) {
      case Shape::kStringList:
        rules.push_back(absl::StrCat("each item ", limit));
        break;
      case Shape::kValueOrRef:
      case Shape::kValueOrRefList:
        rules.push_back(absl::StrCat("`value` and `value_from.name` ", limit));
        break;
      case Shape::kTimeouts:
        rules.push_back(absl::StrCat("each duration ", limit));
        break;
      default:
        rules.push_back(limit);
    }
  }
  if (a.unique_items) rules.push_back("items unique");
  if (a.no_whitespace_items) rules.push_back("no empty item, no whitespace inside an item");
  if (a.only_first_used) rules.push_back("Civo takes one: the first is used, more is a warning");
  if (a.shape == Shape::kTimeouts) rules.push_back("durations such as `30m`, `1h30m`, `45s`");
  return absl::StrJoin(rules, "; ");
}

std::string OnChangeText(const AttributeSpec& a) {
  if (!a.on_change_note.empty()) return a.on_change_note;
  switch (a.on_change) {
    case OnChange::kNotApplicable:
      return "—";
    case OnChange::kInPlace:
      return "Updated in place.";
    case OnChange::kReplace:
      return "Replaces the instance.";
    case OnChange::kReplaceCaseless:
      return "Replaces the instance, unless only the letter case changed.";
    case OnChange::kReplaceWhenResolvesElsewhere:
      return "Replaces the instance when it names another object.";
    case OnChange::kReplaceWhenFirstChanges:
      return "Replaces the instance when the first item changes.";
    case OnChange::kInPlaceUnlessDiskShrinks:
      return "Updated in place, unless the disk would shrink: then replaced.";
  }
  return "";
}

}  // namespace

std::string RulesTable(const resources::ResourceSpec& spec) {
  std::string out = "| attribute | rules | on change |\n|---|---|---|\n";
  for (const AttributeSpec& a : spec.attributes) {
    if (a.mode == Mode::kComputed) continue;
    absl::StrAppend(&out, "| `", a.name, "` | ", Cell(RulesText(a)), " | ", Cell(OnChangeText(a)),
                    " |\n");
  }
  return out;
}

}  // namespace docgen
