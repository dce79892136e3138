// What every framework hook receives about the request it serves: the
// server's RequestContext (cancellation by StopProvider or a client gone,
// deadline, logging with the RPC and type name), plus whether the provider
// is configured; and the link between a provider and what it owns.
#ifndef TFPLUGIN_FRAMEWORK_CONTEXT_H_
#define TFPLUGIN_FRAMEWORK_CONTEXT_H_

#include <atomic>
#include <memory>
#include <string>

#include "tfplugin/diagnostics.h"
#include "tfplugin/request_context.h"

namespace tfplugin::fw {

// Shared by a fw::Provider and everything it serves.
struct ProviderLink {
  std::string provider_name;  // e.g. "tiny", for messages
  // Appended to the "Provider not configured" diagnostic, e.g. which
  // attributes or environment variables configure the provider.
  std::string configure_hint;
  std::atomic<bool> configured{false};
};

class Context {
 public:
  Context(const RequestContext& request, std::shared_ptr<const ProviderLink> link)
      : request_(request), link_(std::move(link)) {}

  const RequestContext& request() const { return request_; }
  const std::string& rpc() const { return request_.rpc(); }
  const std::string& type_name() const { return request_.type_name(); }
  // True once StopProvider (or the client going away) cancelled this request.
  bool cancelled() const { return request_.cancelled(); }
  const std::optional<RequestContext::Clock::time_point>& deadline() const {
    return request_.deadline();
  }
  // True once the provider's Configure succeeded with a wholly known config.
  bool provider_configured() const { return link_ != nullptr && link_->configured.load(); }
  // A log line with the RPC and type name.
  void Log(LogLevel level, std::string_view message,
           std::initializer_list<LogField> fields = {}) const {
    request_.Log(level, "provider", message, fields);
  }

 private:
  const RequestContext& request_;
  std::shared_ptr<const ProviderLink> link_;
};

// The part every framework resource, data source and ephemeral resource
// shares: its link to the provider, and the generic "not configured" guard.
class Component {
 public:
  virtual ~Component() = default;
  void AttachProvider(std::shared_ptr<const ProviderLink> link) { link_ = std::move(link); }

 protected:
  Component(std::string type_name, bool needs_configuration)
      : type_name_(std::move(type_name)), needs_configuration_(needs_configuration) {}

  Context MakeContext(const RequestContext& request) const { return Context(request, link_); }
  // False, with the standard diagnostic, when this component needs a
  // configured provider and has none. `action`: "created", "read", ...
  bool RequireConfigured(const std::string& action, Diagnostics& diags) const;
  const std::string& component_type_name() const { return type_name_; }

 private:
  std::string type_name_;
  bool needs_configuration_;
  std::shared_ptr<const ProviderLink> link_;
};

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_CONTEXT_H_
