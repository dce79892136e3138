#include "resources/resource_spec.h"

#include <memory>

#include "absl/strings/str_cat.h"

namespace resources {

using tfplugin::Attribute;
using tfplugin::Nesting;
namespace cty = tfplugin::cty;

const AttributeSpec* ResourceSpec::Find(std::string_view name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

namespace {

Attribute Plain(std::string name, cty::Type type, std::string description) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.description = std::move(description);
  a.optional = true;
  return a;
}

}  // namespace

std::vector<Attribute> ValueOrRefMembers(const std::string& kind) {
  Attribute kind_attr = Plain(
      "kind", cty::Type::String(),
      absl::StrCat("The kind of the referenced object; when set it must be `", kind, "`."));
  Attribute name_attr = Plain("name", cty::Type::String(),
                              "The name (label) of an existing object in the instance's region.");
  name_attr.optional = false;
  name_attr.required = true;
  Attribute value = Plain("value", cty::Type::String(),
                          "The object's id, written literally. Exactly one of `value` and "
                          "`value_from` is set.");
  Attribute value_from = tfplugin::NestedAttribute("value_from", Nesting::kSingle,
                                                   {std::move(kind_attr), std::move(name_attr)});
  value_from.optional = true;
  value_from.description = absl::StrCat(
      "Names an existing `", kind,
      "` by its name; resolved to its id through the Civo API at plan and apply time.");
  return {std::move(value), std::move(value_from)};
}

std::vector<Attribute> TimeoutsMembers() {
  return {
      Plain("create", cty::Type::String(),
            "How long to wait for the instance to become ACTIVE (default `30m`)."),
      Plain("update", cty::Type::String(),
            "How long to wait for a resize to finish (default `30m`)."),
      Plain("delete", cty::Type::String(),
            "How long to wait for the instance to be gone (default `30m`)."),
  };
}

namespace {

Attribute FromSpec(const AttributeSpec& s) {
  Attribute a;
  switch (s.shape) {
    case Shape::kString:
      a.type = cty::Type::String();
      break;
    case Shape::kNumber:
      a.type = cty::Type::Number();
      break;
    case Shape::kStringList:
      a.type = cty::Type::List(cty::Type::String());
      break;
    case Shape::kValueOrRef:
      a = tfplugin::NestedAttribute(s.name, Nesting::kSingle, ValueOrRefMembers(s.ref_kind));
      break;
    case Shape::kValueOrRefList:
      a = tfplugin::NestedAttribute(s.name, Nesting::kList, ValueOrRefMembers(s.ref_kind));
      break;
    case Shape::kTimeouts:
      a = tfplugin::NestedAttribute(s.name, Nesting::kSingle, TimeoutsMembers());
      break;
  }
  a.name = s.name;
  a.description = s.description;
  a.sensitive = s.sensitive;
  a.required = s.mode == Mode::kRequired;
  a.optional = s.mode == Mode::kOptional || s.mode == Mode::kOptionalComputed;
  a.computed = s.mode == Mode::kComputed || s.mode == Mode::kOptionalComputed;
  return a;
}

}  // namespace

tfplugin::Schema BuildSchema(const ResourceSpec& spec) {
  tfplugin::Schema schema;
  schema.version = spec.schema_version;
  schema.block.version = spec.schema_version;
  schema.block.description = spec.description;
  for (const auto& s : spec.attributes) schema.block.attributes.push_back(FromSpec(s));
  return schema;
}

}  // namespace resources
