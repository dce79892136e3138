#include "tfplugin/framework/context.h"

namespace tfplugin::fw {

bool Component::RequireConfigured(const std::string& action, Diagnostics& diags) const {
  if (!needs_configuration_ || (link_ != nullptr && link_->configured.load())) return true;
  const std::string provider = link_ != nullptr && !link_->provider_name.empty()
                                   ? "The " + link_->provider_name + " provider"
                                   : "The provider";
  std::string detail = provider + " has no usable configuration, so " + type_name_ +
                       " cannot be " + action + ".";
  if (link_ != nullptr && !link_->configure_hint.empty()) detail += " " + link_->configure_hint;
  diags.AddError("Provider not configured", detail);
  return false;
}

}  // namespace tfplugin::fw
