// Adopting instances made outside Terraform (`terraform import` with REGION/ID
// and ID, `import {}` blocks, `plan -generate-config-out`), and changes made
// outside Terraform afterwards (`plan/apply -refresh-only`, out-of-band
// deletion).
#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

constexpr char kLegacy[] = "civo_compute_instance.legacy";
constexpr char kWeb[] = "civo_compute_instance.web";

class Import : public TerraformTest {
 protected:
  // An ACTIVE instance made through the API, as the Civo CLI would.
  std::string Existing(const std::string& hostname) {
    std::string id = sim_->CreateInstance(hostname, "g3.small", "ubuntu-jammy", net_);
    if (!id.empty() && !WaitActive(id)) return "";
    return id;
  }
  std::string Legacy(const std::string& hostname, const std::string& network) const {
    return Header() + Resource("civo_compute_instance", "legacy",
                               With(BaseInstance(hostname), {{"network", network}}));
  }
};

TEST_F(Import, CommandWithRegionSlashIdOrBareIdThenEmptyPlan) {
  struct Case {
    std::string dir, hostname, id_form;
  };
  for (const Case& c : {Case{"region-slash-id", "legacy-1", "REGION/ID"},
                        Case{"bare-id", "legacy-2", "ID"}}) {
    SCOPED_TRACE(c.id_form);
    const std::string id = Existing(c.hostname);
    ASSERT_FALSE(id.empty());
    WorkDir& d = NewDir(c.dir, Legacy(c.hostname, "{ value = " + Q(net_) + " }"));
    ASSERT_TRUE(Init(d));
    size_t before = sim_->Log().size();
    CliRun imp = d.Tf({"import", "-input=false", "-no-color", kLegacy,
                    c.id_form == "ID" ? id : "LON1/" + id});
    ASSERT_TRUE(imp.ok()) << imp.Describe();
    EXPECT_TRUE(Contains(imp.out, "Import successful")) << imp.Describe();
    EXPECT_EQ(Attr(d, kLegacy, "id"), id);
    EXPECT_EQ(Attr(d, kLegacy, "region"), "LON1");
    EXPECT_EQ(Attr(d, kLegacy, "instance_name"), c.hostname);
    EXPECT_EQ(Attr(d, kLegacy, "size"), "g3.small");
    EXPECT_EQ(Attr(d, kLegacy, "image"), "ubuntu-jammy");
    EXPECT_EQ(Attr(d, kLegacy, "network_id"), net_);
    EXPECT_EQ(Attr(d, kLegacy, "status"), "ACTIVE");
    // A configuration naming the objects as the instance has them: no-op.
    EXPECT_TRUE(EmptyPlan(d));
    EXPECT_TRUE(sim_->MutatingCalls(before).empty())
        << e2e::Sim::Describe(sim_->MutatingCalls(before));
  }

  // The network named by value_from instead of its id: at most a change of
  // spelling in place, never a replacement, and applying it calls nothing.
  const std::string id = Existing("legacy-3");
  ASSERT_FALSE(id.empty());
  WorkDir& d = NewDir("value-from", Legacy("legacy-3", "{ value_from = { name = \"default\" } }"));
  ASSERT_TRUE(Init(d));
  CliRun imp = d.Tf({"import", "-input=false", "-no-color", kLegacy, "LON1/" + id});
  ASSERT_TRUE(imp.ok()) << imp.Describe();
  size_t before = sim_->Log().size();
  Plan p = PlanOut(d);
  ASSERT_TRUE(p.json.ok()) << p.Describe();
  EXPECT_TRUE(p.Actions(kLegacy) == Strings{"no-op"} || p.Actions(kLegacy) == Strings{"update"})
      << p.Describe();
  EXPECT_TRUE(p.ReplacePaths(kLegacy).empty()) << p.Describe();
  ASSERT_TRUE(ApplySavedThenEmptyPlan(d));
  EXPECT_EQ(Attr(d, kLegacy, "id"), id);
  EXPECT_TRUE(sim_->MutatingCalls(before).empty()) << e2e::Sim::Describe(sim_->MutatingCalls(before));
}

