// A provider configured against an in-process simulator, and helpers that
// play Terraform's part (proposed new state, plan, apply, refresh) so the
// tests read like the lifecycle they check.
#ifndef TESTS_RESOURCES_FIXTURE_H_
#define TESTS_RESOURCES_FIXTURE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "civoapi/client.h"
#include "gtest/gtest.h"
#include "sim/simulator.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/provider.h"
#include "tfplugin/request_context.h"
#include "tfplugin/resource.h"
#include "tfplugin/schema.h"

namespace restest {

using tfplugin::cty::Value;

inline constexpr char kToken[] = "sim-token-resources";

// {value = id}
Value Ref(const std::string& id);
// {value_from = {kind, name}} (kind null when empty)
Value RefByName(const std::string& name, const std::string& kind = "");
Value Strings(const std::vector<std::string>& items);

// Terraform's proposed new state from the attributes of `block`: config for
// configured attributes, prior values for computed ones (and for
// optional+computed ones left unset). Without `block`: the instance's.
Value ProposedNewState(const tfplugin::Block& block, const Value& prior, const Value& config);
Value ProposedNewState(const Value& prior, const Value& config);

std::string DiagText(const tfplugin::Diagnostics& d);
bool HasDiagAt(const tfplugin::Diagnostics& d, tfplugin::Severity sev, const std::string& path,
               const std::string& text_part = "");

class ResourceTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  void StopAll();

  // Starts the simulator and configures the provider against it.
  void StartSim(std::chrono::milliseconds build_time = std::chrono::milliseconds(150));

  // A minimal valid config; `overrides` replace or add attributes.
  Value Config(const std::map<std::string, Value>& overrides = {}) const;

  // `prior_private` / `private_data`: the resource's private state, which
  // Terraform keeps beside the state and hands back (import sets it).
  tfplugin::PlanResponse Plan(const Value& prior, const Value& config, tfplugin::Diagnostics& d,
                              const std::string& prior_private = "");
  tfplugin::ApplyResponse Apply(const Value& prior, const Value& planned, const Value& config,
                                tfplugin::Diagnostics& d, const std::string& planned_private = "");
  // The same within a request context the test controls (to cancel it).
  tfplugin::ApplyResponse Apply(const tfplugin::RequestContext& ctx, const Value& prior,
                                const Value& planned, const Value& config,
                                tfplugin::Diagnostics& d, const std::string& planned_private = "");
  // Plan + apply, expecting success and a result consistent with the plan.
  // `private_data`, when given, is the prior private state and receives the new one.
  Value CreateOk(const Value& config);
  Value UpdateOk(const Value& prior, const Value& config, std::string* private_data = nullptr);
  void DestroyOk(const Value& prior);
  Value Refresh(const Value& state, tfplugin::Diagnostics& d, const std::string& private_data = "");
  // Refresh + plan: expects no change at all.
  void ExpectNoOpPlan(const Value& state, const Value& config, const std::string& private_data = "");

  // "METHOD /path" of every non-GET API request after `after_seq`.
  std::vector<std::string> MutatingCalls(uint64_t after_seq) const;
  size_t CountCalls(uint64_t after_seq, const std::string& method, const std::string& path) const;
  uint64_t LastSeq() const;

  // Creates an SSH key in the simulator; returns its id.
  std::string NewSshKey(const std::string& name);

  civoapi::CallOptions Opts(const std::string& region = "LON1") const;
  // Simulator admin endpoint (bypasses API checks, e.g. duplicate names).
  std::string AdminPost(const std::string& path, const std::string& json_body,
                        const std::string& region = "LON1");

  // The network's default firewall as the simulator records it (its admin
  // state dump): the API does not say which firewall that is.
  std::string SimDefaultFirewall(const std::string& network_id) const;
  // The request bodies of `METHOD path` calls after `after_seq`.
  std::vector<std::string> CallBodies(uint64_t after_seq, const std::string& method,
                                      const std::string& path) const;

  std::string default_network_id_;
  std::unique_ptr<civosim::Simulator> sim_;
  std::unique_ptr<civoapi::Client> api_;  // the test's own client, for setup and checks
  std::unique_ptr<tfplugin::Provider> provider_;
  tfplugin::Resource* res_ = nullptr;
};

// Every wholly known planned attribute must come back unchanged.
void ExpectConsistentWithPlan(const Value& planned, const Value& result);

// A fresh, uncancelled context for one direct call, as the server makes per RPC.
inline tfplugin::RequestContext Request(const std::string& rpc) {
  return tfplugin::RequestContext(rpc, "civo_compute_instance");
}

// The instance id a state holds.
inline std::string Id(const Value& state) { return state.Attr("id").AsString(); }

}  // namespace restest

#endif  // TESTS_RESOURCES_FIXTURE_H_
