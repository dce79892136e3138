#include "tfplugin/framework/plan_modifiers.h"

#include <utility>

namespace tfplugin::fw {

namespace {

// An update whose planned value differs from the prior one.
bool Changed(const AttributeChange& c) {
  if (c.create) return false;
  if (c.planned.is_unknown()) return true;
  return !(c.planned == c.prior);
}

class RequiresReplaceModifier final : public PlanModifier {
 public:
  void Modify(const AttributeChange& change, ModifierResult& result,
              Diagnostics&) const override {
    if (Changed(change)) result.requires_replace = true;
  }
  std::string Describe() const override { return "Changing it replaces the object."; }
};

class RequiresReplaceIfModifier final : public PlanModifier {
 public:
  RequiresReplaceIfModifier(ReplaceDecision decide, std::string description)
      : decide_(std::move(decide)), description_(std::move(description)) {}
  void Modify(const AttributeChange& change, ModifierResult& result,
              Diagnostics& diags) const override {
    if (!Changed(change)) return;
    std::string why;
    if (!decide_(change, &why)) return;
    result.requires_replace = true;
    if (!why.empty()) diags.AddWarning("Change replaces the object", why, change.path);
  }
  std::string Describe() const override { return description_; }

 private:
  ReplaceDecision decide_;
  std::string description_;
};

class UseStateForUnknownModifier final : public PlanModifier {
 public:
  void Modify(const AttributeChange& change, ModifierResult& result,
              Diagnostics&) const override {
    if (change.create || change.prior.is_null()) return;
    if (!change.config.is_null()) return;  // the config decides
    if (!result.planned.is_unknown()) return;
    result.planned = change.prior;
  }
  std::string Describe() const override { return "Kept from the prior state on updates."; }
};

}  // namespace

PlanModifierPtr RequiresReplace() { return std::make_shared<RequiresReplaceModifier>(); }

PlanModifierPtr RequiresReplaceIf(ReplaceDecision decide, std::string description) {
  return std::make_shared<RequiresReplaceIfModifier>(std::move(decide), std::move(description));
}

PlanModifierPtr UseStateForUnknown() { return std::make_shared<UseStateForUnknownModifier>(); }

}  // namespace tfplugin::fw
