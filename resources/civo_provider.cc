#include "resources/civo_provider.h"

#include <memory>
#include <string>
#include <vector>

#include "civoapi/client.h"
#include "resources/components.h"
#include "resources/provider_context.h"
#include "tfplugin/framework/context.h"
#include "tfplugin/log.h"

namespace resources {

namespace {

class CivoProvider final : public tfplugin::Provider, private ComponentSink {
 public:
  explicit CivoProvider(EnvLookup env)
      : env_(std::move(env)),
        context_(std::make_shared<ProviderContext>()),
        link_(std::make_shared<tfplugin::fw::ProviderLink>()) {
    link_->provider_name = "Civo";
    link_->configure_hint = "It needs token, region and api_endpoint (or their environment "
                            "variables), all known.";
    AddCivoComponents(context_, *this);
  }

  const tfplugin::Schema& config_schema() const override { return ProviderConfigSchema(); }

  void ValidateConfig(const tfplugin::RequestContext&, const tfplugin::cty::Value& config,
                      tfplugin::Diagnostics& diags) const override {
    ValidateProviderConfig(config, diags);
  }

  void Configure(const tfplugin::RequestContext&, const tfplugin::cty::Value& config,
                 const std::string& terraform_version, tfplugin::Diagnostics& diags) override {
    ValidateProviderConfig(config, diags);
    if (diags.HasError()) return;
    ProviderSettings s = ResolveProviderConfig(config, env_, diags);
    if (diags.HasError()) return;
    if (!s.fully_known) {
      // Apply runs in a fresh process with the values known; until then,
      // plans skip the API checks.
      context_->ConfigurePartially(s.region);
      return;
    }
    civoapi::ClientOptions opts;
    opts.api_url = s.api_url;
    opts.token = s.token;
    opts.region = s.region;
    opts.user_agent = std::string("terraform-provider-civo/") + CIVO_PROVIDER_VERSION +
                      (terraform_version.empty() ? "" : " terraform/" + terraform_version);
    // One DEBUG line per API request, retry and wait (TF_LOG_PROVIDER=DEBUG).
    // The client never passes the token or a request body to this sink.
    opts.debug_log = [](const std::string& line) {
      tfplugin::Log(tfplugin::LogLevel::kDebug, "civoapi", line);
    };
    auto client = civoapi::Client::Create(std::move(opts));
    if (!client.ok()) {
      diags.AddError("Could not set up the Civo API client", std::string(client.status().message()));
      return;
    }
    context_->Configure(std::shared_ptr<civoapi::Client>(std::move(*client)), s.region);
    link_->configured = true;
  }

  const std::vector<tfplugin::Resource*>& resources() const override { return resources_; }
  const std::vector<tfplugin::DataSource*>& data_sources() const override { return data_sources_; }
  const std::vector<tfplugin::EphemeralResource*>& ephemeral_resources() const override {
    return ephemeral_;
  }
  const std::vector<tfplugin::Function*>& functions() const override { return functions_; }

  void AddResource(std::unique_ptr<tfplugin::Resource> r) override { Own(std::move(r), resources_); }
  void AddDataSource(std::unique_ptr<tfplugin::DataSource> d) override {
    Own(std::move(d), data_sources_);
  }
  void AddEphemeralResource(std::unique_ptr<tfplugin::EphemeralResource> e) override {
    Own(std::move(e), ephemeral_);
  }
  void AddFunction(std::unique_ptr<tfplugin::Function> f) override { Own(std::move(f), functions_); }

 private:
  // Links framework components to this provider ("not configured" guard),
  // keeps them alive and lists them for the RPCs.
  template <typename T>
  void Own(std::unique_ptr<T> item, std::vector<T*>& list) {
    if (auto* c = dynamic_cast<tfplugin::fw::Component*>(item.get())) c->AttachProvider(link_);
    list.push_back(item.get());
    owned_.push_back(std::shared_ptr<void>(std::move(item)));
  }

  EnvLookup env_;
  std::shared_ptr<ProviderContext> context_;
  // The framework's view of the configuration ("not configured" guard).
  std::shared_ptr<tfplugin::fw::ProviderLink> link_;
  std::vector<std::shared_ptr<void>> owned_;
  std::vector<tfplugin::Resource*> resources_;
  std::vector<tfplugin::DataSource*> data_sources_;
  std::vector<tfplugin::EphemeralResource*> ephemeral_;
  std::vector<tfplugin::Function*> functions_;
};

}  // namespace

std::unique_ptr<tfplugin::Provider> NewCivoProvider() { return NewCivoProvider(ProcessEnv()); }

std::unique_ptr<tfplugin::Provider> NewCivoProvider(EnvLookup env) {
  return std::make_unique<CivoProvider>(std::move(env));
}

}  // namespace resources
