#include "tfplugin/provider.h"

namespace tfplugin {

Resource* Provider::FindResource(const std::string& type_name) const {
  for (Resource* r : resources()) {
    if (r != nullptr && r->type_name() == type_name) return r;
  }
  return nullptr;
}

}  // namespace tfplugin
