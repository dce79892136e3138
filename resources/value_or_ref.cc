#include "resources/value_or_ref.h"

#include "absl/strings/str_cat.h"
#include "resources/limits.h"
#include "tfplugin/framework/spec.h"
#include "tfplugin/quote.h"

namespace resources {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

namespace {

constexpr const char* kValue = kRefValue;
constexpr const char* kValueFrom = kRefValueFrom;
constexpr const char* kKind = kRefKind;
constexpr const char* kName = kRefName;

fw::AttrSpec StringMember(std::string name, std::string description) {
  fw::AttrSpec a;
  a.name = std::move(name);
  a.type = tfplugin::cty::Type::String();
  a.optional = true;
  a.description = std::move(description);
  return a;
}

// One reference's rules (null and unknown references are not checked).
void CheckValueOrRef(const std::string& ref_kind, size_t max_length, const Value& v,
                     const AttributePath& path, Diagnostics& diags) {
  if (v.is_unknown() || v.is_null()) return;
  const Value& value = v.Attr(kValue);
  const Value& from = v.Attr(kValueFrom);
  if (fw::DefinitelySet(value) && fw::DefinitelySet(from)) {
    diags.AddError("Conflicting reference",
                   absl::StrCat("Set exactly one of ", kValue, " and ", kValueFrom, " in ",
                                path.ToString(), ", not both."),
                   path);
    return;
  }
  if (value.is_null() && from.is_null()) {
    diags.AddError("Missing reference",
                   absl::StrCat("Set exactly one of ", kValue, " and ", kValueFrom, " in ",
                                path.ToString(), "."),
                   path);
    return;
  }
  if (value.is_known() && !value.is_null()) {
    const std::string& id = value.AsString();
    if (id.empty()) {
      diags.AddError("Empty reference", absl::StrCat(kValue, " must not be empty."),
                     path.Attr(kValue));
    } else {
      CheckMaxLength(id, max_length, false, false, path.Attr(kValue), diags);
    }
  }
  if (from.is_known() && !from.is_null()) {
    const AttributePath kind_path = path.Attr(kValueFrom).Attr(kKind);
    auto kind = AsMaybeString(from.Attr(kKind));
    if (kind.is_known() &&
        CheckMaxLength(kind.value, kMaxKindLength, false, false, kind_path, diags) &&
        kind.value != ref_kind) {
      diags.AddError("Wrong kind",
                     absl::StrCat(kValueFrom, ".", kKind, " is ",
                                  tfplugin::QuoteValue(kind.value), ", but ", RootAttribute(path),
                                  " refers to a ", ref_kind, "; write ", kKind, " = \"", ref_kind,
                                  "\" or leave it out."),
                     kind_path);
    }
    const AttributePath name_path = path.Attr(kValueFrom).Attr(kName);
    auto name = AsMaybeString(from.Attr(kName));
    if (name.is_known() && name.value.empty()) {
      diags.AddError("Empty reference",
                     absl::StrCat(kValueFrom, ".", kName, " must not be empty."), name_path);
    } else if (name.is_known()) {
      CheckMaxLength(name.value, max_length, false, false, name_path, diags);
    }
  }
}

// The limits are already in each member's description: no sentence.
constexpr char kNoSentence[] = "";

}  // namespace

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
  const Value& value = v.Attr(kValue);
  const Value& from = v.Attr(kValueFrom);
  if (!value.is_null()) {
    r.form = ValueOrRef::Form::kValue;
    r.value = value.AsString();
    return r;
  }
  if (!from.is_null()) {
    r.form = ValueOrRef::Form::kValueFrom;
    r.kind = AsMaybeString(from.Attr(kKind)).value;
    r.name = AsMaybeString(from.Attr(kName)).value;
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

Value EncodeValueOrRef(const ValueOrRef& r) {
  switch (r.form) {
    case ValueOrRef::Form::kNull:
      return Value::Null();
    case ValueOrRef::Form::kUnknown:
      return Value::Unknown();
    case ValueOrRef::Form::kValue:
      return ValueOrRefWithValue(r.value);
    case ValueOrRef::Form::kValueFrom:
      break;
  }
  return Value::Object(
      {{kValue, Value::Null()},
       {kValueFrom, Value::Object({{kKind, r.kind.empty() ? Value::Null() : Value::String(r.kind)},
                                   {kName, Value::String(r.name)}})}});
}

Value EncodeValueOrRefList(const Maybe<std::vector<ValueOrRef>>& refs) {
  if (refs.is_null()) return Value::Null();
  if (refs.is_unknown()) return Value::Unknown();
  std::vector<Value> items;
  for (const ValueOrRef& r : refs.value) items.push_back(EncodeValueOrRef(r));
  return Value::List(std::move(items));
}

Value ValueOrRefWithValue(const std::string& id) {
  return Value::Object({{kValue, Value::String(id)}, {kValueFrom, Value::Null()}});
}

std::shared_ptr<const fw::ObjectSpec> RefObjectSpec(const std::string& kind, size_t max_length) {
  fw::AttrSpec kind_attr = StringMember(
      kKind, absl::StrCat("The kind of the referenced object; when set it must be `", kind, "`.",
                          LimitSentence(kMaxKindLength)));
  fw::AttrSpec name_attr = StringMember(
      kName, absl::StrCat("The name (label) of an existing object in the instance's region.",
                          LimitSentence(max_length)));
  name_attr.optional = false;
  name_attr.required = true;
  auto from = std::make_shared<fw::ObjectSpec>();
  from->attributes = {std::move(kind_attr), std::move(name_attr)};

  fw::AttrSpec value_from;
  value_from.name = kValueFrom;
  value_from.nest = fw::AttrSpec::Nest::kSingle;
  value_from.nested = std::move(from);
  value_from.optional = true;
  value_from.description =
      absl::StrCat("Names an existing `", kind,
                   "` by its name; resolved to its id through the Civo API at plan and apply "
                   "time.");
  auto ref = std::make_shared<fw::ObjectSpec>();
  ref->attributes = {
      StringMember(kValue, absl::StrCat("The object's id, written literally. Exactly one of `",
                                        kValue, "` and `", kValueFrom, "` is set.",
                                        LimitSentence(max_length))),
      std::move(value_from)};
  return ref;
}

fw::AttrSpec RefAttrSpec(std::string name, const std::string& kind, size_t max_length,
                         bool list) {
  fw::AttrSpec a;
  a.name = std::move(name);
  a.nest = list ? fw::AttrSpec::Nest::kList : fw::AttrSpec::Nest::kSingle;
  a.nested = RefObjectSpec(kind, max_length);
  a.optional = true;
  return a;
}

fw::ValidatorPtr RefRules(std::string kind, size_t max_length) {
  return fw::Custom(
      [kind, max_length](const Value& v, const AttributePath& path, Diagnostics& diags) {
        CheckValueOrRef(kind, max_length, v, path, diags);
      },
      kNoSentence);
}

fw::ValidatorPtr RefListRules(std::string kind, size_t max_length) {
  return fw::Custom(
      [kind, max_length](const Value& v, const AttributePath& path, Diagnostics& diags) {
        if (!v.is_known() || v.is_null()) return;
        int64_t i = 0;
        for (const Value& e : v.Elements()) {
          CheckValueOrRef(kind, max_length, e, path.Index(i++), diags);
        }
      },
      kNoSentence);
}

}  // namespace resources
