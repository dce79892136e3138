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

namespace {

// " At most 255 characters." for a description; empty when unbounded.
std::string LimitSentence(size_t max_length, bool count_bytes = false,
                          const char* subject = "At most") {
  if (max_length == 0) return "";
  return absl::StrCat(" ", subject, " ", max_length, count_bytes ? " bytes." : " characters.");
}

}  // namespace

std::vector<Attribute> ValueOrRefMembers(const std::string& kind, size_t max_length) {
  Attribute kind_attr = Plain(
      "kind", cty::Type::String(),
      absl::StrCat("The kind of the referenced object; when set it must be `", kind, "`.",
                   LimitSentence(kMaxKindLength)));
  Attribute name_attr = Plain("name", cty::Type::String(),
                              absl::StrCat("The name (label) of an existing object in the "
                                           "instance's region.",
                                           LimitSentence(max_length)));
  name_attr.optional = false;
  name_attr.required = true;
  Attribute value = Plain("value", cty::Type::String(),
                          absl::StrCat("The object's id, written literally. Exactly one of "
                                       "`value` and `value_from` is set.",
                                       LimitSentence(max_length)));
  Attribute value_from = tfplugin::NestedAttribute("value_from", Nesting::kSingle,
                                                   {std::move(kind_attr), std::move(name_attr)});
  value_from.optional = true;
  value_from.description = absl::StrCat(
      "Names an existing `", kind,
      "` by its name; resolved to its id through the Civo API at plan and apply time.");
  return {std::move(value), std::move(value_from)};
}

std::vector<Attribute> TimeoutsMembers(size_t max_length) {
  const std::string limit = LimitSentence(max_length);
  return {
      Plain("create", cty::Type::String(),
            absl::StrCat("How long to wait for the instance to become ACTIVE (default `30m`).",
                         limit)),
      Plain("update", cty::Type::String(),
            absl::StrCat("How long to wait for a resize to finish (default `30m`).", limit)),
      Plain("delete", cty::Type::String(),
            absl::StrCat("How long to wait for the instance to be gone (default `30m`).", limit)),
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
      a = tfplugin::NestedAttribute(s.name, Nesting::kSingle,
                                    ValueOrRefMembers(s.ref_kind, s.max_length));
      break;
    case Shape::kValueOrRefList:
      a = tfplugin::NestedAttribute(s.name, Nesting::kList,
                                    ValueOrRefMembers(s.ref_kind, s.max_length));
      break;
    case Shape::kTimeouts:
      a = tfplugin::NestedAttribute(s.name, Nesting::kSingle, TimeoutsMembers(s.max_length));
      break;
  }
  a.name = s.name;
  a.description = s.description;
  // The nested types state their members' limits themselves.
  if (s.shape == Shape::kString) {
    a.description += LimitSentence(s.max_length, s.count_bytes);
  } else if (s.shape == Shape::kStringList) {
    a.description += LimitSentence(s.max_length, s.count_bytes, "Each item at most");
  }
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
