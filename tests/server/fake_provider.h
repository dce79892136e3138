// A small, protocol-free provider used by the server tests: one resource
// "tptest_thing". It records the last request of each kind so the translator
// tests can check what reached it, and it behaves plausibly (ids, plans) so
// the same provider, wrapped in Serve(), makes the test plugin binary.
#ifndef TESTS_SERVER_FAKE_PROVIDER_H_
#define TESTS_SERVER_FAKE_PROVIDER_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin/provider.h"

namespace tptest {

// Schema of tptest_thing: id (computed), name (required), size (optional
// number), secret (optional, sensitive), tags (list of string), spec
// (nested single {a, b}), items (nested list {k}), by_key (nested map {v}),
// members (nested set {m}), rule (block list {port}).
tfplugin::Schema ThingSchema();
// Provider config: token (sensitive), endpoint.
tfplugin::Schema ConfigSchema();

struct Recorded {
  std::optional<tfplugin::PlanRequest> plan;
  std::optional<tfplugin::ApplyRequest> apply;
  std::optional<tfplugin::ReadRequest> read;
  std::optional<std::string> import_id;
  std::optional<tfplugin::cty::Value> validated;
};

// An apply whose name is "block-until-cancelled" stands in for a long wait on
// a cloud API: it waits (up to 60 s) until its request is cancelled, then
// answers an error diagnostic naming the cause and logs "blocked apply
// ended" at INFO with the cause.
inline constexpr char kBlockUntilCancelled[] = "block-until-cancelled";

class FakeThing final : public tfplugin::Resource {
 public:
  FakeThing();
  const std::string& type_name() const override { return name_; }
  const tfplugin::Schema& schema() const override { return schema_; }
  void Validate(const tfplugin::RequestContext& ctx, const tfplugin::cty::Value& config,
                tfplugin::Diagnostics& diags) const override;
  tfplugin::PlanResponse Plan(const tfplugin::RequestContext& ctx, const tfplugin::PlanRequest& req,
                              tfplugin::Diagnostics& diags) override;
  tfplugin::ApplyResponse Apply(const tfplugin::RequestContext& ctx,
                                const tfplugin::ApplyRequest& req,
                                tfplugin::Diagnostics& diags) override;
  tfplugin::ReadResponse Read(const tfplugin::RequestContext& ctx, const tfplugin::ReadRequest& req,
                              tfplugin::Diagnostics& diags) override;
  std::vector<tfplugin::ImportedObject> Import(const tfplugin::RequestContext& ctx,
                                               const std::string& id,
                                               tfplugin::Diagnostics& diags) override;
  // Applies waiting in "block-until-cancelled" right now.
  int blocked() const { return blocked_.load(); }

  Recorded recorded() const;
  // Makes Plan throw (to test the exception edge).
  void set_throw_in_plan(bool v) { throw_in_plan_ = v; }
  // Makes Apply return a value that does not match the schema.
  void set_bad_apply_result(bool v) { bad_apply_result_ = v; }

 private:
  std::string name_ = "tptest_thing";
  tfplugin::Schema schema_;
  std::atomic<int> blocked_{0};
  mutable std::mutex mu_;
  mutable Recorded rec_;
  std::atomic<bool> throw_in_plan_{false};
  std::atomic<bool> bad_apply_result_{false};
};

class FakeProvider final : public tfplugin::Provider {
 public:
  FakeProvider();
  const tfplugin::Schema& config_schema() const override { return config_schema_; }
  void ValidateConfig(const tfplugin::RequestContext& ctx, const tfplugin::cty::Value& config,
                      tfplugin::Diagnostics& diags) const override;
  void Configure(const tfplugin::RequestContext& ctx, const tfplugin::cty::Value& config,
                 const std::string& terraform_version, tfplugin::Diagnostics& diags) override;
  const std::vector<tfplugin::Resource*>& resources() const override { return list_; }

  FakeThing& thing() { return *thing_; }
  std::optional<tfplugin::cty::Value> configured() const {
    std::lock_guard<std::mutex> lock(mu_);
    return configured_;
  }
  std::string terraform_version() const {
    std::lock_guard<std::mutex> lock(mu_);
    return terraform_version_;
  }

 private:
  tfplugin::Schema config_schema_;
  std::unique_ptr<FakeThing> thing_;
  std::vector<tfplugin::Resource*> list_;
  mutable std::mutex mu_;
  std::optional<tfplugin::cty::Value> configured_;
  std::string terraform_version_;
};

}  // namespace tptest

#endif  // TESTS_SERVER_FAKE_PROVIDER_H_
