// The one list of what the Civo provider serves: every resource, data
// source, ephemeral resource and function is added in components.cc.
#ifndef RESOURCES_COMPONENTS_H_
#define RESOURCES_COMPONENTS_H_

#include <memory>

#include "resources/provider_context.h"
#include "tfplugin/provider.h"

namespace resources {

// Where components go; the provider owns them and links them to its
// configuration.
class ComponentSink {
 public:
  virtual ~ComponentSink() = default;
  virtual void AddResource(std::unique_ptr<tfplugin::Resource> r) = 0;
  virtual void AddDataSource(std::unique_ptr<tfplugin::DataSource> d) = 0;
  virtual void AddEphemeralResource(std::unique_ptr<tfplugin::EphemeralResource> e) = 0;
  virtual void AddFunction(std::unique_ptr<tfplugin::Function> f) = 0;
};

void AddCivoComponents(const std::shared_ptr<const ProviderContext>& context, ComponentSink& sink);

}  // namespace resources

#endif  // RESOURCES_COMPONENTS_H_
