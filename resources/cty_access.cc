#include "resources/cty_access.h"

#include <map>

namespace resources {

using tfplugin::cty::Value;

Maybe<std::string> AsMaybeString(const Value& v) {
  if (v.is_unknown()) return Maybe<std::string>::Unknown();
  if (v.is_null() || v.kind() != Value::Kind::kString) return Maybe<std::string>::Null();
  return Maybe<std::string>::Known(v.AsString());
}

Maybe<std::string> GetString(const Value& object, std::string_view name) {
  if (object.is_unknown()) return Maybe<std::string>::Unknown();
  return AsMaybeString(object.Attr(name));
}

Maybe<int64_t> GetInt(const Value& object, std::string_view name) {
  if (object.is_unknown()) return Maybe<int64_t>::Unknown();
  const Value& v = object.Attr(name);
  if (v.is_unknown()) return Maybe<int64_t>::Unknown();
  if (v.is_null() || v.kind() != Value::Kind::kNumber) return Maybe<int64_t>::Null();
  auto i = v.AsNumber().ToInt64();
  if (!i) return Maybe<int64_t>::Unknown();
  return Maybe<int64_t>::Known(*i);
}

Maybe<std::vector<std::string>> GetStringList(const Value& object, std::string_view name) {
  using M = Maybe<std::vector<std::string>>;
  if (object.is_unknown()) return M::Unknown();
  const Value& v = object.Attr(name);
  if (v.is_unknown()) return M::Unknown();
  if (v.is_null()) return M::Null();
  std::vector<std::string> out;
  for (const Value& e : v.Elements()) {
    if (e.is_unknown()) return M::Unknown();
    if (e.is_null() || e.kind() != Value::Kind::kString) continue;
    out.push_back(e.AsString());
  }
  return M::Known(std::move(out));
}

std::optional<std::vector<std::string>> AsStringVector(const Value& list) {
  if (list.is_null() || !list.IsWhollyKnown()) return std::nullopt;
  std::vector<std::string> out;
  for (const Value& e : list.Elements()) {
    if (e.is_null()) return std::nullopt;
    out.push_back(e.AsString());
  }
  return out;
}

Value StringOrNull(const std::string& s) { return s.empty() ? Value::Null() : Value::String(s); }

Value StringList(const std::vector<std::string>& items) {
  std::vector<Value> out;
  out.reserve(items.size());
  for (const auto& s : items) out.push_back(Value::String(s));
  return Value::List(std::move(out));
}

Value FromMaybe(const Maybe<std::string>& m) {
  if (m.is_unknown()) return Value::Unknown();
  if (m.is_null()) return Value::Null();
  return Value::String(m.value);
}

Value UnknownsToNull(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kUnknown:
      return Value::Null();
    case Value::Kind::kList:
    case Value::Kind::kSet:
    case Value::Kind::kTuple: {
      std::vector<Value> out;
      for (const Value& e : v.Elements()) out.push_back(UnknownsToNull(e));
      if (v.kind() == Value::Kind::kList) return Value::List(std::move(out));
      if (v.kind() == Value::Kind::kSet) return Value::Set(std::move(out));
      return Value::Tuple(std::move(out));
    }
    case Value::Kind::kMap:
    case Value::Kind::kObject: {
      std::map<std::string, Value> out;
      for (const auto& [k, e] : v.Entries()) out.emplace(k, UnknownsToNull(e));
      if (v.kind() == Value::Kind::kMap) return Value::Map(std::move(out));
      return Value::Object(std::move(out));
    }
    default:
      return v;
  }
}

}  // namespace resources
