#include "tfplugin/cty/value.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tfplugin/cty/json_text.h"

namespace tfplugin::cty {
namespace {

using ElementList = std::vector<Value>;
using EntryMap = std::map<std::string, Value>;

const Value& NullValue() {
  static const Value* const kNull = new Value();
  return *kNull;
}

const ElementList& EmptyElements() {
  static const ElementList* const kEmpty = new ElementList();
  return *kEmpty;
}

const EntryMap& EmptyEntries() {
  static const EntryMap* const kEmpty = new EntryMap();
  return *kEmpty;
}

}  // namespace

Value::Value() = default;

Value Value::Null() { return Value(); }

Value Value::Unknown(bool not_null) {
  Value v;
  v.kind_ = Kind::kUnknown;
  v.not_null_ = not_null;
  return v;
}

Value Value::String(std::string s) {
  Value v;
  v.kind_ = Kind::kString;
  v.data_ = std::move(s);
  return v;
}

Value Value::NumberValue(cty::Number n) {
  Value v;
  v.kind_ = Kind::kNumber;
  v.data_ = std::move(n);
  return v;
}

Value Value::Int(int64_t i) { return NumberValue(cty::Number::FromInt(i)); }

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::kBool;
  v.data_ = b;
  return v;
}

Value Value::List(std::vector<Value> elements) {
  Value v;
  v.kind_ = Kind::kList;
  v.data_ = std::make_shared<const ElementList>(std::move(elements));
  return v;
}

// cty's set membership: two elements are the same member only when they are
// equal and wholly known (an unknown is never known to equal anything, so
// each unknown element stays a member of its own).
Value Value::Set(std::vector<Value> elements) {
  ElementList unique;
  unique.reserve(elements.size());
  for (Value& e : elements) {
    bool duplicate = false;
    if (e.IsWhollyKnown()) {
      for (const Value& kept : unique) {
        if (kept.IsWhollyKnown() && kept == e) {
          duplicate = true;
          break;
        }
      }
    }
    if (!duplicate) unique.push_back(std::move(e));
  }
  Value v;
  v.kind_ = Kind::kSet;
  v.data_ = std::make_shared<const ElementList>(std::move(unique));
  return v;
}

Value Value::Tuple(std::vector<Value> elements) {
  Value v = List(std::move(elements));
  v.kind_ = Kind::kTuple;
  return v;
}

Value Value::Map(std::map<std::string, Value> elements) {
  Value v;
  v.kind_ = Kind::kMap;
  v.data_ = std::make_shared<const EntryMap>(std::move(elements));
  return v;
}

Value Value::Object(std::map<std::string, Value> attributes) {
  Value v = Map(std::move(attributes));
  v.kind_ = Kind::kObject;
  return v;
}

bool Value::IsWhollyKnown() const {
  switch (kind_) {
    case Kind::kUnknown:
      return false;
    case Kind::kList:
    case Kind::kSet:
    case Kind::kTuple:
      for (const Value& e : Elements()) {
        if (!e.IsWhollyKnown()) return false;
      }
      return true;
    case Kind::kMap:
    case Kind::kObject:
      for (const auto& [k, e] : Entries()) {
        if (!e.IsWhollyKnown()) return false;
      }
      return true;
    default:
      return true;
  }
}

const std::string& Value::AsString() const { return std::get<std::string>(data_); }
const cty::Number& Value::AsNumber() const { return std::get<cty::Number>(data_); }
bool Value::AsBool() const { return std::get<bool>(data_); }

const std::vector<Value>& Value::Elements() const {
  if (auto* p = std::get_if<std::shared_ptr<const ElementList>>(&data_)) return **p;
  return EmptyElements();
}

const std::map<std::string, Value>& Value::Entries() const {
  if (auto* p = std::get_if<std::shared_ptr<const EntryMap>>(&data_)) return **p;
  return EmptyEntries();
}

const Value& Value::Attr(std::string_view name) const {
  if (kind_ != Kind::kObject) return NullValue();
  const EntryMap& entries = Entries();
  auto it = entries.find(std::string(name));
  return it == entries.end() ? NullValue() : it->second;
}

Value Value::WithAttr(const std::string& name, Value v) const {
  EntryMap entries = kind_ == Kind::kObject ? Entries() : EntryMap();
  entries[name] = std::move(v);
  Value out = Object(std::move(entries));
  out.dynamic_type_ = dynamic_type_;
  return out;
}

Value Value::WithDynamicType(Type t) const {
  Value out = *this;
  out.dynamic_type_ = std::move(t);
  return out;
}

namespace {

// Sets compare as sets: every member of one has an equal member in the other.
bool SameMembers(const ElementList& a, const ElementList& b) {
  if (a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (const Value& x : a) {
    bool found = false;
    for (size_t i = 0; i < b.size(); ++i) {
      if (!used[i] && x == b[i]) {
        used[i] = true;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

bool operator==(const Value& a, const Value& b) {
  if (a.kind_ != b.kind_) return false;
  if (a.dynamic_type_ != b.dynamic_type_) return false;
  switch (a.kind_) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kUnknown:
      return a.not_null_ == b.not_null_;
    case Value::Kind::kString:
      return a.AsString() == b.AsString();
    case Value::Kind::kNumber:
      return a.AsNumber() == b.AsNumber();
    case Value::Kind::kBool:
      return a.AsBool() == b.AsBool();
    case Value::Kind::kList:
    case Value::Kind::kTuple:
      return a.Elements() == b.Elements();
    case Value::Kind::kSet:
      return SameMembers(a.Elements(), b.Elements());
    case Value::Kind::kMap:
    case Value::Kind::kObject:
      return a.Entries() == b.Entries();
  }
  return false;
}

std::string Value::DebugString() const {
  switch (kind_) {
    case Kind::kNull:
      return "null";
    case Kind::kUnknown:
      return not_null_ ? "<unknown, not null>" : "<unknown>";
    case Kind::kString: {
      std::string out;
      AppendGoJsonString(AsString(), out);
      return out;
    }
    case Kind::kNumber:
      return AsNumber().ToString();
    case Kind::kBool:
      return AsBool() ? "true" : "false";
    case Kind::kList:
    case Kind::kTuple:
    case Kind::kSet: {
      std::string inner = absl::StrJoin(Elements(), ", ", [](std::string* out, const Value& e) {
        out->append(e.DebugString());
      });
      return kind_ == Kind::kSet ? absl::StrCat("toset([", inner, "])") : absl::StrCat("[", inner, "]");
    }
    case Kind::kMap:
    case Kind::kObject: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, e] : Entries()) {
        if (!first) out += ", ";
        first = false;
        AppendGoJsonString(k, out);
        out += '=';
        out += e.DebugString();
      }
      out += '}';
      return out;
    }
  }
  return "?";
}

}  // namespace tfplugin::cty