TEST_F(Import, ImportBlockWithGeneratedConfigurationThenEmptyPlan) {
  const std::string id = Existing("generated-1");
  ASSERT_FALSE(id.empty());
  WorkDir& d = NewDir("generate", Header() + "import {\n  to = " + std::string(kLegacy) +
                                      "\n  id = \"LON1/" + id + "\"\n}\n");
  ASSERT_TRUE(Init(d));
  size_t before = sim_->Log().size();

  // terraform writes the resource block from what the provider read.
  CliRun gen = d.Tf({"plan", "-input=false", "-no-color", "-generate-config-out=generated.tf"});
  ASSERT_TRUE(gen.ok()) << gen.Describe();
  ASSERT_TRUE(d.Exists("generated.tf")) << gen.Describe();
  std::string generated = d.Read("generated.tf");
  EXPECT_TRUE(Contains(generated, "resource \"civo_compute_instance\" \"legacy\"")) << generated;
  EXPECT_TRUE(Contains(generated, "\"generated-1\"")) << generated;
  EXPECT_TRUE(Contains(generated, "\"" + net_ + "\"")) << generated;
  EXPECT_TRUE(Contains(generated, "\"g3.small\"")) << generated;

  // The generated configuration imports with no change, and stays empty.
  Plan p = PlanOut(d);
  ASSERT_TRUE(p.json.ok()) << p.Describe();
  EXPECT_EQ(p.Actions(kLegacy), Strings{"no-op"}) << p.Describe();
  EXPECT_TRUE(Contains(p.run.out, "1 to import, 0 to add, 0 to change, 0 to destroy"))
      << p.Describe();
  CliRun apply;
  ASSERT_TRUE(ApplySavedThenEmptyPlan(d, &apply));
  EXPECT_TRUE(Contains(apply.out, "1 imported")) << apply.Describe();
  EXPECT_EQ(Attr(d, kLegacy, "id"), id);
  EXPECT_EQ(Attr(d, kLegacy, "instance_name"), "generated-1");
  EXPECT_TRUE(sim_->MutatingCalls(before).empty()) << e2e::Sim::Describe(sim_->MutatingCalls(before));

  // Managed from now on: destroy deletes it.
  ASSERT_TRUE(Destroy(d));
  EXPECT_TRUE(SimInstanceIds().empty());
}

class Drift : public TerraformTest {};

TEST_F(Drift, RefreshOnlyTakesOutOfBandChangesIntoStateAndApplyRestores) {
  Attrs base = With(BaseInstance("web-1"), {{"tags", "[\"a\"]"}});
  WorkDir& d = NewDir("drift", WebTf(base));
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create"}));
  const std::string id = Attr(d, kWeb, "id");

  // Renamed and retagged out of band.
  ASSERT_TRUE(sim_->SetHostnameOutOfBand(id, "renamed-oob"));
  ASSERT_EQ(sim_->Admin("PATCH", "/_sim/instances/" + id, "{\"tags\": [\"oob\"]}").status, 200);

  CliRun check = d.Tf({"plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-no-color"});
  EXPECT_EQ(check.exit_code, 2) << check.Describe();
  EXPECT_TRUE(Contains(check.out, "renamed-oob")) << check.Describe();

  size_t before = sim_->Log().size();
  CliRun refresh = d.Tf({"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(refresh.ok()) << refresh.Describe();
  EXPECT_EQ(Attr(d, kWeb, "instance_name"), "renamed-oob");
  EXPECT_EQ(Attr(d, kWeb, "tags"), "[\"oob\"]");
  EXPECT_TRUE(sim_->MutatingCalls(before).empty()) << e2e::Sim::Describe(sim_->MutatingCalls(before));
  // Refreshed again: nothing changed outside Terraform since. (Only the
  // text is judged: terraform's -detailed-exitcode for -refresh-only may be
  // 2 with "No changes", hashicorp/terraform#36403 and #37406; here the two
  // states differed only in the order of their sensitive_attributes.)
  CliRun again = d.Tf({"plan", "-refresh-only", "-input=false", "-no-color"});
  EXPECT_TRUE(again.ok() && Contains(again.out, "No changes.") &&
              !Contains(again.out, "changed outside of Terraform"))
      << again.Describe();

  // The configuration still says web-1 and tag a: an update puts them back.
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(Attr(d, kWeb, "id"), id);
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "hostname"), "web-1");
  EXPECT_EQ(e2e::StrList(inst->root(), "tags"), Strings{"a"});

  // Deleted out of band: refresh drops it from state; the next plan creates.
  ASSERT_TRUE(sim_->DeleteInstanceOutOfBand(id));
  refresh = d.Tf({"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(refresh.ok()) << refresh.Describe();
  EXPECT_EQ(ResourceCount(d), 0) << d.Read("terraform.tfstate");
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create"}));
  EXPECT_NE(Attr(d, kWeb, "id"), id);
  ASSERT_TRUE(Destroy(d));
  EXPECT_TRUE(SimInstanceIds().empty());
}

}  // namespace
}  // namespace tfcli
