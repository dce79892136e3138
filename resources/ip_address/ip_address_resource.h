// civo_ip_address: a Civo reserved IP (Planton's CivoIpAddress), and the
// civo_ip_address data source that finds one by id or name.
#ifndef RESOURCES_IP_ADDRESS_IP_ADDRESS_RESOURCE_H_
#define RESOURCES_IP_ADDRESS_IP_ADDRESS_RESOURCE_H_

#include <memory>

#include "resources/provider_context.h"
#include "tfplugin/data_source.h"
#include "tfplugin/framework/spec.h"
#include "tfplugin/resource.h"

namespace resources::ip_address {

std::unique_ptr<tfplugin::Resource> NewIpAddressResource(std::shared_ptr<const ProviderContext> context);
std::unique_ptr<tfplugin::DataSource> NewIpAddressDataSource(std::shared_ptr<const ProviderContext> context);
// civo_ip_address's declaration (every attribute), for what reads a
// CivoIpAddress spec (provider::civo::manifest).
std::shared_ptr<const tfplugin::fw::ObjectSpec> IpAddressDeclaration();

}  // namespace resources::ip_address

#endif  // RESOURCES_IP_ADDRESS_IP_ADDRESS_RESOURCE_H_
