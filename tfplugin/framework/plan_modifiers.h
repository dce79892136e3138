// Plan modifiers: what a change of one attribute does to the plan, declared
// with the attribute (the roles of terraform-plugin-framework's
// RequiresReplace, RequiresReplaceIf and UseStateForUnknown). They run after
// the generic planning rules and before the resource's ModifyPlan hook.
#ifndef TFPLUGIN_FRAMEWORK_PLAN_MODIFIERS_H_
#define TFPLUGIN_FRAMEWORK_PLAN_MODIFIERS_H_

#include <functional>
#include <memory>
#include <string>

#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"

namespace tfplugin::fw {

// One attribute's values in a plan of an update or a create (never a destroy).
struct AttributeChange {
  AttributePath path;
  cty::Value config;   // null when not set
  cty::Value prior;    // null on create
  cty::Value planned;  // what the plan holds so far
  bool create = false;  // the whole object is being created
};

struct ModifierResult {
  cty::Value planned;  // starts as AttributeChange::planned
  bool requires_replace = false;
};

class PlanModifier {
 public:
  virtual ~PlanModifier() = default;
  virtual void Modify(const AttributeChange& change, ModifierResult& result,
                      Diagnostics& diags) const = 0;
  // One markdown sentence for the schema description and the docs.
  virtual std::string Describe() const = 0;
};
using PlanModifierPtr = std::shared_ptr<const PlanModifier>;

// Any change of the value replaces the object (not on create; an unknown
// planned value counts as a change).
PlanModifierPtr RequiresReplace();

// Replaces when `decide` says so for a change (only called when the value
// changed, on an update). `decide` may fill `why`: a warning on the attribute
// then tells the user why the object is replaced. `description` is the docs
// sentence ("Replaces the instance unless only the letter case changed.").
using ReplaceDecision = std::function<bool(const AttributeChange&, std::string* why)>;
PlanModifierPtr RequiresReplaceIf(ReplaceDecision decide, std::string description);

// A computed value that stays what it was on an update where the config does
// not set it, instead of becoming unknown.
PlanModifierPtr UseStateForUnknown();

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_PLAN_MODIFIERS_H_
