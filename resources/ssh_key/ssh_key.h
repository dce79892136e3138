// civo_ssh_key: an SSH public key uploaded to Civo (name in place, the key
// itself replaces), and the data source that finds one by id or by name.
#ifndef RESOURCES_SSH_KEY_SSH_KEY_H_
#define RESOURCES_SSH_KEY_SSH_KEY_H_

#include <memory>

#include "resources/provider_context.h"
#include "tfplugin/data_source.h"
#include "tfplugin/resource.h"

namespace resources::ssh_key {

std::unique_ptr<tfplugin::Resource> NewSshKeyResource(std::shared_ptr<const ProviderContext> context);
std::unique_ptr<tfplugin::DataSource> NewSshKeyDataSource(std::shared_ptr<const ProviderContext> context);

}  // namespace resources::ssh_key

#endif  // RESOURCES_SSH_KEY_SSH_KEY_H_
