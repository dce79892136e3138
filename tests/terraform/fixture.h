// The GoogleTest fixture of the real-terraform suite: each test gets its own
// civo-sim (127.0.0.1:0, 300 ms build time), its own private terraform
// environment (HOME, CLI config, a filesystem mirror filled by
// scripts/install.sh) and as many working directories as it needs, plus
// helpers for the steps every scenario repeats: init, plan with the plan
// read back as JSON, apply followed by a re-plan that must be empty, and
// the state and simulator objects to assert on.
//
// Without terraform (not on PATH, $TERRAFORM unset) every test is skipped
// with a message saying so.
#ifndef TESTS_TERRAFORM_FIXTURE_H_
#define TESTS_TERRAFORM_FIXTURE_H_

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/e2e/sim.h"
#include "tests/e2e/tfdriver_run.h"
#include "tests/terraform/terraform_cli.h"

namespace tfcli {

using Vars = std::vector<std::string>;  // extra command-line arguments, e.g. {"-var", "x=1"}
using Strings = std::vector<std::string>;
// Attribute name -> HCL expression; With() removes an attribute whose new
// expression is "".
using Attrs = std::map<std::string, std::string>;

// `terraform { required_providers { civo = { source = SOURCE } } }`.
std::string Header(const std::string& source = "project-planton/civo");
// `resource "TYPE" "NAME" { ATTRS EXTRA }`.
std::string Resource(const std::string& type, const std::string& name, const Attrs& attrs,
                     const std::string& extra = "");
Attrs With(Attrs base, const Attrs& changes);
// Header() and `resource "civo_compute_instance" "web" { ATTRS EXTRA }`.
std::string WebTf(const Attrs& attrs, const std::string& extra = "");
// An HCL string literal.
std::string Q(const std::string& s);

// A saved plan read back with `terraform show -json`.
struct Plan {
  CliRun run;         // `terraform plan -out=tfplan ...`
  e2e::Json json;  // `terraform show -json tfplan`; !ok() when the plan failed
  std::string Describe() const { return run.Describe(); }
  // change.actions of a resource: {"no-op"}, {"create"}, {"update"},
  // {"delete","create"}, {"create","delete"}, {"delete"}; empty when the
  // address is not in the plan.
  std::vector<std::string> Actions(const std::string& addr) const;
  // The attribute names (first step of each path) in change.replace_paths.
  std::vector<std::string> ReplacePaths(const std::string& addr) const;
  // The planned value of a top-level attribute of `addr` as JSON text
  // ("" when absent or unknown).
  std::string After(const std::string& addr, const std::string& name) const;
  // Whether the attribute, or any part of it, is unknown in the plan.
  bool AfterUnknown(const std::string& addr, const std::string& name) const;
};

class TerraformTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A new working directory under the test's root, with main.tf = `main_tf`
  // when given.
  WorkDir& NewDir(const std::string& name, const std::string& main_tf = "");

  // Each returns a failure carrying terraform's full output when the step
  // did not do what it should.
  ::testing::AssertionResult Init(const WorkDir& d);
  // plan -detailed-exitcode: exit 0, "No changes."
  ::testing::AssertionResult EmptyPlan(const WorkDir& d, const Vars& vars = {});
  // apply -auto-approve, then EmptyPlan.
  ::testing::AssertionResult ApplyThenEmptyPlan(const WorkDir& d, const Vars& vars = {});
  // apply of the plan saved by PlanOut, then EmptyPlan.
  ::testing::AssertionResult ApplySavedThenEmptyPlan(const WorkDir& d, CliRun* apply = nullptr);
  // destroy -auto-approve.
  ::testing::AssertionResult Destroy(const WorkDir& d, const Vars& vars = {});

  // plan -out=tfplan (and show -json tfplan).
  Plan PlanOut(const WorkDir& d, const Vars& vars = {});
  // One step of a scenario: plan -out, the actions planned for `addr` must
  // be `expected`, then apply of that plan and an empty re-plan.
  ::testing::AssertionResult PlanApplyReplan(const WorkDir& d, const std::string& addr,
                                             const Strings& expected, Plan* plan = nullptr,
                                             CliRun* apply = nullptr);

  // The minimal instance: instance_name, size g3.small, image ubuntu-jammy,
  // LON1's default network by id.
  Attrs BaseInstance(const std::string& name = "web-1") const;

  // A top-level attribute of the state's current object of `addr`
  // ("civo_compute_instance.web"), as a string, or as JSON text for
  // non-strings; "" when absent.
  static std::string Attr(const WorkDir& d, const std::string& addr, const std::string& name);
  static int ResourceCount(const WorkDir& d);

  // The simulator's view of an instance (nullopt when the API does not find
  // it) and ids of the instances that exist in a region.
  std::optional<e2e::Json> SimInstance(const std::string& id, const std::string& region = "LON1");
  std::vector<std::string> SimInstanceIds(const std::string& region = "LON1");
  // Waits until the instance is ACTIVE (for objects made through the API).
  bool WaitActive(const std::string& id, const std::string& region = "LON1");

  std::unique_ptr<e2e::TempDir> root_;     // working dirs, simulator output
  std::unique_ptr<e2e::TempDir> private_;  // HOME, CLI config, mirror (always removed)
  std::unique_ptr<e2e::Sim> sim_;
  Environment env_;
  std::vector<std::unique_ptr<WorkDir>> dirs_;
  std::string net_;  // LON1's default network id
};

bool Contains(const std::string& haystack, const std::string& needle);
std::string Join(const std::vector<std::string>& list);

}  // namespace tfcli

#endif  // TESTS_TERRAFORM_FIXTURE_H_
