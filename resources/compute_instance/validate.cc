#include "resources/compute_instance/validate.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "resources/compute_instance/spec.h"
#include "resources/cty_access.h"
#include "resources/duration.h"
#include "resources/resource_spec.h"
#include "resources/string_rules.h"
#include "tfplugin/quote.h"

namespace resources::compute_instance {

namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

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

void CheckString(const AttributeSpec& spec, const std::string& s, const AttributePath& path,
                 Diagnostics& diags) {
  if (!WithinMaxLength(s, spec.max_length, spec.count_bytes, spec.sensitive, path, diags)) return;
  if (spec.rule != nullptr && !spec.rule->matches(s)) {
    diags.AddError(absl::StrCat("Invalid ", spec.name),
                   absl::StrCat(tfplugin::QuoteValue(s), " ", spec.rule->mismatch, "."), path);
  }
}

// "Definitely set": known and not null, or unknown but refined as not null.
bool DefinitelySet(const Value& v) { return v.is_unknown() ? v.unknown_not_null() : !v.is_null(); }

void CheckValueOrRef(const AttributeSpec& spec, const Value& v, const AttributePath& path,
                     Diagnostics& diags) {
  if (v.is_unknown() || v.is_null()) return;
  const Value& value = v.Attr("value");
  const Value& from = v.Attr("value_from");
  if (DefinitelySet(value) && DefinitelySet(from)) {
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
      WithinMaxLength(id, spec.max_length, false, false, path.Attr("value"), diags);
    }
  }
  if (from.is_known() && !from.is_null()) {
    const AttributePath kind_path = path.Attr("value_from").Attr("kind");
    auto kind = AsMaybeString(from.Attr("kind"));
    if (kind.is_known() && WithinMaxLength(kind.value, kMaxKindLength, false, false, kind_path,
                                           diags) &&
        kind.value != spec.ref_kind) {
      diags.AddError("Wrong kind",
                     absl::StrCat("value_from.kind is ", tfplugin::QuoteValue(kind.value),
                                  ", but ", spec.name, " refers to a ", spec.ref_kind,
                                  "; write kind = \"", spec.ref_kind, "\" or leave it out."),
                     kind_path);
    }
    const AttributePath name_path = path.Attr("value_from").Attr("name");
    auto name = AsMaybeString(from.Attr("name"));
    if (name.is_known() && name.value.empty()) {
      diags.AddError("Empty reference", "value_from.name must not be empty.", name_path);
    } else if (name.is_known()) {
      WithinMaxLength(name.value, spec.max_length, false, false, name_path, diags);
    }
  }
}

void CheckOnlyFirstUsed(const AttributeSpec& spec, const Value& list, Diagnostics& diags) {
  if (!spec.only_first_used || list.is_unknown() || list.is_null()) return;
  if (list.Elements().size() > 1) {
    diags.AddWarning(absl::StrCat("Only the first of ", spec.name, " is used"),
                     spec.shape == Shape::kStringList ? kOnlyFirstKeyUsedDetail
                                                      : kOnlyFirstFirewallUsedDetail,
                     AttributePath::Root(spec.name));
  }
}

void CheckStringList(const AttributeSpec& spec, const Value& list, Diagnostics& diags) {
  if (list.is_unknown() || list.is_null()) return;
  const AttributePath root = AttributePath::Root(spec.name);
  std::set<std::string> seen;
  int64_t i = 0;
  for (const Value& e : list.Elements()) {
    const AttributePath path = root.Index(i++);
    if (!e.is_known() || e.is_null()) continue;
    const std::string& s = e.AsString();
    if (!WithinMaxLength(s, spec.max_length, spec.count_bytes, spec.sensitive, path, diags)) {
      continue;
    }
    if (s.empty()) {
      diags.AddError(absl::StrCat("Invalid ", spec.name),
                     absl::StrCat("An element of ", spec.name, " must not be empty."), path);
      continue;
    }
    if (spec.no_whitespace_items && HasWhitespace(s)) {
      diags.AddError(absl::StrCat("Invalid ", spec.name),
                     absl::StrCat(tfplugin::QuoteValue(s),
                                  " contains whitespace; Civo joins tags with spaces, so a tag "
                                  "cannot contain one."),
                     path);
    }
    if (spec.unique_items && !seen.insert(s).second) {
      diags.AddError(absl::StrCat("Duplicate ", spec.name),
                     absl::StrCat(tfplugin::QuoteValue(s), " appears more than once in ",
                                  spec.name, "."),
                     path);
    }
  }
  CheckOnlyFirstUsed(spec, list, diags);
}

void CheckTimeouts(const AttributeSpec& spec, const Value& t, Diagnostics& diags) {
  if (t.is_unknown() || t.is_null()) return;
  for (const char* name : {"create", "update", "delete"}) {
    auto s = GetString(t, name);
    if (!s.is_known()) continue;
    const AttributePath path = AttributePath::Root(spec.name).Attr(name);
    if (!WithinMaxLength(s.value, spec.max_length, false, false, path, diags)) continue;
    auto d = ParseTimeout(s.value);
    if (!d.ok()) diags.AddError("Invalid timeout", std::string(d.status().message()), path);
  }
}

}  // namespace

void ValidateConfig(const Value& config, Diagnostics& diags) {
  if (config.is_null() || config.is_unknown()) return;
  for (const AttributeSpec& spec : ComputeInstanceSpec().attributes) {
    if (spec.mode == Mode::kComputed) continue;
    const Value& v = config.Attr(spec.name);
    const AttributePath path = AttributePath::Root(spec.name);
    switch (spec.shape) {
      case Shape::kString:
        if (v.is_known() && !v.is_null()) CheckString(spec, v.AsString(), path, diags);
        break;
      case Shape::kNumber:
        break;
      case Shape::kStringList:
        CheckStringList(spec, v, diags);
        break;
      case Shape::kValueOrRef:
        CheckValueOrRef(spec, v, path, diags);
        break;
      case Shape::kValueOrRefList:
        if (v.is_known() && !v.is_null()) {
          int64_t i = 0;
          for (const Value& e : v.Elements()) CheckValueOrRef(spec, e, path.Index(i++), diags);
        }
        CheckOnlyFirstUsed(spec, v, diags);
        break;
      case Shape::kTimeouts:
        CheckTimeouts(spec, v, diags);
        break;
    }
  }
}

}  // namespace resources::compute_instance
