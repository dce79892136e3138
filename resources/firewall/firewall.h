// civo_firewall (Planton's CivoFirewall): a firewall whose rules are exactly
// the declared ones, and the data source that finds one by id or by name.
#ifndef RESOURCES_FIREWALL_FIREWALL_H_
#define RESOURCES_FIREWALL_FIREWALL_H_

#include <memory>

#include "resources/provider_context.h"
#include "tfplugin/data_source.h"
#include "tfplugin/framework/spec.h"
#include "tfplugin/resource.h"

namespace resources::firewall {

std::unique_ptr<tfplugin::Resource> NewFirewallResource(std::shared_ptr<const ProviderContext> context);
std::unique_ptr<tfplugin::DataSource> NewFirewallDataSource(std::shared_ptr<const ProviderContext> context);
// civo_firewall's declaration (every attribute), for what reads a
// CivoFirewall spec (provider::civo::manifest).
std::shared_ptr<const tfplugin::fw::ObjectSpec> FirewallDeclaration();

}  // namespace resources::firewall

#endif  // RESOURCES_FIREWALL_FIREWALL_H_
