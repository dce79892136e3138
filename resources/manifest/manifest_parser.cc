#include "resources/manifest/manifest_parser.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "resources/manifest/yaml_bounds.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/quote.h"
#include "yaml-cpp/yaml.h"

namespace resources::manifest {
namespace {

namespace fw = tfplugin::fw;
namespace cty = tfplugin::cty;
using tfplugin::AttributePath;
using Value = cty::Value;

// How much of a key or value a message quotes.
constexpr size_t kQuotedKey = 40;
// A key longer than this, or not an identifier, is shown quoted in a path.
constexpr size_t kMaxPlainKey = 64;

absl::Status Error(const std::string& path, const std::string& text) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", text));
}

bool IsIdentifier(std::string_view key) {
  if (key.empty() || key.size() > kMaxPlainKey) return false;
  for (char c : key) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// `parent.key`, or `parent["odd key"]` for a key that is not an identifier.
std::string Child(const std::string& parent, std::string_view key) {
  if (IsIdentifier(key)) return absl::StrCat(parent, ".", std::string(key));
  return absl::StrCat(parent, "[", tfplugin::QuoteValue(key, kQuotedKey), "]");
}

// A key as a message shows it: plain when it is an identifier, else quoted.
std::string ShownKey(std::string_view key) {
  return IsIdentifier(key) ? std::string(key) : tfplugin::QuoteValue(key, kQuotedKey);
}

std::string Index(const std::string& parent, size_t i) { return absl::StrCat(parent, "[", i, "]"); }

const char* NodeName(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "a scalar";
  }
}

bool IsAbsent(const YAML::Node& n) { return !n.IsDefined() || n.IsNull(); }

// A StringValueOrRef's `value_from` object: the resource declares `kind` and
// `name`; a Planton manifest may also carry `env` and `fieldPath`.
bool IsValueFrom(const fw::AttrSpec& a) {
  return a.name == "value_from" && a.nest == fw::AttrSpec::Nest::kSingle && a.nested &&
         a.nested->Find("name") != nullptr && a.nested->Find("kind") != nullptr;
}

// Converts YAML to cty along a declaration, remembering which manifest path
// each attribute came from so a rule broken later is reported there.
class Converter {
 public:
  explicit Converter(std::string kind) : kind_(std::move(kind)) {}

