// The provider's only mutable state: the configured API client (created at
// ConfigureProvider), the default region and the catalogue cache hung on that
// client. Resources hold a shared pointer to it and take a consistent
// snapshot per request (Session), which also carries that request's
// cancellation and deadline into every API call: this is where tfplugin's
// RequestContext becomes civoapi's CancelToken.
#ifndef RESOURCES_PROVIDER_CONTEXT_H_
#define RESOURCES_PROVIDER_CONTEXT_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "civoapi/cancel.h"
#include "civoapi/client.h"
#include "resources/catalogue.h"
#include "tfplugin/request_context.h"

namespace resources {

// What one request sees of the provider. `client` is null when the
// provider is not (fully) configured: plan then skips API checks.
struct ApiSession {
  std::shared_ptr<civoapi::Client> client;
  std::shared_ptr<Catalogue> catalogue;  // this request's view of the shared caches
  std::shared_ptr<const civoapi::CancelToken> cancel;  // fires when the request is cancelled
  std::optional<std::chrono::steady_clock::time_point> request_deadline;
  std::string default_region;  // empty when unknown
  // Keeps the request's cancellation wired to `cancel` while the session lives.
  std::shared_ptr<const void> cancel_link;

  bool configured() const { return client != nullptr; }
  // Options for one call: `deadline`, cut to the request's deadline.
  civoapi::CallOptions Call(const std::string& region,
                            std::chrono::steady_clock::time_point deadline) const;
};

class ProviderContext {
 public:
  ProviderContext() = default;

  // Installs a configured client (replacing any earlier one and its caches).
  void Configure(std::shared_ptr<civoapi::Client> client, std::string default_region);
  // Configuration had unknown values: remember the default region if known,
  // but no client, so plans skip API checks.
  void ConfigurePartially(std::string default_region);

  // The provider as `request` sees it: calls made through the session stop
  // when that request is cancelled, and never outlast its deadline.
  ApiSession Session(const tfplugin::RequestContext& request) const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<civoapi::Client> client_;
  std::shared_ptr<Catalogue> catalogue_;  // no request attached; views come from it
  std::string default_region_;
};

}  // namespace resources

#endif  // RESOURCES_PROVIDER_CONTEXT_H_
