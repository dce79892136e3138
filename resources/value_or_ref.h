// StringValueOrRef: a reference to a Civo object written either literally
// (`value`, an id) or by name (`value_from { kind, name }`).
#ifndef RESOURCES_VALUE_OR_REF_H_
#define RESOURCES_VALUE_OR_REF_H_

#include <string>
#include <vector>

#include "resources/cty_access.h"
#include "tfplugin/cty/value.h"

namespace resources {

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

// Builds {value = id, value_from = null}.
tfplugin::cty::Value ValueOrRefWithValue(const std::string& id);

}  // namespace resources

#endif  // RESOURCES_VALUE_OR_REF_H_
