#include "tfplugin/data_source.h"

namespace tfplugin {

EphemeralRenewResult EphemeralResource::Renew(const RequestContext&, const std::string& private_data,
                                              Diagnostics&) {
  return EphemeralRenewResult{private_data, std::nullopt};
}

void EphemeralResource::Close(const RequestContext&, const std::string&, Diagnostics&) {}

}  // namespace tfplugin
