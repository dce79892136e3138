// fw::Provider<C>: a provider as its typed configuration model, its
// Configure hook, and the resources, data sources, ephemeral resources and
// functions it owns. It links each of them to itself, so their "provider not
// configured" guard and their Context know whether Configure succeeded.
#ifndef TFPLUGIN_FRAMEWORK_PROVIDER_H_
#define TFPLUGIN_FRAMEWORK_PROVIDER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tfplugin/framework/context.h"
#include "tfplugin/framework/object.h"
#include "tfplugin/provider.h"

namespace tfplugin::fw {

struct ProviderOptions {
  std::string name{};  // the local name, e.g. "tiny"
  std::string description{};  // markdown, for the schema and the docs
  std::string configure_hint{};  // appended to "Provider not configured"
};

template <typename C>
class Provider : public tfplugin::Provider {
 public:
  Provider(ProviderOptions options, Object<C> config)
      : config_(std::move(config)), link_(std::make_shared<ProviderLink>()) {
    link_->provider_name = options.name;
    link_->configure_hint = options.configure_hint;
    schema_.block = ToBlock(*config_.spec(), options.description);
  }

  const Schema& config_schema() const final { return schema_; }

  void ValidateConfig(const RequestContext&, const cty::Value& config,
                      Diagnostics& diags) const final {
    ValidateObject(*config_.spec(), config, AttributePath(), diags);
  }

  void Configure(const RequestContext& ctx, const cty::Value& config,
                 const std::string& terraform_version, Diagnostics& diags) final {
    ValidateObject(*config_.spec(), config, AttributePath(), diags);
    if (diags.HasError()) return;
    const C typed = config_.Decode(config, AttributePath(), diags);
    if (diags.HasError()) return;
    const bool ok = ConfigureHook(Context(ctx, link_), typed,
                                  terraform_version, diags);
    link_->configured.store(ok && !diags.HasError());
  }

  const std::vector<tfplugin::Resource*>& resources() const final { return resources_; }
  const std::vector<tfplugin::DataSource*>& data_sources() const final { return data_sources_; }
  const std::vector<tfplugin::EphemeralResource*>& ephemeral_resources() const final {
    return ephemeral_;
  }
  const std::vector<tfplugin::Function*>& functions() const final { return functions_; }

 protected:
  // Set up from the config. Return true when the provider is usable; false
  // (without an error) when the config has unknown values — plans then run
  // with ctx.provider_configured() false and apply configures again.
  virtual bool ConfigureHook(const Context& ctx, const C& config,
                             const std::string& terraform_version, Diagnostics& diags) = 0;

  // Ownership passes to the provider; the returned reference stays valid.
  template <typename T>
  T& AddResource(std::unique_ptr<T> r) {
    return Own(std::move(r), resources_);
  }
  template <typename T>
  T& AddDataSource(std::unique_ptr<T> d) {
    return Own(std::move(d), data_sources_);
  }
  template <typename T>
  T& AddEphemeralResource(std::unique_ptr<T> e) {
    return Own(std::move(e), ephemeral_);
  }
  template <typename T>
  T& AddFunction(std::unique_ptr<T> f) {
    return Own(std::move(f), functions_);
  }

 private:
  struct Owned {
    virtual ~Owned() = default;
  };
  template <typename T>
  struct Holder : Owned {
    explicit Holder(std::unique_ptr<T> p) : ptr(std::move(p)) {}
    std::unique_ptr<T> ptr;
  };

  template <typename T, typename Base>
  T& Own(std::unique_ptr<T> item, std::vector<Base*>& list) {
    T& ref = *item;
    if constexpr (std::is_base_of_v<Component, T>) ref.AttachProvider(link_);
    list.push_back(&ref);
    owned_.push_back(std::make_unique<Holder<T>>(std::move(item)));
    return ref;
  }

  Object<C> config_;
  std::shared_ptr<ProviderLink> link_;
  Schema schema_;
  std::vector<std::unique_ptr<Owned>> owned_;
  std::vector<tfplugin::Resource*> resources_;
  std::vector<tfplugin::DataSource*> data_sources_;
  std::vector<tfplugin::EphemeralResource*> ephemeral_;
  std::vector<tfplugin::Function*> functions_;
};

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_PROVIDER_H_
