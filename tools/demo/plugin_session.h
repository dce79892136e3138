// One provider process, driven the way Terraform core drives it for one
// command: launched with the magic cookie and AutoMTLS (through
// tests/support's tfplugin_test_client), GetProviderSchema first, then the
// provider block validated and configured, then resource RPCs. Terraform
// starts a fresh process per command, and so does the demo.
#ifndef TOOLS_DEMO_PLUGIN_SESSION_H_
#define TOOLS_DEMO_PLUGIN_SESSION_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "proto/tfplugin6.pb.h"
#include "tests/support/tfplugin_test_client.h"
#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"

namespace demo {

// A resource instance as Terraform keeps it in state.
struct ResourceState {
  tfplugin::cty::Value value;  // null: no object
  std::string private_data;
};

struct PlanResult {
  tfplugin::cty::Value planned;
  std::vector<std::string> requires_replace;  // attribute paths, e.g. "image"
  std::string planned_private;
};

class PluginSession {
 public:
  // Launches `binary` and loads its schema; `resource_type` is the resource
  // type the session will manage.
  static absl::StatusOr<std::unique_ptr<PluginSession>> Start(const std::string& binary,
                                                              const std::string& resource_type);
  ~PluginSession();

  pid_t pid() const { return process_->pid(); }
  const tfplugin::cty::Type& provider_type() const { return provider_type_; }
  const tfplugin::cty::Type& resource_type() const { return resource_type_; }
  const tfplugin6::Schema::Block& resource_block() const { return resource_block_; }
  bool IsSensitive(const std::string& attribute) const;

  // ValidateProviderConfig + ConfigureProvider.
  absl::Status Configure(const tfplugin::cty::Value& config);
  absl::Status ValidateResource(const tfplugin::cty::Value& config);
  // UpgradeResourceState (from the JSON Terraform would have stored), then
  // ReadResource: Terraform's refresh before every plan.
  absl::StatusOr<ResourceState> Refresh(const ResourceState& state);
  absl::StatusOr<PlanResult> Plan(const ResourceState& prior, const tfplugin::cty::Value& proposed,
                                  const tfplugin::cty::Value& config);
  absl::StatusOr<ResourceState> Apply(const ResourceState& prior, const PlanResult& plan,
                                      const tfplugin::cty::Value& config);

  // Warning diagnostics collected since the last call, as readable lines.
  std::vector<std::string> TakeWarnings();
  // GRPCController/Shutdown; the exit code, or nullopt if it had to be killed.
  std::optional<int> Shutdown();

 private:
  PluginSession() = default;
  // Error diagnostics become the returned status; warnings are kept.
  absl::Status Collect(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& diags,
                       const std::string& rpc);

  std::unique_ptr<tfplugin_test::ProviderProcess> process_;
  std::string type_name_;
  tfplugin::cty::Type provider_type_;
  tfplugin::cty::Type resource_type_;
  tfplugin6::Schema::Block resource_block_;
  int64_t resource_version_ = 0;
  std::vector<std::string> warnings_;
  bool shut_down_ = false;
};

// The proposed new state as Terraform computes it (objchange.ProposedNew),
// for a resource whose nested attributes have no computed members: the
// configured value wins; an attribute left null in config keeps its prior
// value when it is computed.
tfplugin::cty::Value ProposedNew(const tfplugin6::Schema::Block& block,
                                 const tfplugin::cty::Value& prior,
                                 const tfplugin::cty::Value& config);

}  // namespace demo

#endif  // TOOLS_DEMO_PLUGIN_SESSION_H_
