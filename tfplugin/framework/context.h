// What every framework hook receives about the request it serves, and the
// link between a provider and the resources it owns (is it configured?).
//
// The request context proper (cancellation when StopProvider fires or the
// client goes away, the deadline, a logger carrying the RPC and type name)
// belongs to tfplugin/request_context.h; until the server passes one into
// tfplugin::Resource's methods, fw::Context carries the RPC and type name and
// `cancelled()` reads the provider's stop flag. Hooks take `const Context&`,
// so switching to the server's context changes this file only.
#ifndef TFPLUGIN_FRAMEWORK_CONTEXT_H_
#define TFPLUGIN_FRAMEWORK_CONTEXT_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "tfplugin/diagnostics.h"

namespace tfplugin::fw {

// Shared by a fw::Provider and everything it serves.
struct ProviderLink {
  std::string provider_name;  // e.g. "tiny", for messages
  // Appended to the "Provider not configured" diagnostic, e.g. which
  // attributes or environment variables configure the provider.
  std::string configure_hint;
  std::atomic<bool> configured{false};
  // Counts StopProvider calls. A request is cancelled by a Stop that came
  // after it began, never by an earlier one: a -debug process serves many
  // terraform runs, and the next run must work again.
  std::atomic<uint64_t> stops{0};
};

class Context {
 public:
  Context(std::string rpc, std::string type_name, std::shared_ptr<const ProviderLink> link)
      : rpc_(std::move(rpc)),
        type_name_(std::move(type_name)),
        link_(std::move(link)),
        stops_at_start_(link_ != nullptr ? link_->stops.load() : 0) {}

  const std::string& rpc() const { return rpc_; }
  const std::string& type_name() const { return type_name_; }
  // True once the provider's Configure succeeded with a wholly known config.
  bool provider_configured() const { return link_ != nullptr && link_->configured.load(); }
  // True once Terraform asked the provider to stop (StopProvider) while this
  // request was being served.
  bool cancelled() const { return link_ != nullptr && link_->stops.load() > stops_at_start_; }

 private:
  std::string rpc_;
  std::string type_name_;
  std::shared_ptr<const ProviderLink> link_;
  uint64_t stops_at_start_;
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

  Context MakeContext(const char* rpc) const { return Context(rpc, type_name_, link_); }
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
