// Validators: rules on one attribute's value (or on an object's members),
// declared with the attribute and run at validate time and again, errors
// only, at plan time. Each describes itself in one markdown sentence, which
// the protocol schema's description (and so the docs) carries.
#ifndef TFPLUGIN_FRAMEWORK_VALIDATORS_H_
#define TFPLUGIN_FRAMEWORK_VALIDATORS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"

namespace tfplugin::fw {

class Validator {
 public:
  virtual ~Validator() = default;
  // `value` is known and not null (unknown and null values are never checked).
  virtual void Check(const cty::Value& value, const AttributePath& path,
                     Diagnostics& diags) const = 0;
  virtual std::string Describe() const = 0;
};
using ValidatorPtr = std::shared_ptr<const Validator>;

enum class Count { kCharacters, kBytes };

// Strings: length between min and max (inclusive), in UTF-8 characters or bytes.
ValidatorPtr LengthBetween(size_t min, size_t max, Count count = Count::kCharacters);
// Strings: the whole value matches `pattern` (see pattern.h; no backtracking).
// `explanation` says in words what is allowed ("lower-case letters and
// digits"). An invalid pattern throws std::invalid_argument at declaration.
ValidatorPtr Matches(std::string pattern, std::string explanation);
// Strings: one of `allowed` (optionally ignoring ASCII case).
ValidatorPtr OneOf(std::vector<std::string> allowed, bool ignore_case = false);
// Numbers: an integer between min and max (inclusive).
ValidatorPtr IntBetween(int64_t min, int64_t max);
// Lists: no element twice.
ValidatorPtr UniqueItems();
// Lists: `inner` on every known element (paths name the element index).
ValidatorPtr Each(ValidatorPtr inner);
// Anything else, as a function.
using CheckFn = std::function<void(const cty::Value&, const AttributePath&, Diagnostics&)>;
ValidatorPtr Custom(CheckFn fn, std::string description);

// Rules between the members of one object (a resource, or a nested object).
class ObjectValidator {
 public:
  virtual ~ObjectValidator() = default;
  // `object` is known and not null; `path` names it (empty: the resource).
  virtual void Check(const cty::Value& object, const AttributePath& path,
                     Diagnostics& diags) const = 0;
  virtual std::string Describe() const = 0;
};
using ObjectValidatorPtr = std::shared_ptr<const ObjectValidator>;

// Exactly one of the named members is set.
ObjectValidatorPtr ExactlyOneOf(std::vector<std::string> names);
// At most one of the named members is set (they conflict with each other).
ObjectValidatorPtr ConflictsWith(std::vector<std::string> names);

// "Definitely set": known and not null, or unknown but refined as not null.
bool DefinitelySet(const cty::Value& v);

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_VALIDATORS_H_
