// The declaration behind a resource, data source or provider: its
// attributes with their shape, mode, description, default, validators, plan
// modifiers and nested objects. A typed model (object.h) builds one; the
// protocol schema, validation, planning and the docs all read it, so an
// attribute is spelled once.
#ifndef TFPLUGIN_FRAMEWORK_SPEC_H_
#define TFPLUGIN_FRAMEWORK_SPEC_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/framework/plan_modifiers.h"
#include "tfplugin/framework/validators.h"
#include "tfplugin/schema.h"

namespace tfplugin::fw {

struct ObjectSpec;

// How a computed attribute behaves on an update whose config leaves it null.
enum class OnUpdate {
  kKeep,           // keeps its prior value (the default)
  kUnknownOnChange,  // unknown whenever anything in the object changes
  kUnknownWhen,      // unknown when one of `watched` changes
};

struct AttrSpec {
  std::string name;
  cty::Type type;  // primitives and lists of primitives
  // Nested objects: SINGLE, or LIST (as nested attributes, or as blocks).
  enum class Nest { kNone, kSingle, kList } nest = Nest::kNone;
  bool as_blocks = false;
  int64_t min_items = 0, max_items = 0;  // blocks
  std::shared_ptr<const ObjectSpec> nested;

  bool required = false, optional = false, computed = false, sensitive = false;
  std::string description;
  std::optional<cty::Value> default_value;  // applied when the config leaves it null
  std::vector<ValidatorPtr> validators;
  std::vector<PlanModifierPtr> modifiers;
  OnUpdate on_update = OnUpdate::kKeep;
  std::vector<std::string> watched;
};

struct ObjectSpec {
  std::vector<AttrSpec> attributes;
  std::vector<ObjectValidatorPtr> validators;

  const AttrSpec* Find(std::string_view name) const;
};

// The protocol Block for an object spec. Each attribute's description ends
// with the sentences of its default, validators and modifiers, so the
// schema Terraform reads (and the docs rendered from it) state the rules.
Block ToBlock(const ObjectSpec& spec, std::string description = {});
cty::Type ImpliedType(const ObjectSpec& spec);
// The object with every attribute null.
cty::Value NullObject(const ObjectSpec& spec);

// Runs every validator on `config` (recursively); skips unknown and null values.
void ValidateObject(const ObjectSpec& spec, const cty::Value& config, const AttributePath& path,
                    Diagnostics& diags);

// The generic planning rules (see planning.cc for the order).
struct PlanResult {
  cty::Value planned;
  std::vector<AttributePath> requires_replace;
};
PlanResult PlanObject(const ObjectSpec& spec, const cty::Value& prior,
                      const cty::Value& proposed, const cty::Value& config, Diagnostics& diags);

// Copy of `v` in which every unknown, at any depth, is null; `paths` gets the
// paths of the unknowns it replaced (to name them in a diagnostic).
cty::Value UnknownsToNull(const cty::Value& v, const AttributePath& path,
                          std::vector<AttributePath>* paths);

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_SPEC_H_
