// StringValueOrRef: a reference to a Civo object written either literally
// (`value`, an id) or by name (`value_from { kind, name }`). Its shape, its
// rules and its names are declared here once, for every resource that
// refers to another object: RefAttr / RefListAttr bind a field to it.
#ifndef RESOURCES_VALUE_OR_REF_H_
#define RESOURCES_VALUE_OR_REF_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "resources/cty_access.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/framework/object.h"

namespace resources {

// The members of a reference object: named here, once, for every resource.
inline constexpr char kRefValue[] = "value";
inline constexpr char kRefValueFrom[] = "value_from";
inline constexpr char kRefKind[] = "kind";
inline constexpr char kRefName[] = "name";

struct ValueOrRef {
  enum class Form { kNull, kUnknown, kValue, kValueFrom };
  Form form = Form::kNull;
  std::string value;  // kValue
  std::string kind;   // kValueFrom (may be empty)
  std::string name;   // kValueFrom

  static ValueOrRef Null() { return ValueOrRef(); }
  static ValueOrRef Unknown() {
    ValueOrRef r;
    r.form = Form::kUnknown;
    return r;
  }
  static ValueOrRef Id(std::string id) {
    ValueOrRef r;
    r.form = Form::kValue;
    r.value = std::move(id);
    return r;
  }

  bool is_null() const { return form == Form::kNull; }
  bool is_unknown() const { return form == Form::kUnknown; }
  // Human-readable, for messages: `"id"` or `name "x"`.
  std::string Describe() const;
  friend bool operator==(const ValueOrRef&, const ValueOrRef&) = default;
};

// Reads one {value, value_from} object. Anything unknown inside makes the whole
// reference unknown; an object with neither member set reads as null (the
// validator reports it).
ValueOrRef ParseValueOrRef(const tfplugin::cty::Value& v);
// A list of references; unknown when the list or an element is unknown.
Maybe<std::vector<ValueOrRef>> ParseValueOrRefList(const tfplugin::cty::Value& v);

// The object (or null / unknown) a reference is written as.
tfplugin::cty::Value EncodeValueOrRef(const ValueOrRef& r);
tfplugin::cty::Value EncodeValueOrRefList(const Maybe<std::vector<ValueOrRef>>& refs);
// Builds {value = id, value_from = null}.
tfplugin::cty::Value ValueOrRefWithValue(const std::string& id);

// The nested object of a reference to a `kind` (a Planton kind such as
// `CivoVpc`), ids and names at most `max_length` characters.
std::shared_ptr<const tfplugin::fw::ObjectSpec> RefObjectSpec(const std::string& kind,
                                                              size_t max_length);
// Exactly one of `value` and `value_from`; `value_from.kind`, when set, is
// `kind`; nothing empty or too long. One reference, or each of a list.
tfplugin::fw::ValidatorPtr RefRules(std::string kind, size_t max_length);
tfplugin::fw::ValidatorPtr RefListRules(std::string kind, size_t max_length);

tfplugin::fw::AttrSpec RefAttrSpec(std::string name, const std::string& kind, size_t max_length,
                                   bool list);

// An attribute holding one reference (optional; chain the builders).
template <typename M>
tfplugin::fw::AttrDecl<M> RefAttr(std::string name, ValueOrRef M::*member,
                                  const std::string& kind, size_t max_length) {
  tfplugin::fw::AttrDecl<M> decl = tfplugin::fw::CustomAttr<M, ValueOrRef>(
      RefAttrSpec(std::move(name), kind, max_length, false), member, &ParseValueOrRef,
      &EncodeValueOrRef);
  decl.Validate(RefRules(kind, max_length));
  return decl;
}

// An attribute holding a list of references.
template <typename M>
tfplugin::fw::AttrDecl<M> RefListAttr(std::string name,
                                      Maybe<std::vector<ValueOrRef>> M::*member,
                                      const std::string& kind, size_t max_length) {
  tfplugin::fw::AttrDecl<M> decl = tfplugin::fw::CustomAttr<M, Maybe<std::vector<ValueOrRef>>>(
      RefAttrSpec(std::move(name), kind, max_length, true), member, &ParseValueOrRefList,
      &EncodeValueOrRefList);
  decl.Validate(RefListRules(kind, max_length));
  return decl;
}

}  // namespace resources

#endif  // RESOURCES_VALUE_OR_REF_H_
