#include "tfplugin/cty/type.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rapidjson/document.h"
#include "rapidjson/error/en.h"
#include "tfplugin/cty/json_text.h"

namespace tfplugin::cty {

// The shared, immutable part of a compound type. Only the member that the
// kind uses is filled in.
struct Type::Structure {
  Type element;                          // list, set, map
  std::map<std::string, Type> attributes;  // object
  std::vector<Type> tuple_elements;      // tuple
};

Type::Type() = default;

Type Type::String() {
  Type t;
  t.kind_ = Kind::kString;
  return t;
}
Type Type::Number() {
  Type t;
  t.kind_ = Kind::kNumber;
  return t;
}
Type Type::Bool() {
  Type t;
  t.kind_ = Kind::kBool;
  return t;
}
Type Type::Dynamic() { return Type(); }

Type Type::List(Type element) {
  Type t;
  t.kind_ = Kind::kList;
  auto s = std::make_shared<Structure>();
  s->element = std::move(element);
  t.structure_ = std::move(s);
  return t;
}
Type Type::Set(Type element) {
  Type t = List(std::move(element));
  t.kind_ = Kind::kSet;
  return t;
}
Type Type::Map(Type element) {
  Type t = List(std::move(element));
  t.kind_ = Kind::kMap;
  return t;
}
Type Type::Object(std::map<std::string, Type> attributes) {
  Type t;
  t.kind_ = Kind::kObject;
  auto s = std::make_shared<Structure>();
  s->attributes = std::move(attributes);
  t.structure_ = std::move(s);
  return t;
}
Type Type::Tuple(std::vector<Type> elements) {
  Type t;
  t.kind_ = Kind::kTuple;
  auto s = std::make_shared<Structure>();
  s->tuple_elements = std::move(elements);
  t.structure_ = std::move(s);
  return t;
}

bool Type::is_primitive() const {
  return kind_ == Kind::kString || kind_ == Kind::kNumber || kind_ == Kind::kBool;
}
bool Type::is_collection() const {
  return kind_ == Kind::kList || kind_ == Kind::kSet || kind_ == Kind::kMap;
}

const Type& Type::element() const { return structure_->element; }
const std::map<std::string, Type>& Type::attributes() const { return structure_->attributes; }
const std::vector<Type>& Type::tuple_elements() const { return structure_->tuple_elements; }

bool operator==(const Type& a, const Type& b) {
  if (a.kind_ != b.kind_) return false;
  if (a.structure_ == b.structure_) return true;
  switch (a.kind_) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kMap:
      return a.element() == b.element();
    case Type::Kind::kObject:
      return a.attributes() == b.attributes();
    case Type::Kind::kTuple:
      return a.tuple_elements() == b.tuple_elements();
    default:
      return true;
  }
}

// Written exactly as cty's Type.MarshalJSON does (compact, attribute names
// sorted, names escaped as Go's encoding/json escapes them), because the
// bytes end up inside msgpack-encoded dynamic values.
std::string Type::ToJson() const {
  switch (kind_) {
    case Kind::kString:
      return "\"string\"";
    case Kind::kNumber:
      return "\"number\"";
    case Kind::kBool:
      return "\"bool\"";
    case Kind::kDynamic:
      return "\"dynamic\"";
    case Kind::kList:
      return absl::StrCat("[\"list\",", element().ToJson(), "]");
    case Kind::kSet:
      return absl::StrCat("[\"set\",", element().ToJson(), "]");
    case Kind::kMap:
      return absl::StrCat("[\"map\",", element().ToJson(), "]");
    case Kind::kObject: {
      std::string out = "[\"object\",{";
      bool first = true;
      for (const auto& [name, type] : attributes()) {
        if (!first) out += ',';
        first = false;
        AppendGoJsonString(name, out);
        out += ':';
        out += type.ToJson();
      }
      out += "}]";
      return out;
    }
    case Kind::kTuple: {
      std::string out = "[\"tuple\",[";
      bool first = true;
      for (const Type& t : tuple_elements()) {
        if (!first) out += ',';
        first = false;
        out += t.ToJson();
      }
      out += "]]";
      return out;
    }
  }
  return "\"dynamic\"";
}

