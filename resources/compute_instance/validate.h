// The static rules of SPEC.md for civo_compute_instance's strings, lists and
// timeouts, as validators the declaration (declaration.cc) attaches to its
// attributes (references have theirs in resources/value_or_ref.h); the
// framework runs them at validate and (errors) at plan. Each failure is a
// diagnostic on the attribute's path. No API calls; unknown values are
// skipped.
#ifndef RESOURCES_COMPUTE_INSTANCE_VALIDATE_H_
#define RESOURCES_COMPUTE_INSTANCE_VALIDATE_H_

#include <cstddef>

#include "resources/string_rules.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/framework/validators.h"

namespace resources::compute_instance {

// Validates a whole config against the declaration.
void ValidateConfig(const tfplugin::cty::Value& config, tfplugin::Diagnostics& diags);

struct StringLimits {
  size_t max_length = 0;
  bool count_bytes = false;      // max_length counts bytes rather than characters
  bool sensitive = false;        // never quote the value
  const StringRule* rule = nullptr;  // the shape the whole value must have; null: any
};

// A string: at most max_length, then the rule.
tfplugin::fw::ValidatorPtr StringRules(StringLimits limits);
// A list of strings: each within its limits and not empty; optionally
// unique, without whitespace; `only_first_detail` (when not null) warns that
// only the first element is used.
struct ListRules {
  bool unique_items = false;
  bool no_whitespace_items = false;
  const char* only_first_detail = nullptr;
};
tfplugin::fw::ValidatorPtr StringListRules(StringLimits limits, ListRules list);
// Any list: a warning (`detail`) when it has more than one element.
tfplugin::fw::ValidatorPtr OnlyFirstUsed(const char* detail);
// A duration such as "30m", at most max_length characters.
tfplugin::fw::ValidatorPtr DurationRules(size_t max_length);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_VALIDATE_H_
