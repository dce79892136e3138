#include "resources/compute_instance/validate.h"

#include <set>
#include <string>
#include <variant>

#include "absl/strings/str_cat.h"
#include "resources/compute_instance/declaration.h"
#include "resources/cty_access.h"
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

// The attribute of the resource a path starts with ("tags" for tags[2]).
std::string RootName(const AttributePath& path) {
  if (path.empty()) return "";
  if (const auto* a = std::get_if<AttributePath::Attribute>(&path.steps().front())) return a->name;
  return "";
}

// The length rule every configurable string has. On failure: one error that
// names the attribute path and the maximum and quotes the value's beginning
// (never a sensitive value's); the caller checks nothing else on it.
bool WithinMaxLength(const std::string& s, size_t max_length, bool count_bytes, bool sensitive,
                     const AttributePath& path, Diagnostics& diags) {
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

void CheckString(const StringLimits& l, const std::string& s, const AttributePath& path,
                 Diagnostics& diags) {
  if (!WithinMaxLength(s, l.max_length, l.count_bytes, l.sensitive, path, diags)) return;
  if (l.rule != nullptr && !l.rule->matches(s)) {
    diags.AddError(absl::StrCat("Invalid ", RootName(path)),
                   absl::StrCat(tfplugin::QuoteValue(s), " ", l.rule->mismatch, "."), path);
  }
}

void CheckValueOrRef(const std::string& ref_kind, size_t max_length, const Value& v,
                     const AttributePath& path, Diagnostics& diags) {
  if (v.is_unknown() || v.is_null()) return;
  const Value& value = v.Attr("value");
  const Value& from = v.Attr("value_from");
  if (fw::DefinitelySet(value) && fw::DefinitelySet(from)) {
    diags.AddError("Conflicting reference",
                   absl::StrCat("Set exactly one of value and value_from in ", path.ToString(),
                                ", not both."),
                   path);
    return;
  }
  if (value.is_null() && from.is_null()) {
    diags.AddError("Missing reference",
                   absl::StrCat("Set exactly one of value and value_from in ", path.ToString(),
                                "."),
                   path);
    return;
  }
  if (value.is_known() && !value.is_null()) {
    const std::string& id = value.AsString();
    if (id.empty()) {
      diags.AddError("Empty reference", "value must not be empty.", path.Attr("value"));
    } else {
      WithinMaxLength(id, max_length, false, false, path.Attr("value"), diags);
    }
  }
  if (from.is_known() && !from.is_null()) {
    const AttributePath kind_path = path.Attr("value_from").Attr("kind");
    auto kind = AsMaybeString(from.Attr("kind"));
    if (kind.is_known() && WithinMaxLength(kind.value, kMaxKindLength, false, false, kind_path,
                                           diags) &&
        kind.value != ref_kind) {
      diags.AddError("Wrong kind",
                     absl::StrCat("value_from.kind is ", tfplugin::QuoteValue(kind.value),
                                  ", but ", RootName(path), " refers to a ", ref_kind,
                                  "; write kind = \"", ref_kind, "\" or leave it out."),
                     kind_path);
    }
    const AttributePath name_path = path.Attr("value_from").Attr("name");
    auto name = AsMaybeString(from.Attr("name"));
    if (name.is_known() && name.value.empty()) {
      diags.AddError("Empty reference", "value_from.name must not be empty.", name_path);
    } else if (name.is_known()) {
      WithinMaxLength(name.value, max_length, false, false, name_path, diags);
    }
  }
}

void CheckOnlyFirstUsed(const char* detail, const Value& list, const AttributePath& path,
                        Diagnostics& diags) {
  if (detail == nullptr || list.is_unknown() || list.is_null()) return;
  if (list.Elements().size() > 1) {
    diags.AddWarning(absl::StrCat("Only the first of ", RootName(path), " is used"), detail, path);
  }
}

void CheckStringList(const StringLimits& l, const ListRules& rules, const Value& list,
                     const AttributePath& root, Diagnostics& diags) {
  if (list.is_unknown() || list.is_null()) return;
  const std::string name = RootName(root);
  std::set<std::string> seen;
  int64_t i = 0;
  for (const Value& e : list.Elements()) {
    const AttributePath path = root.Index(i++);
    if (!e.is_known() || e.is_null()) continue;
    const std::string& s = e.AsString();
    if (!WithinMaxLength(s, l.max_length, l.count_bytes, l.sensitive, path, diags)) continue;
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

void CheckTimeouts(size_t max_length, const Value& t, const AttributePath& root,
                   Diagnostics& diags) {
  if (t.is_unknown() || t.is_null()) return;
  for (const char* name : {"create", "update", "delete"}) {
    auto s = GetString(t, name);
    if (!s.is_known()) continue;
    const AttributePath path = root.Attr(name);
    if (!WithinMaxLength(s.value, max_length, false, false, path, diags)) continue;
    auto d = ParseTimeout(s.value);
    if (!d.ok()) diags.AddError("Invalid timeout", std::string(d.status().message()), path);
  }
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

fw::ValidatorPtr RefRules(std::string kind, size_t max_length) {
  return fw::Custom(
      [kind, max_length](const Value& v, const AttributePath& path, Diagnostics& diags) {
        CheckValueOrRef(kind, max_length, v, path, diags);
      },
      kNoSentence);
}

fw::ValidatorPtr RefListRules(std::string kind, size_t max_length,
                              const char* only_first_detail) {
  return fw::Custom(
      [kind, max_length, only_first_detail](const Value& v, const AttributePath& path,
                                            Diagnostics& diags) {
        if (v.is_known() && !v.is_null()) {
          int64_t i = 0;
          for (const Value& e : v.Elements()) {
            CheckValueOrRef(kind, max_length, e, path.Index(i++), diags);
          }
        }
        CheckOnlyFirstUsed(only_first_detail, v, path, diags);
      },
      kNoSentence);
}

fw::ValidatorPtr TimeoutsRules(size_t max_length) {
  return fw::Custom(
      [max_length](const Value& v, const AttributePath& path, Diagnostics& diags) {
        CheckTimeouts(max_length, v, path, diags);
      },
      kNoSentence);
}

void ValidateConfig(const Value& config, Diagnostics& diags) {
  fw::ValidateObject(*InstanceObject().spec(), config, AttributePath(), diags);
}

}  // namespace resources::compute_instance
