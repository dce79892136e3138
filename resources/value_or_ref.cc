#include "resources/value_or_ref.h"

#include "absl/strings/str_cat.h"
#include "tfplugin/quote.h"

namespace resources {

using tfplugin::cty::Value;

std::string ValueOrRef::Describe() const {
  switch (form) {
    case Form::kValue:
      return tfplugin::QuoteValue(value);
    case Form::kValueFrom:
      return absl::StrCat("name ", tfplugin::QuoteValue(name));
    case Form::kUnknown:
      return "(known after apply)";
    case Form::kNull:
      break;
  }
  return "(none)";
}

ValueOrRef ParseValueOrRef(const Value& v) {
  ValueOrRef r;
  if (v.is_unknown()) {
    r.form = ValueOrRef::Form::kUnknown;
    return r;
  }
  if (v.is_null()) return r;
  if (!v.IsWhollyKnown()) {
    r.form = ValueOrRef::Form::kUnknown;
    return r;
  }
  const Value& value = v.Attr("value");
  const Value& from = v.Attr("value_from");
  if (!value.is_null()) {
    r.form = ValueOrRef::Form::kValue;
    r.value = value.AsString();
    return r;
  }
  if (!from.is_null()) {
    r.form = ValueOrRef::Form::kValueFrom;
    auto kind = AsMaybeString(from.Attr("kind"));
    auto name = AsMaybeString(from.Attr("name"));
    r.kind = kind.value;
    r.name = name.value;
  }
  return r;
}

Maybe<std::vector<ValueOrRef>> ParseValueOrRefList(const Value& v) {
  using M = Maybe<std::vector<ValueOrRef>>;
  if (v.is_unknown()) return M::Unknown();
  if (v.is_null()) return M::Null();
  std::vector<ValueOrRef> out;
  for (const Value& e : v.Elements()) {
    ValueOrRef r = ParseValueOrRef(e);
    if (r.is_unknown()) return M::Unknown();
    out.push_back(std::move(r));
  }
  return M::Known(std::move(out));
}

Value ValueOrRefWithValue(const std::string& id) {
  return Value::Object({{"value", Value::String(id)}, {"value_from", Value::Null()}});
}

}  // namespace resources
