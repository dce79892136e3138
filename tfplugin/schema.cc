#include "tfplugin/schema.h"

#include <algorithm>

namespace tfplugin {
namespace {

bool HasDynamic(const cty::Type& t) {
  switch (t.kind()) {
    case cty::Type::Kind::kDynamic:
      return true;
    case cty::Type::Kind::kList:
    case cty::Type::Kind::kSet:
    case cty::Type::Kind::kMap:
      return HasDynamic(t.element());
    case cty::Type::Kind::kObject:
      return std::any_of(t.attributes().begin(), t.attributes().end(),
                         [](const auto& kv) { return HasDynamic(kv.second); });
    case cty::Type::Kind::kTuple:
      return std::any_of(t.tuple_elements().begin(), t.tuple_elements().end(), HasDynamic);
    default:
      return false;
  }
}

cty::Type ObjectOf(const std::vector<Attribute>& attributes) {
  std::map<std::string, cty::Type> attrs;
  for (const Attribute& a : attributes) attrs.emplace(a.name, ImpliedType(a));
  return cty::Type::Object(std::move(attrs));
}

}  // namespace

Attribute NestedAttribute(std::string name, Nesting nesting, std::vector<Attribute> attributes) {
  Attribute a;
  a.name = std::move(name);
  auto nested = std::make_shared<NestedObject>();
  nested->nesting = nesting;
  nested->attributes = std::move(attributes);
  a.nested = std::move(nested);
  return a;
}

cty::Type ImpliedType(const Attribute& attribute) {
  if (!attribute.nested) return attribute.type;
  cty::Type object = ObjectOf(attribute.nested->attributes);
  switch (attribute.nested->nesting) {
    case Nesting::kList:
      return cty::Type::List(object);
    case Nesting::kSet:
      return cty::Type::Set(object);
    case Nesting::kMap:
      return cty::Type::Map(object);
    case Nesting::kSingle:
    case Nesting::kGroup:
      return object;
  }
  return object;
}

cty::Type ImpliedType(const Block& block) {
  std::map<std::string, cty::Type> attrs;
  for (const Attribute& a : block.attributes) attrs.emplace(a.name, ImpliedType(a));
  for (const NestedBlock& nb : block.block_types) {
    cty::Type inner = nb.block ? ImpliedType(*nb.block) : cty::Type::Object({});
    cty::Type t;
    switch (nb.nesting) {
      case Nesting::kSingle:
      case Nesting::kGroup:
        t = inner;
        break;
      // As Terraform's configschema: a list or map of blocks whose contents
      // have dynamic types cannot be a uniform collection, so it is dynamic.
      case Nesting::kList:
        t = HasDynamic(inner) ? cty::Type::Dynamic() : cty::Type::List(inner);
        break;
      case Nesting::kMap:
        t = HasDynamic(inner) ? cty::Type::Dynamic() : cty::Type::Map(inner);
        break;
      case Nesting::kSet:
        t = cty::Type::Set(inner);
        break;
    }
    attrs.emplace(nb.type_name, t);
  }
  return cty::Type::Object(std::move(attrs));
}

const Attribute* FindAttribute(const Block& block, std::string_view name) {
  for (const Attribute& a : block.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace tfplugin
