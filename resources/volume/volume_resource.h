// civo_volume: a Civo block storage volume (Planton's CivoVolume), and the
// civo_volume data source that finds one existing volume by id or name.
#ifndef RESOURCES_VOLUME_VOLUME_RESOURCE_H_
#define RESOURCES_VOLUME_VOLUME_RESOURCE_H_

#include <memory>

#include "resources/provider_context.h"
#include "tfplugin/data_source.h"
#include "tfplugin/resource.h"

namespace resources::volume {

std::unique_ptr<tfplugin::Resource> NewVolumeResource(std::shared_ptr<const ProviderContext> context);
std::unique_ptr<tfplugin::DataSource> NewVolumeDataSource(std::shared_ptr<const ProviderContext> context);

}  // namespace resources::volume

#endif  // RESOURCES_VOLUME_VOLUME_RESOURCE_H_
