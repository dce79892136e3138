// provider::civo::manifest through real terraform: a Planton manifest file
// drives modules/civo-compute-instance (apply, empty re-plan, the same
// manifest in the other casing and by id is still no change, destroy), and
// a bad manifest is an error naming its manifest path at validate time,
// with no API call and no configured provider.
#include <filesystem>
#include <string>

#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

constexpr char kWeb[] = "module.web.civo_compute_instance.this";

class Manifest : public TerraformTest {
 protected:
  // A working directory ROOT/stack beside a copy of the repository's
  // modules/, so `../modules/civo-compute-instance` is the module.
  WorkDir& StackDir(const std::string& main_tf) {
    std::error_code ec;
    std::filesystem::copy(SourceDir() + "/modules", root_->path() + "/modules",
                          std::filesystem::copy_options::recursive, ec);
    EXPECT_FALSE(ec) << ec.message();
    return NewDir("stack", main_tf);
  }
};

std::string ModuleTf() {
  return Header() + R"(provider "civo" {}

module "web" {
  source = "../modules/civo-compute-instance"
  spec   = provider::civo::manifest(file("${path.module}/web.yaml"))
}

output "instance_id" {
  value = module.web.instance_id
}
output "public_ipv4" {
  value = module.web.public_ipv4
}
output "private_ipv4" {
  value = module.web.private_ipv4
}
output "status" {
  value = module.web.status
}
output "created_at_rfc3339" {
  value = module.web.created_at_rfc3339
}
)";
}

TEST_F(Manifest, ModuleFromManifestFileAppliesReplansEmptyAndDestroys) {
  const std::string firewall = sim_->CreateFirewall("web-firewall", net_);
  ASSERT_FALSE(firewall.empty());
  WorkDir& d = StackDir(ModuleTf());
  // camelCase, references by name (valueFrom), one kind taken from fieldPath.
  d.Write("web.yaml", R"(apiVersion: civo.project-planton.org/v1
kind: CivoComputeInstance
metadata:
  name: web
spec:
  instanceName: web-m1
  size: g3.small
  image: ubuntu-jammy
  network:
    valueFrom:
      kind: CivoVpc
      env: prod
      name: default
  firewallIds:
    - valueFrom:
        name: web-firewall
        fieldPath: status.outputs.firewall_id
  tags:
    - planton
    - web
)");
  ASSERT_TRUE(Init(d));
  CliRun validate = d.Tf({"validate", "-no-color"});
  ASSERT_TRUE(validate.ok()) << validate.Describe();
  ASSERT_TRUE(ApplyThenEmptyPlan(d));

  const std::string id = Attr(d, kWeb, "id");
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst) << id;
  EXPECT_EQ(e2e::Str(inst->root(), "hostname"), "web-m1");
  EXPECT_EQ(e2e::Str(inst->root(), "size"), "g3.small");
  EXPECT_EQ(e2e::Str(inst->root(), "network_id"), net_);
  EXPECT_EQ(e2e::Str(inst->root(), "firewall_id"), firewall);
  EXPECT_EQ(e2e::StrList(inst->root(), "tags"), (Strings{"planton", "web"}));

  // The module's outputs are the Planton stack outputs of that instance.
  CliRun out = d.Tf({"output", "-json", "-no-color"});
  ASSERT_TRUE(out.ok()) << out.Describe();
  e2e::Json outputs = e2e::Json::Parse(out.out);
  ASSERT_TRUE(outputs.ok()) << out.out;
  auto output = [&](const char* name) {
    const auto* o = e2e::Get(outputs.root(), name);
    return o == nullptr ? std::string() : e2e::Str(*o, "value");
  };
  EXPECT_EQ(output("instance_id"), id);
  EXPECT_EQ(output("status"), "ACTIVE");
  EXPECT_EQ(output("public_ipv4"), e2e::Str(inst->root(), "public_ip"));
  EXPECT_EQ(output("private_ipv4"), e2e::Str(inst->root(), "private_ip"));
  EXPECT_FALSE(output("created_at_rfc3339").empty());

  // The same manifest in snake_case, compact: nothing to change.
  d.Write("web.yaml", "api_version: civo.project-planton.org/v1\n"
                      "kind: CivoComputeInstance\n"
                      "metadata: {name: web}\n"
                      "spec:\n"
                      "  instance_name: web-m1\n"
                      "  size: g3.small\n"
                      "  image: ubuntu-jammy\n"
                      "  network: {value_from: {kind: CivoVpc, env: prod, name: default}}\n"
                      "  firewall_ids:\n"
                      "    - value_from: {name: web-firewall, field_path: "
                      "status.outputs.firewall_id}\n"
                      "  tags: [planton, web]\n");
  EXPECT_TRUE(EmptyPlan(d));

  // Naming the same objects by id instead of by name changes the config,
  // never the instance: an update that makes no API call that changes
  // anything.
  d.Write("web.yaml", "api_version: civo.project-planton.org/v1\n"
                      "kind: CivoComputeInstance\n"
                      "spec:\n"
                      "  instance_name: web-m1\n"
                      "  size: g3.small\n"
                      "  image: ubuntu-jammy\n"
                      "  network: {value: " + net_ + "}\n"
                      "  firewall_ids: [{value: " + firewall + "}]\n"
                      "  tags: [planton, web]\n");
  size_t before = sim_->Log().size();
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  for (const e2e::SimRequest& r : sim_->Log()) {
    if (r.index >= before) {
      EXPECT_EQ(r.method, "GET") << r.ToString();
    }
  }
  EXPECT_EQ(Attr(d, kWeb, "id"), id);

  // A change in the manifest is an in-place update of the same instance.
  std::string yaml = d.Read("web.yaml");
  yaml.replace(yaml.find("g3.small"), 8, "g3.medium");
  d.Write("web.yaml", yaml);
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(Attr(d, kWeb, "id"), id);
  inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "size"), "g3.medium");

  ASSERT_TRUE(Destroy(d));
  EXPECT_EQ(ResourceCount(d), 0);
  EXPECT_TRUE(SimInstanceIds().empty()) << Join(SimInstanceIds());
}

