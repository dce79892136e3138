#include "tfplugin/framework/spec.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tfplugin::fw {

namespace {

using cty::Value;

std::string RenderDefault(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kString:
      return absl::StrCat("`\"", v.AsString(), "\"`");
    case Value::Kind::kNumber:
      return absl::StrCat("`", v.AsNumber().ToString(), "`");
    case Value::Kind::kBool:
      return v.AsBool() ? "`true`" : "`false`";
    case Value::Kind::kList:
      if (v.Elements().empty()) return "`[]`";
      break;
    default:
      break;
  }
  return "`" + v.DebugString() + "`";
}

// The description a user reads: the author's words, then the declared rules.
std::string FullDescription(const AttrSpec& a) {
  std::string out = a.description;
  auto add = [&](const std::string& sentence) {
    if (sentence.empty()) return;
    if (!out.empty()) out += ' ';
    out += sentence;
  };
  for (const ValidatorPtr& v : a.validators) add(v->Describe());
  if (a.default_value) add("Defaults to " + RenderDefault(*a.default_value) + ".");
  for (const PlanModifierPtr& m : a.modifiers) add(m->Describe());
  return out;
}

std::string ObjectRules(const ObjectSpec& spec) {
  std::string out;
  for (const ObjectValidatorPtr& v : spec.validators) {
    if (!out.empty()) out += ' ';
    out += v->Describe();
  }
  return out;
}

Attribute ToAttribute(const AttrSpec& a) {
  Attribute out;
  if (a.nest != AttrSpec::Nest::kNone && a.nested) {
    Block inner = ToBlock(*a.nested);
    out = NestedAttribute(a.name, a.nest == AttrSpec::Nest::kList ? Nesting::kList : Nesting::kSingle,
                          std::move(inner.attributes));
  } else {
    out.name = a.name;
    out.type = a.type;
  }
  out.description = FullDescription(a);
  if (a.nested) {
    const std::string rules = ObjectRules(*a.nested);
    if (!rules.empty()) out.description += (out.description.empty() ? "" : " ") + rules;
  }
  out.required = a.required;
  out.optional = a.optional;
  out.computed = a.computed;
  out.sensitive = a.sensitive;
  return out;
}

}  // namespace

const AttrSpec* ObjectSpec::Find(std::string_view name) const {
  for (const AttrSpec& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

Block ToBlock(const ObjectSpec& spec, std::string description) {
  Block block;
  block.description = std::move(description);
  const std::string rules = ObjectRules(spec);
  if (!rules.empty()) block.description += (block.description.empty() ? "" : "\n\n") + rules;
  for (const AttrSpec& a : spec.attributes) {
    if (a.as_blocks && a.nested) {
      NestedBlock nb;
      nb.type_name = a.name;
      nb.nesting = a.nest == AttrSpec::Nest::kList ? Nesting::kList : Nesting::kSingle;
      nb.min_items = a.min_items;
      nb.max_items = a.max_items;
      nb.block = std::make_shared<Block>(ToBlock(*a.nested, FullDescription(a)));
      block.block_types.push_back(std::move(nb));
    } else {
      block.attributes.push_back(ToAttribute(a));
    }
  }
  return block;
}

cty::Type ImpliedType(const ObjectSpec& spec) { return tfplugin::ImpliedType(ToBlock(spec)); }

Value NullObject(const ObjectSpec& spec) {
  std::map<std::string, Value> attrs;
  for (const AttrSpec& a : spec.attributes) {
    // A list of blocks is never null in Terraform's values: empty instead.
    attrs.emplace(a.name, a.as_blocks && a.nest == AttrSpec::Nest::kList ? Value::List({})
                                                                          : Value::Null());
  }
  return Value::Object(std::move(attrs));
}

void ValidateObject(const ObjectSpec& spec, const Value& config, const AttributePath& path,
                    Diagnostics& diags) {
  if (config.is_null() || config.is_unknown() || config.kind() != Value::Kind::kObject) return;
  for (const AttrSpec& a : spec.attributes) {
    const Value& v = config.Attr(a.name);
    if (v.is_null() || v.is_unknown()) continue;
    const AttributePath p = path.Attr(a.name);
    for (const ValidatorPtr& validator : a.validators) validator->Check(v, p, diags);
    if (!a.nested) continue;
    if (a.nest == AttrSpec::Nest::kSingle) {
      ValidateObject(*a.nested, v, p, diags);
    } else if (a.nest == AttrSpec::Nest::kList && v.kind() == Value::Kind::kList) {
      int64_t i = 0;
      for (const Value& e : v.Elements()) ValidateObject(*a.nested, e, p.Index(i++), diags);
    }
  }
  for (const ObjectValidatorPtr& v : spec.validators) v->Check(config, path, diags);
}

Value UnknownsToNull(const Value& v, const AttributePath& path, std::vector<AttributePath>* paths) {
  switch (v.kind()) {
    case Value::Kind::kUnknown:
      if (paths != nullptr) paths->push_back(path);
      return Value::Null();
    case Value::Kind::kObject:
    case Value::Kind::kMap: {
      std::map<std::string, Value> out;
      for (const auto& [k, e] : v.Entries()) {
        out.emplace(k, UnknownsToNull(e, v.kind() == Value::Kind::kObject ? path.Attr(k)
                                                                           : path.Key(k),
                                      paths));
      }
      return v.kind() == Value::Kind::kObject ? Value::Object(std::move(out))
                                              : Value::Map(std::move(out));
    }
    case Value::Kind::kList:
    case Value::Kind::kSet:
    case Value::Kind::kTuple: {
      std::vector<Value> out;
      int64_t i = 0;
      for (const Value& e : v.Elements()) out.push_back(UnknownsToNull(e, path.Index(i++), paths));
      if (v.kind() == Value::Kind::kList) return Value::List(std::move(out));
      if (v.kind() == Value::Kind::kSet) return Value::Set(std::move(out));
      return Value::Tuple(std::move(out));
    }
    default:
      return v;
  }
}

}  // namespace tfplugin::fw
