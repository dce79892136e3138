// cty types: the type system Terraform uses for every value that crosses the
// plugin protocol. A Type is an immutable value object, cheap to copy (it
// shares its structure).
#ifndef TFPLUGIN_CTY_TYPE_H_
#define TFPLUGIN_CTY_TYPE_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tfplugin::cty {

class Type {
 public:
  enum class Kind { kString, kNumber, kBool, kList, kSet, kMap, kObject, kTuple, kDynamic };

  static Type String();
  static Type Number();
  static Type Bool();
  static Type Dynamic();
  static Type List(Type element);
  static Type Set(Type element);
  static Type Map(Type element);
  // Attribute names are kept sorted (std::map), as cty and msgpack encoding require.
  static Type Object(std::map<std::string, Type> attributes);
  static Type Tuple(std::vector<Type> elements);

  Type();  // Dynamic
  Kind kind() const { return kind_; }
  bool is_primitive() const;
  bool is_collection() const;  // list, set or map

  // Element type of a list, set or map. Precondition: is_collection().
  const Type& element() const;
  // Attributes of an object. Precondition: kind() == kObject.
  const std::map<std::string, Type>& attributes() const;
  // Element types of a tuple. Precondition: kind() == kTuple.
  const std::vector<Type>& tuple_elements() const;

  // cty's JSON type notation: "string", ["list","string"],
  // ["object",{"a":"number"}], ["tuple",["bool"]], "dynamic".
  std::string ToJson() const;
  static absl::StatusOr<Type> FromJson(std::string_view json);

  // Human-readable, e.g. "list of string".
  std::string FriendlyName() const;

  friend bool operator==(const Type& a, const Type& b);

 private:
  struct Structure;
  Kind kind_ = Kind::kDynamic;
  std::shared_ptr<const Structure> structure_;
};

}  // namespace tfplugin::cty

#endif  // TFPLUGIN_CTY_TYPE_H_
