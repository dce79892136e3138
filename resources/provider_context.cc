#include "resources/provider_context.h"

#include <algorithm>

namespace resources {

civoapi::CallOptions ApiSession::Call(const std::string& region,
                                      std::chrono::steady_clock::time_point deadline) const {
  civoapi::CallOptions o;
  o.deadline = request_deadline.has_value() ? std::min(deadline, *request_deadline) : deadline;
  o.cancel = cancel;
  o.region = region;
  return o;
}

void ProviderContext::Configure(std::shared_ptr<civoapi::Client> client,
                                std::string default_region) {
  std::lock_guard<std::mutex> lock(mu_);
  catalogue_ = std::make_shared<Catalogue>(client, nullptr);
  client_ = std::move(client);
  default_region_ = std::move(default_region);
}

void ProviderContext::ConfigurePartially(std::string default_region) {
  std::lock_guard<std::mutex> lock(mu_);
  client_.reset();
  catalogue_.reset();
  default_region_ = std::move(default_region);
}

ApiSession ProviderContext::Session(const tfplugin::RequestContext& request) const {
  ApiSession s;
  // A token of this request's own, fired by its cancellation (StopProvider
  // while it is in flight, or its client going away) and by nothing else.
  auto token = std::make_shared<civoapi::CancelToken>();
  s.cancel_link = std::make_shared<tfplugin::RequestContext::CancelCallback>(
      request.OnCancel([token] { token->Cancel(); }));
  s.cancel = token;
  s.request_deadline = request.deadline();
  std::lock_guard<std::mutex> lock(mu_);
  s.client = client_;
  s.default_region = default_region_;
  if (catalogue_ != nullptr) {
    s.catalogue = catalogue_->ForRequest(
        token, request.deadline().value_or(std::chrono::steady_clock::time_point::max()));
  }
  return s;
}

}  // namespace resources
