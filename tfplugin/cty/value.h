// cty values. A Value does not carry its type (the schema does), except for
// values that sit in a `dynamic`-typed position, which remember the concrete
// type they were decoded with so they can be encoded again.
#ifndef TFPLUGIN_CTY_VALUE_H_
#define TFPLUGIN_CTY_VALUE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tfplugin/cty/number.h"
#include "tfplugin/cty/type.h"

namespace tfplugin::cty {

class Value {
 public:
  enum class Kind { kNull, kUnknown, kString, kNumber, kBool, kList, kSet, kMap, kObject, kTuple };

  Value();  // null
  static Value Null();
  // An unknown value. `not_null` keeps Terraform's "definitely not null"
  // refinement (msgpack extension 12); other refinements are dropped, which
  // only makes the value less precise, never wrong.
  static Value Unknown(bool not_null = false);
  static Value String(std::string s);
  static Value NumberValue(cty::Number n);
  static Value Int(int64_t i);
  static Value Bool(bool b);
  static Value List(std::vector<Value> elements);
  static Value Set(std::vector<Value> elements);   // duplicates are removed
  static Value Tuple(std::vector<Value> elements);
  static Value Map(std::map<std::string, Value> elements);
  static Value Object(std::map<std::string, Value> attributes);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_unknown() const { return kind_ == Kind::kUnknown; }
  bool is_known() const { return kind_ != Kind::kUnknown; }
  bool unknown_not_null() const { return not_null_; }
  // True when neither this value nor anything inside it is unknown.
  bool IsWhollyKnown() const;

  // Accessors; each has the precondition that kind() matches.
  const std::string& AsString() const;
  const cty::Number& AsNumber() const;
  bool AsBool() const;
  const std::vector<Value>& Elements() const;              // list, set, tuple
  const std::map<std::string, Value>& Entries() const;     // map, object

  // Object attribute by name; a null Value when this is not a known object or
  // has no such attribute.
  const Value& Attr(std::string_view name) const;
  // Copy of this object with one attribute replaced or added.
  Value WithAttr(const std::string& name, Value v) const;

  // For values in a dynamic position: the concrete type, if known.
  const std::optional<Type>& dynamic_type() const { return dynamic_type_; }
  Value WithDynamicType(Type t) const;

  // Structural equality (sets compare as sets; unknowns compare equal to
  // unknowns with the same refinement).
  friend bool operator==(const Value& a, const Value& b);

  // Debug rendering, e.g. {"a"=1, "b"=<unknown>}. Never used for secrets.
  std::string DebugString() const;

 private:
  Kind kind_ = Kind::kNull;
  bool not_null_ = false;
  std::variant<std::monostate, std::string, cty::Number, bool,
               std::shared_ptr<const std::vector<Value>>,
               std::shared_ptr<const std::map<std::string, Value>>>
      data_;
  std::optional<Type> dynamic_type_;
};

}  // namespace tfplugin::cty

#endif  // TFPLUGIN_CTY_VALUE_H_
