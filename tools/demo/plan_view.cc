#include "tools/demo/plan_view.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace demo {

namespace cty = tfplugin::cty;

std::string RenderValue(const cty::Value& v) {
  switch (v.kind()) {
    case cty::Value::Kind::kNull:
      return "null";
    case cty::Value::Kind::kUnknown:
      return "(known after apply)";
    case cty::Value::Kind::kString:
      return absl::StrCat("\"", v.AsString(), "\"");
    case cty::Value::Kind::kNumber:
      return v.AsNumber().ToString();
    case cty::Value::Kind::kBool:
      return v.AsBool() ? "true" : "false";
    case cty::Value::Kind::kList:
    case cty::Value::Kind::kSet:
    case cty::Value::Kind::kTuple: {
      std::vector<std::string> items;
      for (const auto& e : v.Elements()) items.push_back(RenderValue(e));
      return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
    }
    case cty::Value::Kind::kMap:
    case cty::Value::Kind::kObject: {
      std::vector<std::string> items;
      for (const auto& [k, e] : v.Entries()) {
        // Null members of an object are noise in a summary.
        if (v.kind() == cty::Value::Kind::kObject && e.is_null()) continue;
        items.push_back(absl::StrCat(k, " = ", RenderValue(e)));
      }
      return absl::StrCat("{ ", absl::StrJoin(items, ", "), " }");
    }
  }
  return "?";
}

namespace {

std::string Shown(const std::string& name, const cty::Value& v, const SensitiveFn& sensitive) {
  if (sensitive(name) && !v.is_null() && v.is_known()) return "(sensitive value)";
  return RenderValue(v);
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

std::string DescribeCreate(const std::string& address, const cty::Value& planned,
                           const SensitiveFn& sensitive) {
  std::string out = absl::StrCat("  # ", address, " will be created\n  + resource {\n");
  for (const auto& [name, v] : planned.Entries()) {
    if (v.is_null()) continue;
    absl::StrAppend(&out, "      + ", name, " = ", Shown(name, v, sensitive), "\n");
  }
  return out + "    }\n";
}

std::string DescribeChange(const std::string& address, const cty::Value& prior,
                           const cty::Value& planned, const std::vector<std::string>& requires_replace,
                           bool create_before_destroy, const SensitiveFn& sensitive) {
  const bool replace = !requires_replace.empty();
  std::string out;
  if (replace) {
    absl::StrAppend(&out, "  # ", address, " must be replaced\n  ",
                    create_before_destroy ? "+/-" : "-/+", " resource {   # ",
                    create_before_destroy ? "create_before_destroy: the new one first"
                                          : "the old one is destroyed first",
                    "\n");
  } else {
    absl::StrAppend(&out, "  # ", address, " will be updated in-place\n  ~ resource {\n");
  }
  for (const auto& [name, after] : planned.Entries()) {
    const cty::Value& before = prior.Attr(name);
    if (before == after) continue;
    absl::StrAppend(&out, "      ~ ", name, " = ", Shown(name, before, sensitive), " -> ",
                    Shown(name, after, sensitive),
                    Contains(requires_replace, name) ? "   # forces replacement" : "", "\n");
  }
  return out + "    }\n";
}

std::string DescribeDestroy(const std::string& address, const cty::Value& prior) {
  return absl::StrCat("  # ", address, " will be destroyed\n  - resource {\n      - id = ",
                      RenderValue(prior.Attr("id")), "\n    }\n");
}

bool IsNoOp(const cty::Value& prior, const cty::Value& planned) { return prior == planned; }

}  // namespace demo
