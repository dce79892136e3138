#include "resources/compute_instance/replacement.h"

#include <optional>
#include <string>


namespace resources::compute_instance {

namespace {

namespace fw = tfplugin::fw;
using tfplugin::cty::Value;

// A string value, "" when null; nullopt when not yet known.
std::optional<std::string> OrEmpty(const Value& v) {
  if (v.is_null()) return std::string();
  if (!v.is_known() || v.kind() != Value::Kind::kString) return std::nullopt;
  return v.AsString();
}

// The first item of a list of strings, "" when null or empty; nullopt when
// the list (or any item) is not yet known.
std::optional<std::string> FirstItem(const Value& list) {
  if (list.is_null()) return std::string();
  if (!list.IsWhollyKnown() || list.kind() != Value::Kind::kList) return std::nullopt;
  for (const Value& e : list.Elements()) {
    if (!e.is_null()) return e.AsString();
  }
  return std::string();
}

}  // namespace

fw::PlanModifierPtr ReplaceWhenFirstItemChanges() {
  return fw::RequiresReplaceIf(
      [](const fw::AttributeChange& c, std::string*) {
        const std::optional<std::string> planned = FirstItem(c.planned);
        const std::optional<std::string> prior = FirstItem(c.prior);
        return !planned || !prior || *planned != *prior;
      },
      "Replaces the instance when the first key changes.");
}

fw::PlanModifierPtr ReplaceWhenScriptChanges() {
  return fw::RequiresReplaceIf(
      [](const fw::AttributeChange& c, std::string*) {
        const std::optional<std::string> planned = OrEmpty(c.planned);
        const std::optional<std::string> prior = OrEmpty(c.prior);
        return !planned || !prior || *planned != *prior;
      },
      "Replaces the instance (null and empty are the same script: none).");
}

}  // namespace resources::compute_instance