namespace {

constexpr int kMaxTypeDepth = 64;

absl::StatusOr<Type> TypeFromJsonValue(const rapidjson::Value& v, int depth) {
  if (depth > kMaxTypeDepth) return absl::InvalidArgumentError("type description nested too deeply");
  if (v.IsString()) {
    std::string_view name(v.GetString(), v.GetStringLength());
    if (name == "string") return Type::String();
    if (name == "number") return Type::Number();
    if (name == "bool") return Type::Bool();
    if (name == "dynamic") return Type::Dynamic();
    return absl::InvalidArgumentError(absl::StrCat("invalid primitive type name \"", std::string(name), "\""));
  }
  if (!v.IsArray() || v.Size() < 2 || !v[0].IsString()) {
    return absl::InvalidArgumentError("invalid complex type description");
  }
  std::string_view kind(v[0].GetString(), v[0].GetStringLength());
  if (kind == "list" || kind == "set" || kind == "map") {
    if (v.Size() != 2) return absl::InvalidArgumentError(absl::StrCat("invalid ", std::string(kind), " type description"));
    auto element = TypeFromJsonValue(v[1], depth + 1);
    if (!element.ok()) return element.status();
    if (kind == "list") return Type::List(*std::move(element));
    if (kind == "set") return Type::Set(*std::move(element));
    return Type::Map(*std::move(element));
  }
  if (kind == "object") {
    // A third element lists optional attributes (type constraints only);
    // it does not change how values are encoded, so it is accepted and ignored.
    if (v.Size() > 3 || !v[1].IsObject()) return absl::InvalidArgumentError("invalid object type description");
    if (v.Size() == 3 && !v[2].IsArray()) return absl::InvalidArgumentError("invalid object optional attributes");
    std::map<std::string, Type> attributes;
    for (auto it = v[1].MemberBegin(); it != v[1].MemberEnd(); ++it) {
      auto attr = TypeFromJsonValue(it->value, depth + 1);
      if (!attr.ok()) return attr.status();
      attributes[std::string(it->name.GetString(), it->name.GetStringLength())] = *std::move(attr);
    }
    return Type::Object(std::move(attributes));
  }
  if (kind == "tuple") {
    if (v.Size() != 2 || !v[1].IsArray()) return absl::InvalidArgumentError("invalid tuple type description");
    std::vector<Type> elements;
    for (const auto& e : v[1].GetArray()) {
      auto element = TypeFromJsonValue(e, depth + 1);
      if (!element.ok()) return element.status();
      elements.push_back(*std::move(element));
    }
    return Type::Tuple(std::move(elements));
  }
  return absl::InvalidArgumentError(absl::StrCat("invalid complex type kind name \"", std::string(kind), "\""));
}

}  // namespace

absl::StatusOr<Type> Type::FromJson(std::string_view json) {
  rapidjson::Document doc;
  // Iterative parsing: a hostile, deeply nested type cannot exhaust the stack.
  doc.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  if (doc.HasParseError()) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid type JSON: ", rapidjson::GetParseError_En(doc.GetParseError())));
  }
  return TypeFromJsonValue(doc, 0);
}

std::string Type::FriendlyName() const {
  switch (kind_) {
    case Kind::kString:
      return "string";
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "bool";
    case Kind::kDynamic:
      return "dynamic";
    case Kind::kList:
      return "list of " + element().FriendlyName();
    case Kind::kSet:
      return "set of " + element().FriendlyName();
    case Kind::kMap:
      return "map of " + element().FriendlyName();
    case Kind::kObject:
      return "object";
    case Kind::kTuple:
      return "tuple";
  }
  return "dynamic";
}

}  // namespace tfplugin::cty
