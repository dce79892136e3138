// Human-readable plan and apply summaries in the style of `terraform plan`:
// "+ create", "~ update in place", "-/+ replace", "- destroy", one line per
// attribute that matters, sensitive values hidden, unknowns shown as
// "(known after apply)".
#ifndef TOOLS_DEMO_PLAN_VIEW_H_
#define TOOLS_DEMO_PLAN_VIEW_H_

#include <functional>
#include <string>
#include <vector>

#include "tfplugin/cty/value.h"

namespace demo {

// Whether an attribute is sensitive (its values are never printed).
using SensitiveFn = std::function<bool(const std::string& attribute)>;

std::string RenderValue(const tfplugin::cty::Value& v);

// `address` is e.g. "civo_compute_instance.web".
std::string DescribeCreate(const std::string& address, const tfplugin::cty::Value& planned,
                           const SensitiveFn& sensitive);
// An update or a replacement: the attributes whose planned value differs
// from the prior one, those in `requires_replace` marked.
std::string DescribeChange(const std::string& address, const tfplugin::cty::Value& prior,
                           const tfplugin::cty::Value& planned,
                           const std::vector<std::string>& requires_replace,
                           bool create_before_destroy, const SensitiveFn& sensitive);
std::string DescribeDestroy(const std::string& address, const tfplugin::cty::Value& prior);

// True when the plan changes nothing.
bool IsNoOp(const tfplugin::cty::Value& prior, const tfplugin::cty::Value& planned);

}  // namespace demo

#endif  // TOOLS_DEMO_PLAN_VIEW_H_
