// Values terraform does not know yet (from the built-in terraform_data
// resource, plain and inside string templates, which terraform sends as
// refined unknowns), `terraform validate` on bad values, and a .tftest.hcl
// file run by `terraform test` against the simulator.
#include <string>

#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

constexpr char kWeb[] = "civo_compute_instance.web";

class Unknowns : public TerraformTest {};

TEST_F(Unknowns, TerraformDataOutputsAndTemplatesAreResolvedAtApply) {
  const std::string config = Header() + R"(variable "suffix" {
  type    = string
  default = "abc"
}

resource "terraform_data" "suffix" {
  input = var.suffix
}

resource "terraform_data" "placement" {
  input = { size = "g3.small", network = ")" + net_ + R"(" }
}

resource "civo_compute_instance" "web" {
  instance_name = "web-${terraform_data.suffix.output}"
  size          = terraform_data.placement.output.size
  image         = "ubuntu-jammy"
  network       = { value = terraform_data.placement.output.network }
  tags          = [terraform_data.suffix.output, "static"]
}
)";
  WorkDir& d = NewDir("unknowns", config);
  ASSERT_TRUE(Init(d));
  CliRun validate = d.Tf({"validate", "-no-color"});
  ASSERT_TRUE(validate.ok()) << validate.Describe();

  // At plan time every one of them is unknown; the provider accepts that.
  Plan p = PlanOut(d);
  ASSERT_TRUE(p.json.ok()) << p.Describe();
  EXPECT_EQ(p.Actions(kWeb), Strings{"create"}) << p.Describe();
  for (const char* a : {"instance_name", "size", "network", "tags"}) {
    EXPECT_TRUE(p.AfterUnknown(kWeb, a)) << a << " is known at plan time?\n" << p.Describe();
  }
  ASSERT_TRUE(ApplySavedThenEmptyPlan(d));
  const std::string id = Attr(d, kWeb, "id");
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "hostname"), "web-abc");
  EXPECT_EQ(e2e::Str(inst->root(), "size"), "g3.small");
  EXPECT_EQ(e2e::Str(inst->root(), "network_id"), net_);
  EXPECT_EQ(e2e::StrList(inst->root(), "tags"), (Strings{"abc", "static"}));
  EXPECT_EQ(Attr(d, kWeb, "instance_name"), "web-abc");

  // A new input replaces terraform_data, so the name is unknown again in an
  // update plan: the instance is renamed in place.
  Plan p2 = PlanOut(d, {"-var", "suffix=xyz"});
  ASSERT_TRUE(p2.json.ok()) << p2.Describe();
  EXPECT_EQ(p2.Actions(kWeb), Strings{"update"}) << p2.Describe();
  EXPECT_TRUE(p2.AfterUnknown(kWeb, "instance_name")) << p2.Describe();
  CliRun apply = d.Tf({"apply", "-input=false", "-no-color", "tfplan"});
  ASSERT_TRUE(apply.ok()) << apply.Describe();
  EXPECT_TRUE(EmptyPlan(d, {"-var", "suffix=xyz"}));
  EXPECT_EQ(Attr(d, kWeb, "id"), id);
  inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "hostname"), "web-xyz");

  ASSERT_TRUE(Destroy(d, {"-var", "suffix=xyz"}));
  EXPECT_TRUE(SimInstanceIds().empty());
}

class Validate : public TerraformTest {};

