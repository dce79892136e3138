#include "resources/manifest/spec_converter.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "resources/manifest/manifest_kinds.h"
#include "resources/manifest/manifest_paths.h"
#include "tfplugin/quote.h"
#include "yaml-cpp/yaml.h"

namespace resources::manifest {

namespace fw = tfplugin::fw;
namespace cty = tfplugin::cty;
using tfplugin::AttributePath;
using Value = cty::Value;

namespace {

// How much of a map key a path quotes.
constexpr size_t kQuotedStringKey = 40;

// A StringValueOrRef's `value_from` object: the resource declares `kind` and
// `name`; a Planton manifest may also carry `env` and `fieldPath`.
bool IsValueFrom(const fw::AttrSpec& a) {
  return a.name == "value_from" && a.nest == fw::AttrSpec::Nest::kSingle && a.nested &&
         a.nested->Find("name") != nullptr && a.nested->Find("kind") != nullptr;
}

}  // namespace

SpecConverter::SpecConverter(std::string kind) : kind_(std::move(kind)) {}

absl::StatusOr<Value> SpecConverter::Convert(const YAML::Node& spec, const fw::ObjectSpec& args) {
  return Object(spec, args, AttributePath(), "spec", false);
}

absl::StatusOr<Value> SpecConverter::Object(const YAML::Node& node, const fw::ObjectSpec& spec,
                                            const AttributePath& apath, const std::string& mpath,
                                            bool value_from) {
  Remember(apath, mpath);
  if (IsAbsent(node)) return Value::Null();
  if (!node.IsMap()) {
    return PathError(mpath, absl::StrCat("expected a mapping, not ", NodeName(node)));
  }
  std::map<std::string, Value> attrs;
  std::map<std::string, std::string> spelled;  // attribute -> the key as written
  std::optional<std::string> field_path;
  std::string field_path_mpath;
  for (auto it = node.begin(); it != node.end(); ++it) {
    if (!it->first.IsScalar()) return PathError(mpath, "a key must be a plain name");
    const std::string& key = it->first.Scalar();
    const std::string name = SnakeCase(key);
    const std::string child = ChildPath(mpath, key);
    auto [seen, fresh] = spelled.emplace(name, key);
    if (!fresh) {
      return PathError(child, absl::StrCat("given twice (also as ", ShownKey(seen->second), ")"));
    }
    if (value_from && name == "env") {
      // Planton's environment of the referenced object. Civo has no
      // environments: the name is looked up in the resource's region.
      if (!IsAbsent(it->second) && !it->second.IsScalar()) {
        return PathError(child, absl::StrCat("expected a string, not ", NodeName(it->second)));
      }
      continue;
    }
    if (value_from && name == "field_path") {
      if (IsAbsent(it->second)) continue;
      if (!it->second.IsScalar()) {
        return PathError(child, absl::StrCat("expected a string, not ", NodeName(it->second)));
      }
      field_path = it->second.Scalar();
      field_path_mpath = child;
      continue;
    }
    const fw::AttrSpec* a = spec.Find(name);
    if (a == nullptr) {
      std::vector<std::string> names;
      for (const fw::AttrSpec& s : spec.attributes) names.push_back(CamelCase(s.name));
      if (value_from) names.insert(names.end(), {"env", "fieldPath"});
      return PathError(child, absl::StrCat("unknown field; ", mpath == "spec" ? kind_ + "'s " : "",
                                           mpath, " has ", absl::StrJoin(names, ", ")));
    }
    absl::StatusOr<Value> v = Attribute(it->second, *a, apath.Attr(name), child);
    if (!v.ok()) return v.status();
    attrs[name] = *std::move(v);
  }
  for (const fw::AttrSpec& a : spec.attributes) {
    auto [it, added] = attrs.emplace(a.name, Value::Null());
    if (added && a.as_blocks && a.nest == fw::AttrSpec::Nest::kList) it->second = Value::List({});
    if (a.required && it->second.is_null()) {
      return PathError(ChildPath(mpath, CamelCase(a.name)), "required");
    }
  }
  if (field_path) {
    absl::Status s = ApplyFieldPath(*field_path, field_path_mpath, apath, attrs);
    if (!s.ok()) return s;
  }
  return Value::Object(std::move(attrs));
}

// The manifest path of an attribute path of the resource: the longest
// prefix the manifest wrote, then the rest in camelCase.
std::string SpecConverter::ManifestPath(const AttributePath& path) const {
  std::string best = "spec";
  size_t best_steps = 0;
  AttributePath prefix;
  const auto& steps = path.steps();
  for (size_t i = 0; i < steps.size(); ++i) {
    prefix = Extend(prefix, steps[i]);
    auto found = paths_.find(prefix.ToString());
    if (found != paths_.end()) {
      best = found->second;
      best_steps = i + 1;
    }
  }
  for (size_t i = best_steps; i < steps.size(); ++i) {
    if (const auto* a = std::get_if<AttributePath::Attribute>(&steps[i])) {
      best = ChildPath(best, CamelCase(a->name));
    } else if (const auto* k = std::get_if<AttributePath::StringKey>(&steps[i])) {
      best = absl::StrCat(best, "[", tfplugin::QuoteValue(k->key, kQuotedStringKey), "]");
    } else {
      best = IndexPath(best, static_cast<size_t>(std::get<AttributePath::IntKey>(steps[i]).index));
    }
  }
  return best;
}

// For a kind taken from a fieldPath: what to say before the resource's
// message about that kind (which names `value_from.kind`, not written).
std::string SpecConverter::InferredKindNote(const AttributePath& path) const {
  auto found = inferred_.find(path.ToString());
  return found == inferred_.end() ? "" : found->second;
}

AttributePath SpecConverter::Extend(const AttributePath& p, const AttributePath::Step& step) {
  if (const auto* a = std::get_if<AttributePath::Attribute>(&step)) return p.Attr(a->name);
  if (const auto* k = std::get_if<AttributePath::StringKey>(&step)) return p.Key(k->key);
  return p.Index(std::get<AttributePath::IntKey>(step).index);
}

void SpecConverter::Remember(const AttributePath& apath, const std::string& mpath) {
  if (!apath.empty()) paths_[apath.ToString()] = mpath;
}

absl::StatusOr<Value> SpecConverter::Attribute(const YAML::Node& node, const fw::AttrSpec& a,
                                               const AttributePath& apath,
                                               const std::string& mpath) {
  switch (a.nest) {
    case fw::AttrSpec::Nest::kSingle:
      return Object(node, *a.nested, apath, mpath, IsValueFrom(a));
    case fw::AttrSpec::Nest::kList: {
      Remember(apath, mpath);
      if (IsAbsent(node)) return Value::Null();
      if (!node.IsSequence()) {
        return PathError(mpath, absl::StrCat("expected a list, not ", NodeName(node)));
      }
      std::vector<Value> items;
      for (size_t i = 0; i < node.size(); ++i) {
        const std::string item_path = IndexPath(mpath, i);
        if (IsAbsent(node[i])) return PathError(item_path, "must not be empty");
        absl::StatusOr<Value> v =
            Object(node[i], *a.nested, apath.Index(static_cast<int64_t>(i)), item_path, false);
        if (!v.ok()) return v.status();
        items.push_back(*std::move(v));
      }
      return Value::List(std::move(items));
    }
    case fw::AttrSpec::Nest::kNone:
      break;
  }
  return Typed(node, a.type, apath, mpath);
}

absl::StatusOr<Value> SpecConverter::Typed(const YAML::Node& node, const cty::Type& type,
                                           const AttributePath& apath, const std::string& mpath) {
  Remember(apath, mpath);
  if (IsAbsent(node)) return Value::Null();
  switch (type.kind()) {
    case cty::Type::Kind::kString:
      if (!node.IsScalar()) {
        return PathError(mpath, absl::StrCat("expected a string, not ", NodeName(node)));
      }
      return Value::String(node.Scalar());
    case cty::Type::Kind::kNumber: {
      if (!node.IsScalar()) {
        return PathError(mpath, absl::StrCat("expected a number, not ", NodeName(node)));
      }
      absl::StatusOr<cty::Number> n = cty::Number::Parse(node.Scalar());
      if (!n.ok()) {
        return PathError(mpath,
                         absl::StrCat(tfplugin::QuoteValue(node.Scalar()), " is not a number"));
      }
      return Value::NumberValue(*n);
    }
    case cty::Type::Kind::kBool: {
      const std::string text = node.IsScalar() ? absl::AsciiStrToLower(node.Scalar()) : "";
      if (text == "true") return Value::Bool(true);
      if (text == "false") return Value::Bool(false);
      return PathError(mpath, "expected true or false");
    }
    case cty::Type::Kind::kList:
    case cty::Type::Kind::kSet: {
      if (!node.IsSequence()) {
        return PathError(mpath, absl::StrCat("expected a list, not ", NodeName(node)));
      }
      std::vector<Value> items;
      for (size_t i = 0; i < node.size(); ++i) {
        const std::string item_path = IndexPath(mpath, i);
        if (IsAbsent(node[i])) return PathError(item_path, "must not be empty");
        absl::StatusOr<Value> v =
            Typed(node[i], type.element(), apath.Index(static_cast<int64_t>(i)), item_path);
        if (!v.ok()) return v.status();
        items.push_back(*std::move(v));
      }
      return type.kind() == cty::Type::Kind::kList ? Value::List(std::move(items))
                                                   : Value::Set(std::move(items));
    }
    case cty::Type::Kind::kMap: {
      if (!node.IsMap()) {
        return PathError(mpath, absl::StrCat("expected a mapping, not ", NodeName(node)));
      }
      std::map<std::string, Value> entries;
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (!it->first.IsScalar()) return PathError(mpath, "a key must be a plain name");
        const std::string& key = it->first.Scalar();
        const std::string child = ChildPath(mpath, key);
        if (IsAbsent(it->second)) return PathError(child, "must not be empty");
        absl::StatusOr<Value> v = Typed(it->second, type.element(), apath.Key(key), child);
        if (!v.ok()) return v.status();
        if (!entries.emplace(key, *std::move(v)).second) return PathError(child, "given twice");
      }
      return Value::Map(std::move(entries));
    }
    default:
      return PathError(mpath, "this field cannot be set from a manifest");
  }
}