TEST_F(Manifest, BadManifestIsAnErrorNamingTheManifestPathAtValidate) {
  // The function's fields used one by one on the resource itself, and a
  // provider with no token at all: validate never configures it, and the
  // function does not need it.
  WorkDir& d = NewDir("bad", Header() + R"(provider "civo" {}

locals {
  long  = provider::civo::manifest(file("${path.module}/long.yaml"))
  typo  = provider::civo::manifest(file("${path.module}/typo.yaml"))
  good  = provider::civo::manifest(file("${path.module}/good.yaml"))
}

resource "civo_compute_instance" "long" {
  instance_name = local.long.instance_name
  size          = local.long.size
  image         = local.long.image
  network       = local.long.network
}

resource "civo_compute_instance" "typo" {
  instance_name = local.typo.instance_name
  size          = local.typo.size
  image         = local.typo.image
  network       = local.typo.network
}

resource "civo_compute_instance" "good" {
  instance_name = local.good.instance_name
  size          = local.good.size
  image         = local.good.image
  network       = local.good.network
  tags          = local.good.tags
}
)");
  const std::string head =
      "apiVersion: civo.project-planton.org/v1\nkind: CivoComputeInstance\nmetadata: {name: x}\n";
  d.Write("long.yaml", head + "spec:\n  instanceName: " + std::string(150, 'a') +
                           "\n  size: g3.small\n  image: ubuntu-jammy\n  network: {value: n-1}\n");
  d.Write("typo.yaml", head + "spec:\n  instanceNmae: web-1\n  instanceName: web-1\n"
                              "  size: g3.small\n  image: ubuntu-jammy\n  network: {value: n-1}\n");
  d.Write("good.yaml", head + "spec:\n  instance_name: web-1\n  size: g3.small\n"
                              "  image: ubuntu-jammy\n  network: {valueFrom: {name: default}}\n"
                              "  tags: [a]\n");
  ASSERT_TRUE(Init(d));
  const size_t before = sim_->Log().size();
  const std::map<std::string, std::string> no_token = {{"CIVO_TOKEN", ""}};

  CliRun v = d.Tf({"validate", "-json", "-no-color"}, no_token);
  EXPECT_EQ(v.exit_code, 1) << v.Describe();
  e2e::Json j = e2e::Json::Parse(v.out);
  ASSERT_TRUE(j.ok()) << v.Describe();
  const auto* diags = e2e::Get(j.root(), "diagnostics");
  ASSERT_TRUE(diags != nullptr && diags->IsArray()) << v.out;
  std::string all;
  int errors = 0;
  for (const auto& diag : diags->GetArray()) {
    all += e2e::Dump(diag) + "\n";
    if (e2e::Str(diag, "severity") == "error") ++errors;
  }
  EXPECT_EQ(errors, 2) << all;
  EXPECT_TRUE(Contains(all, "spec.instanceName: ") && Contains(all, "63")) << all;
  EXPECT_TRUE(Contains(all, "spec.instanceNmae: unknown field")) << all;
  EXPECT_TRUE(Contains(all, "long.yaml") && Contains(all, "typo.yaml")) << all;
  EXPECT_FALSE(Contains(all, "good.yaml")) << all;
  // A rejected value is quoted, cut at 100 characters.
  EXPECT_FALSE(Contains(all, std::string(101, 'a'))) << "the long name quoted in full";

  // With the bad ones gone, the good manifest validates.
  d.Write("main.tf", d.Read("main.tf").substr(0, d.Read("main.tf").find("locals {")) + R"(locals {
  good = provider::civo::manifest(file("${path.module}/good.yaml"))
}

resource "civo_compute_instance" "good" {
  instance_name = local.good.instance_name
  size          = local.good.size
  image         = local.good.image
  network       = local.good.network
  tags          = local.good.tags
}
)");
  CliRun ok = d.Tf({"validate", "-no-color"}, no_token);
  EXPECT_TRUE(ok.ok()) << ok.Describe();
  EXPECT_EQ(sim_->Log().size(), before) << e2e::Sim::Describe(sim_->Log());
}

}  // namespace
}  // namespace tfcli