TEST_F(Validate, EveryBadValueIsAnErrorOnItsAttribute) {
  // One resource per bad value, each otherwise valid. `attribute` is the
  // top-level attribute, `leaf` the nested one inside it ("" when the value
  // is the attribute's own).
  struct Bad {
    std::string resource, attribute, leaf, expression;
  };
  const Bad bad[] = {
      {"r_upper", "instance_name", "", Q("Web_1")},
      {"r_long", "instance_name", "", Q(std::string(64, 'a'))},
      {"r_spaced", "size", "", Q("G3 Small")},
      {"r_capital", "image", "", Q("Ubuntu Jammy")},
      {"r_whitespace", "tags", "", "[\"two words\"]"},
      {"r_twice", "tags", "", "[\"a\", \"a\"]"},
      {"r_huge", "user_data", "", "format(\"%33000s\", \"x\")"},
      {"r_both", "network", "", "{ value = \"x\", value_from = { name = \"y\" } }"},
      {"r_duration", "timeouts", "create", "{ create = \"soon\" }"},
      {"r_kind", "network", "kind", "{ value_from = { kind = \"CivoFirewall\", name = \"default\" } }"},
  };
  std::string config = Header();
  for (const Bad& b : bad) {
    config += Resource("civo_compute_instance", b.resource,
                       With(BaseInstance(), {{b.attribute, b.expression}}));
  }
  WorkDir& d = NewDir("validate", config);
  ASSERT_TRUE(Init(d));
  size_t before = sim_->Log().size();
  CliRun v = d.Tf({"validate", "-json", "-no-color"});
  EXPECT_EQ(v.exit_code, 1) << v.Describe();
  e2e::Json j = e2e::Json::Parse(v.out);
  ASSERT_TRUE(j.ok()) << j.error();
  EXPECT_FALSE(e2e::Bool(j.root(), "valid"));
  const auto* diags = e2e::Get(j.root(), "diagnostics");
  ASSERT_TRUE(diags != nullptr && diags->IsArray()) << v.out;

  for (const Bad& b : bad) {
    SCOPED_TRACE(b.resource + ": " + b.attribute + (b.leaf.empty() ? "" : "." + b.leaf));
    int errors = 0;
    bool named = false;
    std::string seen;
    for (const auto& diag : diags->GetArray()) {
      if (e2e::Str(diag, "address") != "civo_compute_instance." + b.resource) continue;
      seen += e2e::Dump(diag) + "\n";
      if (e2e::Str(diag, "severity") != "error") continue;
      ++errors;
      // Terraform shows the line the diagnostic's attribute path points at.
      std::string code;
      if (const auto* snippet = e2e::Get(diag, "snippet")) code = e2e::Str(*snippet, "code");
      code.erase(0, code.find_first_not_of(" \t"));
      bool located = code.rfind(b.attribute + " ", 0) == 0;
      // Terraform 1.11 cannot place a path inside a nested attribute's value
      // (hashicorp/terraform#33491: it shows the resource block instead), so
      // there the text itself must name the attribute.
      std::string text = e2e::Str(diag, "summary") + " " + e2e::Str(diag, "detail");
      bool in_text = Contains(text, b.attribute) && Contains(text, b.leaf);
      named = named || (b.leaf.empty() ? located : located || in_text);
    }
    EXPECT_EQ(errors, 1) << seen;
    EXPECT_TRUE(named) << "no error names " << b.attribute
                       << (b.leaf.empty() ? " (by its line)" : "." + b.leaf + " (line or text)")
                       << "; diagnostics of this resource:\n" << (seen.empty() ? "(none)" : seen);
  }
  // A diagnostic quotes at most 100 characters of a value it rejects.
  EXPECT_FALSE(Contains(v.out, std::string(101, ' '))) << "user_data quoted in full";
  // Validation is offline: not one API call.
  EXPECT_EQ(sim_->Log().size(), before) << e2e::Sim::Describe(sim_->Log());
}

class TestCommand : public TerraformTest {};

TEST_F(TestCommand, TftestHclRunsAgainstTheSimulator) {
  WorkDir& d = NewDir("tftest", Header() + R"(variable "size" {
  type    = string
  default = "g3.small"
}

resource "civo_compute_instance" "web" {
  instance_name = "tested-1"
  size          = var.size
  image         = "ubuntu-jammy"
  network       = { value_from = { name = "default" } }
}

output "instance_id" {
  value = civo_compute_instance.web.instance_id
}
)");
  d.Write("tests/instance.tftest.hcl", R"(# No mocks: every run calls the provider, which calls the simulator.
run "create" {
  command = apply

  assert {
    condition     = civo_compute_instance.web.status == "ACTIVE"
    error_message = "the instance is not ACTIVE"
  }
  assert {
    condition     = civo_compute_instance.web.network_id != "" && civo_compute_instance.web.public_ipv4 != ""
    error_message = "network_id / public_ipv4 missing"
  }
}

run "resize_in_place" {
  command = apply
  variables {
    size = "g3.medium"
  }

  assert {
    condition     = civo_compute_instance.web.cpu_cores > 1 && civo_compute_instance.web.size == "g3.medium"
    error_message = "not resized"
  }
  assert {
    condition     = output.instance_id == run.create.instance_id
    error_message = "the resize replaced the instance"
  }
}

run "plan_only" {
  command = plan
  variables {
    size = "g3.large"
  }

  assert {
    condition     = civo_compute_instance.web.size == "g3.large"
    error_message = "plan did not propose the new size"
  }
}
)");
  ASSERT_TRUE(Init(d));
  CliRun t = d.Tf({"test", "-no-color"});
  EXPECT_EQ(t.exit_code, 0) << t.Describe();
  EXPECT_TRUE(Contains(t.out, "3 passed, 0 failed")) << t.Describe();

  // It ran against the simulator: created, resized, and destroyed at the end.
  auto log = sim_->Log();
  bool created = false, resized = false, deleted = false;
  for (const auto& r : log) {
    created = created || (r.method == "POST" && r.path == "/v2/instances");
    resized = resized || (r.method == "PUT" && Contains(r.path, "/resize"));
    deleted = deleted || (r.method == "DELETE" && Contains(r.path, "/v2/instances/"));
  }
  EXPECT_TRUE(created && resized && deleted) << e2e::Sim::Describe(sim_->MutatingCalls());
  EXPECT_TRUE(SimInstanceIds().empty()) << "terraform test left " << Join(SimInstanceIds());
}

}  // namespace
}  // namespace tfcli
