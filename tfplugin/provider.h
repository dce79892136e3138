// The protocol-free contract of a provider: its configuration and the
// resource types it serves. The gRPC server owns one Provider for the life of
// the process.
#ifndef TFPLUGIN_PROVIDER_H_
#define TFPLUGIN_PROVIDER_H_

#include <memory>
#include <string>
#include <vector>

#include "tfplugin/cty/value.h"
#include "tfplugin/data_source.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/request_context.h"
#include "tfplugin/resource.h"
#include "tfplugin/schema.h"

namespace tfplugin {

class Provider {
 public:
  virtual ~Provider() = default;

  virtual const Schema& config_schema() const = 0;
  virtual void ValidateConfig(const RequestContext& ctx, const cty::Value& config,
                              Diagnostics& diags) const = 0;
  // Called before any plan/apply/read/import (once per run; a `-debug`
  // process serving several runs is configured again for each). `config` may
  // contain unknown values (Terraform sends them when the provider block
  // depends on resources not yet created).
  virtual void Configure(const RequestContext& ctx, const cty::Value& config,
                         const std::string& terraform_version, Diagnostics& diags) = 0;
  // There is no Stop(): StopProvider cancels the RequestContext of every
  // request in flight, and the provider's code observes that.

  // The resource types, in a stable order. Owned by the provider.
  virtual const std::vector<Resource*>& resources() const = 0;
  Resource* FindResource(const std::string& type_name) const;

  // Data sources, ephemeral resources and functions, in a stable order, owned
  // by the provider. The defaults: none.
  virtual const std::vector<DataSource*>& data_sources() const;
  virtual const std::vector<EphemeralResource*>& ephemeral_resources() const;
  virtual const std::vector<Function*>& functions() const;
  DataSource* FindDataSource(const std::string& type_name) const;
  EphemeralResource* FindEphemeralResource(const std::string& type_name) const;
  Function* FindFunction(const std::string& name) const;
};

}  // namespace tfplugin

#endif  // TFPLUGIN_PROVIDER_H_