// Planton's `fieldPath` names which output of the referenced object is
// meant; the provider resolves a reference to the object's id, so the
// path must be that kind's id output. Without `kind`, the path tells the
// kind, and the resource's rules then check it is the field's.
absl::Status SpecConverter::ApplyFieldPath(const std::string& field_path, const std::string& mpath,
                                           const AttributePath& apath,
                                           std::map<std::string, Value>& attrs) {
  const Value& kind = attrs["kind"];
  if (kind.kind() == Value::Kind::kString) {
    std::optional<std::string_view> want = ReferenceFieldPath(kind.AsString());
    if (want && *want != field_path) {
      return PathError(mpath, absl::StrCat(tfplugin::QuoteValue(field_path), " is not ",
                                           kind.AsString(), "'s id output (", std::string(*want),
                                           "), the one a reference resolves to"));
    }
    return absl::OkStatus();
  }
  std::optional<std::string_view> of = KindOfReferenceFieldPath(field_path);
  if (!of) {
    return PathError(mpath, absl::StrCat(tfplugin::QuoteValue(field_path),
                                         " is not an id output a reference resolves to (for "
                                         "example status.outputs.network_id)"));
  }
  attrs["kind"] = Value::String(std::string(*of));
  paths_[apath.Attr("kind").ToString()] = mpath;
  inferred_[apath.Attr("kind").ToString()] =
      absl::StrCat(tfplugin::QuoteValue(field_path), " is ", std::string(*of), "'s id output");
  return absl::OkStatus();
}

}  // namespace resources::manifest
