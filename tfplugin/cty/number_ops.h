// Operations on cty numbers that only the codecs need (internal header).
#ifndef TFPLUGIN_CTY_NUMBER_OPS_H_
#define TFPLUGIN_CTY_NUMBER_OPS_H_

#include <string>

#include "tfplugin/cty/number.h"

namespace tfplugin::cty {

// Numeric three-way comparison (-1, 0, 1), as big.Float.Cmp.
int CompareNumbers(const Number& a, const Number& b);

// The text Go's big.Float.String() gives (Text('g', 10)); cty hashes set
// elements with it, and that hash orders sets of compound values.
std::string GoFloatString(const Number& n);

bool IsInfinity(const Number& n);

}  // namespace tfplugin::cty

#endif  // TFPLUGIN_CTY_NUMBER_OPS_H_
