// The provider's only mutable state: the configured API client (created at
// ConfigureProvider), the default region, the catalogue cache hung on that
// client, and the cancel token StopProvider fires. Resources hold a shared
// pointer to it and take a consistent snapshot per operation.
#ifndef RESOURCES_PROVIDER_CONTEXT_H_
#define RESOURCES_PROVIDER_CONTEXT_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "civoapi/cancel.h"
#include "civoapi/client.h"
#include "resources/catalogue.h"

namespace resources {

// What one operation sees of the provider. `client` is null when the
// provider is not (fully) configured: plan then skips API checks.
struct ApiSession {
  std::shared_ptr<civoapi::Client> client;
  std::shared_ptr<Catalogue> catalogue;
  std::shared_ptr<const civoapi::CancelToken> cancel;
  std::string default_region;  // empty when unknown

  bool configured() const { return client != nullptr; }
  civoapi::CallOptions Call(const std::string& region,
                            std::chrono::steady_clock::time_point deadline) const;
};

class ProviderContext {
 public:
  ProviderContext();

  // Installs a configured client (replacing any earlier one and its caches).
  void Configure(std::shared_ptr<civoapi::Client> client, std::string default_region);
  // Configuration had unknown values: remember the default region if known,
  // but no client, so plans skip API checks.
  void ConfigurePartially(std::string default_region);

  ApiSession Session() const;
  void Stop();

 private:
  mutable std::mutex mu_;
  ApiSession session_;
  std::shared_ptr<civoapi::CancelToken> cancel_;
};

}  // namespace resources

#endif  // RESOURCES_PROVIDER_CONTEXT_H_
