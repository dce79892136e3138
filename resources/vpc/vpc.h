// civo_vpc (Planton's CivoVpc, a Civo network): the resource and the data
// source that finds one existing network by id or by name.
#ifndef RESOURCES_VPC_VPC_H_
#define RESOURCES_VPC_VPC_H_

#include <memory>

#include "resources/provider_context.h"
#include "tfplugin/data_source.h"
#include "tfplugin/framework/spec.h"
#include "tfplugin/resource.h"

namespace resources::vpc {

std::unique_ptr<tfplugin::Resource> NewVpcResource(std::shared_ptr<const ProviderContext> context);
std::unique_ptr<tfplugin::DataSource> NewVpcDataSource(std::shared_ptr<const ProviderContext> context);
// civo_vpc's declaration (every attribute), for what reads a CivoVpc spec
// (provider::civo::manifest).
std::shared_ptr<const tfplugin::fw::ObjectSpec> VpcDeclaration();

}  // namespace resources::vpc

#endif  // RESOURCES_VPC_VPC_H_
