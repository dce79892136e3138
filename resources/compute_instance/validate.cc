#include "resources/compute_instance/validate.h"

#include <regex>
#include <set>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "resources/compute_instance/spec.h"
#include "resources/cty_access.h"
#include "resources/duration.h"
#include "resources/resource_spec.h"

namespace resources::compute_instance {

namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

// Characters as a user counts them (UTF-8 code points), for max_length.
size_t CountCodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

bool Matches(const std::string& pattern, const std::string& s) {
  // Patterns are few and fixed; compiling per call keeps this free of shared
  // mutable state, and validation is not a hot path.
  return std::regex_match(s, std::regex(pattern));
}

void CheckString(const AttributeSpec& spec, const std::string& s, const AttributePath& path,
                 Diagnostics& diags) {
  const std::string summary = absl::StrCat("Invalid ", spec.name);
  if (spec.max_length > 0) {
    const size_t len = spec.count_bytes ? s.size() : CountCodePoints(s);
    if (len > spec.max_length) {
      diags.AddError(summary,
                     absl::StrCat(spec.name, " must be at most ", spec.max_length,
                                  spec.count_bytes ? " bytes" : " characters", "; it has ", len,
                                  "."),
                     path);
      return;
    }
  }
  if (!spec.pattern.empty() && !Matches(spec.pattern, s)) {
    if (spec.name == "region") {
      diags.AddError(summary,
                     absl::StrCat("\"", s,
                                  "\" is not a Civo region code (for example LON1, NYC1, FRA1)."),
                     path);
    } else {
      diags.AddError(summary,
                     absl::StrCat("\"", s, "\" does not match ", spec.pattern,
                                  " (lower-case letters, digits",
                                  spec.pattern.find('.') != std::string::npos ? ", '.'" : "",
                                  " and '-', starting and ending with a letter or digit)."),
                     path);
    }
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
  if (value.is_known() && !value.is_null() && value.AsString().empty()) {
    diags.AddError("Empty reference", "value must not be empty.", path.Attr("value"));
  }
  if (from.is_known() && !from.is_null()) {
    auto kind = AsMaybeString(from.Attr("kind"));
    if (kind.is_known() && kind.value != spec.ref_kind) {
      diags.AddError("Wrong kind",
                     absl::StrCat("value_from.kind is \"", kind.value, "\", but ", spec.name,
                                  " refers to a ", spec.ref_kind, "; write kind = \"",
                                  spec.ref_kind, "\" or leave it out."),
                     path.Attr("value_from").Attr("kind"));
    }
    auto name = AsMaybeString(from.Attr("name"));
    if (name.is_known() && name.value.empty()) {
      diags.AddError("Empty reference", "value_from.name must not be empty.",
                     path.Attr("value_from").Attr("name"));
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
    if (s.empty()) {
      diags.AddError(absl::StrCat("Invalid ", spec.name),
                     absl::StrCat("An element of ", spec.name, " must not be empty."), path);
      continue;
    }
    if (spec.no_whitespace_items) {
      for (unsigned char c : s) {
        if (absl::ascii_isspace(c)) {
          diags.AddError(absl::StrCat("Invalid ", spec.name),
                         absl::StrCat("\"", s,
                                      "\" contains whitespace; Civo joins tags with spaces, so a "
                                      "tag cannot contain one."),
                         path);
          break;
        }
      }
    }
    if (spec.unique_items && !seen.insert(s).second) {
      diags.AddError(absl::StrCat("Duplicate ", spec.name),
                     absl::StrCat("\"", s, "\" appears more than once in ", spec.name, "."),
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
    auto d = ParseTimeout(s.value);
    if (!d.ok()) {
      diags.AddError("Invalid timeout", std::string(d.status().message()),
                     AttributePath::Root(spec.name).Attr(name));
    }
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
