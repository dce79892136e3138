// The order in which cty iterates a set, and so the order in which
// msgpack.Marshal and json.Marshal write its elements. Terraform does not
// depend on it for correctness, but matching it keeps our encodings
// byte-identical to what Terraform itself would produce.
//
// cty (set_internals.go, setRules.Less) sorts stably: known non-null values
// first, then unknowns, then nulls; among known values, strings by bytes,
// numbers numerically, false before true, and every other type by the bytes
// of cty's set hash string (appendSetHashBytes). Values that compare equal
// under those rules keep their insertion order.
#ifndef TFPLUGIN_CTY_SET_ORDER_H_
#define TFPLUGIN_CTY_SET_ORDER_H_

#include <string>
#include <vector>

#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"

namespace tfplugin::cty {

// Pointers into `elements`, in cty's iteration order for a set of `element_type`.
std::vector<const Value*> SetIterationOrder(const std::vector<Value>& elements, const Type& element_type);

// cty's set hash string for `value` of `type` (appendSetHashBytes).
// Approximation: strings are quoted as Go's %q does for ASCII and for
// common non-ASCII text; a few rare non-printable code points may differ.
void AppendSetHashBytes(const Value& value, const Type& type, std::string& out);

// The concrete type a value in a dynamic position has: its remembered
// dynamic type, or else one implied by its shape (as cty's ImpliedType does
// for JSON); null and unknown values without one are of type dynamic.
Type ConcreteType(const Value& value);

}  // namespace tfplugin::cty

#endif  // TFPLUGIN_CTY_SET_ORDER_H_
