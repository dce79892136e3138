#include "resources/manifest/manifest_parser.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "resources/manifest/manifest_paths.h"
#include "resources/manifest/spec_converter.h"
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

// The first error of the resource's rules, at its manifest path.
absl::Status FirstError(const tfplugin::Diagnostics& diags, const SpecConverter& converter) {
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
  return PathError(converter.ManifestPath(first->path), text);
}

// Planton's enum names (what protojson writes, `EXT4`) as the resource's
// spelling of the same value (`ext4`); anything else is left for the
// resource's rules to judge.
Value WithEnumNames(const ManifestKind& kind, const Value& v) {
  if (kind.enum_names.empty() || v.kind() != Value::Kind::kObject) return v;
  std::map<std::string, Value> attrs = v.Entries();
  for (const EnumName& e : kind.enum_names) {
    auto it = attrs.find(e.attribute);
    if (it != attrs.end() && it->second.kind() == Value::Kind::kString &&
        it->second.AsString() == e.planton) {
      it->second = Value::String(e.value);
    }
  }
  return Value::Object(std::move(attrs));
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
    if (!it->first.IsScalar()) return PathError("manifest", "a key must be a plain name");
    const std::string& key = it->first.Scalar();
    const std::string name = SnakeCase(key);
    const std::string path = IsPlainKey(key) ? key : ChildPath("manifest", key);
    if (name != "api_version" && name != "kind" && name != "metadata" && name != "spec" &&
        name != "status") {
      return PathError(path, "unknown field; a manifest has apiVersion, kind, metadata, spec");
    }
    auto [seen, fresh] = spelled.emplace(name, key);
    if (!fresh) {
      return PathError(path, absl::StrCat("given twice (also as ", ShownKey(seen->second), ")"));
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
  if (!api_version) return PathError(api_path, absl::StrCat("required: ", kApiVersion));
  if (*api_version != kApiVersion) {
    return PathError(api_path,
                     absl::StrCat(tfplugin::QuoteValue(*api_version), " is not ", kApiVersion));
  }
  std::optional<std::string> kind_name = scalar("kind");
  if (!kind_name) return PathError("kind", absl::StrCat("required: one of ", ManifestKindNames()));
  const ManifestKind* kind = FindManifestKind(*kind_name);
  if (kind == nullptr) {
    return PathError(
        "kind", absl::StrCat(tfplugin::QuoteValue(*kind_name),
                             " is not a kind this provider reads (", ManifestKindNames(), ")"));
  }
  if (top.count("metadata") && !IsAbsent(top["metadata"]) && !top["metadata"].IsMap()) {
    return PathError("metadata",
                     absl::StrCat("expected a mapping, not ", NodeName(top["metadata"])));
  }
  const YAML::Node spec_node = top.count("spec") ? top["spec"] : YAML::Node();
  if (IsAbsent(spec_node)) {
    return PathError("spec", absl::StrCat("required: the ", *kind_name, " spec"));
  }

  std::shared_ptr<const fw::ObjectSpec> args = ArgumentSpec(*kind->spec());
  SpecConverter converter(kind->kind);
  absl::StatusOr<Value> value = converter.Convert(spec_node, *args);
  if (!value.ok()) return value.status();
  value = WithEnumNames(*kind, *value);

  tfplugin::Diagnostics diags;
  fw::ValidateObject(*args, *value, AttributePath(), diags);
  absl::Status rules = FirstError(diags, converter);
  if (!rules.ok()) return rules;
  return Manifest{kind, value->WithDynamicType(fw::ImpliedType(*args))};
}

}  // namespace

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
