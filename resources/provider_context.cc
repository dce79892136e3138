#include "resources/provider_context.h"

namespace resources {

civoapi::CallOptions ApiSession::Call(const std::string& region,
                                      std::chrono::steady_clock::time_point deadline) const {
  civoapi::CallOptions o;
  o.deadline = deadline;
  o.cancel = cancel;
  o.region = region;
  return o;
}

ProviderContext::ProviderContext() : cancel_(std::make_shared<civoapi::CancelToken>()) {
  session_.cancel = cancel_;
}

void ProviderContext::Configure(std::shared_ptr<civoapi::Client> client,
                                std::string default_region) {
  std::lock_guard<std::mutex> lock(mu_);
  session_.catalogue = std::make_shared<Catalogue>(client, cancel_);
  session_.client = std::move(client);
  session_.default_region = std::move(default_region);
}

void ProviderContext::ConfigurePartially(std::string default_region) {
  std::lock_guard<std::mutex> lock(mu_);
  session_.client.reset();
  session_.catalogue.reset();
  session_.default_region = std::move(default_region);
}

ApiSession ProviderContext::Session() const {
  std::lock_guard<std::mutex> lock(mu_);
  return session_;
}

void ProviderContext::Stop() { cancel_->Cancel(); }

}  // namespace resources
