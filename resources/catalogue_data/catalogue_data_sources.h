// The catalogue data sources: civo_sizes and civo_disk_images (filterable
// lists of a region) and civo_regions. They read the provider's cached
// catalogue (resources/catalogue.h), so a plan that also checks an
// instance's size and image asks the API once.
#ifndef RESOURCES_CATALOGUE_DATA_CATALOGUE_DATA_SOURCES_H_
#define RESOURCES_CATALOGUE_DATA_CATALOGUE_DATA_SOURCES_H_

#include <memory>

#include "resources/provider_context.h"
#include "tfplugin/data_source.h"

namespace resources::catalogue_data {

std::unique_ptr<tfplugin::DataSource> NewSizesDataSource(std::shared_ptr<const ProviderContext> context);
std::unique_ptr<tfplugin::DataSource> NewDiskImagesDataSource(std::shared_ptr<const ProviderContext> context);
std::unique_ptr<tfplugin::DataSource> NewRegionsDataSource(std::shared_ptr<const ProviderContext> context);

}  // namespace resources::catalogue_data

#endif  // RESOURCES_CATALOGUE_DATA_CATALOGUE_DATA_SOURCES_H_