  absl::StatusOr<Value> Object(const YAML::Node& node, const fw::ObjectSpec& spec,
                               const AttributePath& apath, const std::string& mpath,
                               bool value_from) {
    Remember(apath, mpath);
    if (IsAbsent(node)) return Value::Null();
    if (!node.IsMap()) {
      return Error(mpath, absl::StrCat("expected a mapping, not ", NodeName(node)));
    }
    std::map<std::string, Value> attrs;
    std::map<std::string, std::string> spelled;  // attribute -> the key as written
    std::optional<std::string> field_path;
    std::string field_path_mpath;
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!it->first.IsScalar()) return Error(mpath, "a key must be a plain name");
      const std::string& key = it->first.Scalar();
      const std::string name = SnakeCase(key);
      const std::string child = Child(mpath, key);
      auto [seen, fresh] = spelled.emplace(name, key);
      if (!fresh) {
        return Error(child, absl::StrCat("given twice (also as ", ShownKey(seen->second), ")"));
      }
      if (value_from && name == "env") {
        // Planton's environment of the referenced object. Civo has no
        // environments: the name is looked up in the resource's region.
        if (!IsAbsent(it->second) && !it->second.IsScalar()) {
          return Error(child, absl::StrCat("expected a string, not ", NodeName(it->second)));
        }
        continue;
      }
      if (value_from && name == "field_path") {
        if (IsAbsent(it->second)) continue;
        if (!it->second.IsScalar()) {
          return Error(child, absl::StrCat("expected a string, not ", NodeName(it->second)));
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
        return Error(child, absl::StrCat("unknown field; ", mpath == "spec" ? kind_ + "'s " : "",
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
        return Error(Child(mpath, CamelCase(a.name)), "required");
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
  std::string ManifestPath(const AttributePath& path) const {
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
        best = Child(best, CamelCase(a->name));
      } else if (const auto* k = std::get_if<AttributePath::StringKey>(&steps[i])) {
        best = absl::StrCat(best, "[", tfplugin::QuoteValue(k->key, kQuotedKey), "]");
      } else {
        best = Index(best, static_cast<size_t>(std::get<AttributePath::IntKey>(steps[i]).index));
      }
    }
    return best;
  }

  // For a kind taken from a fieldPath: what to say before the resource's
  // message about that kind (which names `value_from.kind`, not written).
  std::string InferredKindNote(const AttributePath& path) const {
    auto found = inferred_.find(path.ToString());
    return found == inferred_.end() ? "" : found->second;
  }

 private:
  static AttributePath Extend(const AttributePath& p, const AttributePath::Step& step) {
    if (const auto* a = std::get_if<AttributePath::Attribute>(&step)) return p.Attr(a->name);
    if (const auto* k = std::get_if<AttributePath::StringKey>(&step)) return p.Key(k->key);
    return p.Index(std::get<AttributePath::IntKey>(step).index);
  }

  void Remember(const AttributePath& apath, const std::string& mpath) {
    if (!apath.empty()) paths_[apath.ToString()] = mpath;
  }

  absl::StatusOr<Value> Attribute(const YAML::Node& node, const fw::AttrSpec& a,
                                  const AttributePath& apath, const std::string& mpath) {
    switch (a.nest) {
      case fw::AttrSpec::Nest::kSingle:
        return Object(node, *a.nested, apath, mpath, IsValueFrom(a));
      case fw::AttrSpec::Nest::kList: {
        Remember(apath, mpath);
        if (IsAbsent(node)) return Value::Null();
        if (!node.IsSequence()) {
          return Error(mpath, absl::StrCat("expected a list, not ", NodeName(node)));
        }
        std::vector<Value> items;
        for (size_t i = 0; i < node.size(); ++i) {
          const std::string item_path = Index(mpath, i);
          if (IsAbsent(node[i])) return Error(item_path, "must not be empty");
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

  absl::StatusOr<Value> Typed(const YAML::Node& node, const cty::Type& type,
                              const AttributePath& apath, const std::string& mpath) {
    Remember(apath, mpath);
    if (IsAbsent(node)) return Value::Null();
    switch (type.kind()) {
      case cty::Type::Kind::kString:
        if (!node.IsScalar()) {
          return Error(mpath, absl::StrCat("expected a string, not ", NodeName(node)));
        }
        return Value::String(node.Scalar());
      case cty::Type::Kind::kNumber: {
        if (!node.IsScalar()) {
          return Error(mpath, absl::StrCat("expected a number, not ", NodeName(node)));
        }
        absl::StatusOr<cty::Number> n = cty::Number::Parse(node.Scalar());
        if (!n.ok()) {
          return Error(mpath,
                       absl::StrCat(tfplugin::QuoteValue(node.Scalar()), " is not a number"));
        }
        return Value::NumberValue(*n);
      }
      case cty::Type::Kind::kBool: {
        const std::string text = node.IsScalar() ? absl::AsciiStrToLower(node.Scalar()) : "";
        if (text == "true") return Value::Bool(true);
        if (text == "false") return Value::Bool(false);
        return Error(mpath, "expected true or false");
      }
      case cty::Type::Kind::kList:
      case cty::Type::Kind::kSet: {
        if (!node.IsSequence()) {
          return Error(mpath, absl::StrCat("expected a list, not ", NodeName(node)));
        }
        std::vector<Value> items;
        for (size_t i = 0; i < node.size(); ++i) {
          const std::string item_path = Index(mpath, i);
          if (IsAbsent(node[i])) return Error(item_path, "must not be empty");
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
          return Error(mpath, absl::StrCat("expected a mapping, not ", NodeName(node)));
        }
        std::map<std::string, Value> entries;
        for (auto it = node.begin(); it != node.end(); ++it) {
          if (!it->first.IsScalar()) return Error(mpath, "a key must be a plain name");
          const std::string& key = it->first.Scalar();
          const std::string child = Child(mpath, key);
          if (IsAbsent(it->second)) return Error(child, "must not be empty");
          absl::StatusOr<Value> v = Typed(it->second, type.element(), apath.Key(key), child);
          if (!v.ok()) return v.status();
          if (!entries.emplace(key, *std::move(v)).second) return Error(child, "given twice");
        }
        return Value::Map(std::move(entries));
      }
      default:
        return Error(mpath, "this field cannot be set from a manifest");
    }
  }

  // Planton's `fieldPath` names which output of the referenced object is
  // meant; the provider resolves a reference to the object's id, so the
  // path must be that kind's id output. Without `kind`, the path tells the
  // kind, and the resource's rules then check it is the field's.
  absl::Status ApplyFieldPath(const std::string& field_path, const std::string& mpath,
                              const AttributePath& apath, std::map<std::string, Value>& attrs) {
    const Value& kind = attrs["kind"];
    if (kind.kind() == Value::Kind::kString) {
      std::optional<std::string_view> want = ReferenceFieldPath(kind.AsString());
      if (want && *want != field_path) {
        return Error(mpath, absl::StrCat(tfplugin::QuoteValue(field_path), " is not ",
                                         kind.AsString(), "'s id output (", std::string(*want),
                                         "), the one a reference resolves to"));
      }
      return absl::OkStatus();
    }
    std::optional<std::string_view> of = KindOfReferenceFieldPath(field_path);
    if (!of) {
      return Error(mpath, absl::StrCat(tfplugin::QuoteValue(field_path),
                                       " is not an id output a reference resolves to (for "
                                       "example status.outputs.network_id)"));
    }
    attrs["kind"] = Value::String(std::string(*of));
    paths_[apath.Attr("kind").ToString()] = mpath;
    inferred_[apath.Attr("kind").ToString()] =
        absl::StrCat(tfplugin::QuoteValue(field_path), " is ", std::string(*of), "'s id output");
    return absl::OkStatus();
  }

  std::string kind_;
  std::map<std::string, std::string> paths_;  // AttributePath::ToString() -> manifest path
  std::map<std::string, std::string> inferred_;  // kind paths set from a fieldPath -> note
};

// The first error of the resource's rules, at its manifest path.
absl::Status FirstError(const tfplugin::Diagnostics& diags, const Converter& converter) {
  const tfplugin::Diagnostic* first = nullptr;
  size_t errors = 0;
  for (const tfplugin::Diagnostic& d : diags.items()) {
    if (d.severity != tfplugin::Severity::kError) continue;  // warnings come again at plan
    if (first == nullptr) first = &d;
    ++errors;
  }
  if (first == nullptr) return absl::OkStatus();
  std::string text = first->detail.empty() ? first->summary : first->detail;
  // Terraform ends a function's error with its own period.
  // (One sentence period; an ellipsis stays.)
  if (absl::EndsWith(text, ".") && !absl::EndsWith(text, "..")) text.pop_back();
  const std::string note = converter.InferredKindNote(first->path);
  if (!note.empty()) text = absl::StrCat(note, ": ", text);
  if (errors > 1) absl::StrAppend(&text, " (and ", errors - 1, " more)");
  return Error(converter.ManifestPath(first->path), text);
}

absl::StatusOr<Manifest> Parse(std::string_view text) {
  absl::Status bounded = CheckYamlBounds(text);
  if (!bounded.ok()) return bounded;
  const YAML::Node root = YAML::Load(std::string(text));
  if (!root.IsMap()) {
    return absl::InvalidArgumentError(
        "manifest: expected a mapping with apiVersion, kind, metadata and spec");
  }
  std::map<std::string, YAML::Node> top;
  std::map<std::string, std::string> spelled;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (!it->first.IsScalar()) return Error("manifest", "a key must be a plain name");
    const std::string& key = it->first.Scalar();
    const std::string name = SnakeCase(key);
    const std::string path = IsIdentifier(key) ? key : Child("manifest", key);
    if (name != "api_version" && name != "kind" && name != "metadata" && name != "spec" &&
        name != "status") {
      return Error(path, "unknown field; a manifest has apiVersion, kind, metadata, spec");
    }
    auto [seen, fresh] = spelled.emplace(name, key);
    if (!fresh) {
      return Error(path, absl::StrCat("given twice (also as ", ShownKey(seen->second), ")"));
    }
    top[name] = it->second;
  }
  auto scalar = [&](const std::string& name) -> std::optional<std::string> {
    const YAML::Node& n = top[name];
    if (!n.IsDefined() || !n.IsScalar()) return std::nullopt;
    return n.Scalar();
  };
  const std::string api_path = spelled.count("api_version") ? spelled["api_version"] : "apiVersion";
  std::optional<std::string> api_version = scalar("api_version");
  if (!api_version) return Error(api_path, absl::StrCat("required: ", kApiVersion));
  if (*api_version != kApiVersion) {
    return Error(api_path, absl::StrCat(tfplugin::QuoteValue(*api_version), " is not ",
                                        kApiVersion));
  }
  std::optional<std::string> kind_name = scalar("kind");
  if (!kind_name) return Error("kind", absl::StrCat("required: one of ", ManifestKindNames()));
  const ManifestKind* kind = FindManifestKind(*kind_name);
  if (kind == nullptr) {
    return Error("kind", absl::StrCat(tfplugin::QuoteValue(*kind_name),
                                      " is not a kind this provider reads (",
                                      ManifestKindNames(), ")"));
  }
  if (top.count("metadata") && !IsAbsent(top["metadata"]) && !top["metadata"].IsMap()) {
    return Error("metadata", absl::StrCat("expected a mapping, not ", NodeName(top["metadata"])));
  }
  const YAML::Node spec_node = top.count("spec") ? top["spec"] : YAML::Node();
  if (IsAbsent(spec_node)) {
    return Error("spec", absl::StrCat("required: the ", *kind_name, " spec"));
  }

  std::shared_ptr<const fw::ObjectSpec> args = ArgumentSpec(*kind->spec());
  Converter converter(kind->kind);
  absl::StatusOr<Value> value = converter.Object(spec_node, *args, AttributePath(), "spec", false);
  if (!value.ok()) return value.status();

  tfplugin::Diagnostics diags;
  fw::ValidateObject(*args, *value, AttributePath(), diags);
  absl::Status rules = FirstError(diags, converter);
  if (!rules.ok()) return rules;
  return Manifest{kind, value->WithDynamicType(fw::ImpliedType(*args))};
}

}  // namespace

std::string CamelCase(std::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_' && !out.empty()) {
      upper = true;
      continue;
    }
    out += upper ? absl::ascii_toupper(static_cast<unsigned char>(c)) : c;
    upper = false;
  }
  return out;
}

std::string SnakeCase(std::string_view camel) {
  std::string out;
  for (char c : camel) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      if (!out.empty()) out += '_';
      out += absl::ascii_tolower(static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

std::shared_ptr<const fw::ObjectSpec> ArgumentSpec(const fw::ObjectSpec& spec) {
  auto out = std::make_shared<fw::ObjectSpec>();
  out->validators = spec.validators;
  for (const fw::AttrSpec& a : spec.attributes) {
    if (a.computed && !a.optional && !a.required && !a.as_blocks) continue;
    fw::AttrSpec copy = a;
    if (copy.nested) copy.nested = ArgumentSpec(*copy.nested);
    out->attributes.push_back(std::move(copy));
  }
  return out;
}

absl::StatusOr<Manifest> ParseManifest(std::string_view text) {
  // yaml-cpp reports malformed input by throwing; nothing it throws may
  // leave this function (it runs inside a gRPC call).
  try {
    return Parse(text);
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        YamlErrorText(e.msg, e.mark.is_null() ? -1 : e.mark.line, e.mark.column));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(YamlErrorText(e.what(), -1, 0));
  }
}

}  // namespace resources::manifest
