// provider::civo::manifest(text): a Planton manifest's spec as the arguments
// of the resource of its kind (see manifest_parser.h). A function needs no
// configured provider, and Terraform calls it on one that is not.
#ifndef RESOURCES_MANIFEST_MANIFEST_FUNCTION_H_
#define RESOURCES_MANIFEST_MANIFEST_FUNCTION_H_

#include <memory>

#include "tfplugin/data_source.h"

namespace resources::manifest {

std::unique_ptr<tfplugin::Function> NewManifestFunction();

}  // namespace resources::manifest

#endif  // RESOURCES_MANIFEST_MANIFEST_FUNCTION_H_
