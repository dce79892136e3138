// The ephemeral resource `civo_instance_password` (Terraform >= 1.10,
// OpenTofu >= 1.11): the initial root password of an instance, read from the
// Civo API when a configuration needs it. Ephemeral: Terraform keeps it for
// one run only and never writes it to state or to a plan, which is how the
// password stays out of state (SPEC.md; civo_compute_instance does not store
// it).
#ifndef RESOURCES_INSTANCE_PASSWORD_INSTANCE_PASSWORD_H_
#define RESOURCES_INSTANCE_PASSWORD_INSTANCE_PASSWORD_H_

#include <memory>

#include "resources/provider_context.h"
#include "tfplugin/data_source.h"

namespace resources::instance_password {

inline constexpr char kTypeName[] = "civo_instance_password";

std::unique_ptr<tfplugin::EphemeralResource> NewInstancePassword(
    std::shared_ptr<const ProviderContext> context);

}  // namespace resources::instance_password

#endif  // RESOURCES_INSTANCE_PASSWORD_INSTANCE_PASSWORD_H_
