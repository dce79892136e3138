// Real terraform: the ways into civo_compute_instance from elsewhere, and the
// password that stays out of state.
//  - a state holding the official provider's civo_instance plus a `moved`
//    block: the plan shows the move and no change, apply makes no API write,
//    and the next plan is empty (the official provider is stood in for by
//    official_standin/, installed from the mirror as registry.terraform.io/civo/civo);
//  - a version-0 civo_compute_instance state with a stored initial_password:
//    upgraded to version 1 without it, no change planned;
//  - the ephemeral civo_instance_password feeding a provisioner: the
//    password arrives, and is in no state or plan file.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/terraform/fixture.h"

#ifndef CIVO_OFFICIAL_STANDIN
#define CIVO_OFFICIAL_STANDIN ""
#endif

namespace tfcli {
namespace {

constexpr char kOfficialVersion[] = "1.1.0";

// Text of every argument in turn (this suite links no absl).
template <typename... Parts>
std::string Cat(const Parts&... parts) {
  std::ostringstream s;
  (s << ... << parts);
  return s.str();
}

class Migrate : public TerraformTest {
 protected:
  // Puts the stand-in into the mirror as registry.terraform.io/civo/civo and
  // lets the CLI configuration install that address from it too.
  ::testing::AssertionResult InstallOfficialStandin() {
    namespace fs = std::filesystem;
    std::error_code ec;
    // The platform directory scripts/install.sh chose for our provider.
    std::string target;
    for (const auto& version :
         fs::directory_iterator(env_.mirror() + "/registry.terraform.io/project-planton/civo", ec)) {
      for (const auto& platform : fs::directory_iterator(version.path(), ec)) {
        target = platform.path().filename().string();
      }
    }
    if (target.empty()) return ::testing::AssertionFailure() << "no platform dir in the mirror";
    const std::string dir = Cat(env_.mirror(), "/registry.terraform.io/civo/civo/",
                                         kOfficialVersion, "/", target);
    fs::create_directories(dir, ec);
    const std::string bin = Cat(dir, "/terraform-provider-civo_v", kOfficialVersion);
    fs::copy_file(CIVO_OFFICIAL_STANDIN, bin, fs::copy_options::overwrite_existing, ec);
    if (ec) return ::testing::AssertionFailure() << "copy " << CIVO_OFFICIAL_STANDIN << ": " << ec.message();
    fs::permissions(bin, fs::perms::owner_all, fs::perm_options::add, ec);
    const std::string config = Cat(
        "disable_checkpoint = true\n"
        "provider_installation {\n"
        "  filesystem_mirror {\n"
        "    path    = \"", env_.mirror(), "\"\n"
        "    include = [\"registry.terraform.io/project-planton/civo\", "
        "\"registry.opentofu.org/project-planton/civo\", \"registry.terraform.io/civo/civo\"]\n"
        "  }\n"
        "}\n");
    if (!e2e::WriteFile(env_.cli_config(), config)) {
      return ::testing::AssertionFailure() << "cannot write " << env_.cli_config();
    }
    return ::testing::AssertionSuccess();
  }

  std::string ImageId(const std::string& name) {
    e2e::Json images = sim_->Api("GET", "/v2/disk_images").json();
    if (!images.ok() || !images.root().IsArray()) return "";
    for (const auto& i : images.root().GetArray()) {
      if (e2e::Str(i, "name") == name) return e2e::Str(i, "id");
    }
    return "";
  }

  // A state file (format 4) holding one resource instance.
  static std::string StateFile(const std::string& type, const std::string& provider,
                               int schema_version, const std::string& attributes_json) {
    return Cat(R"({
  "version": 4,
  "terraform_version": "1.11.4",
  "serial": 3,
  "lineage": "6a0b7c1e-5f55-4bb6-9c1d-0d9a5e3f2a10",
  "outputs": {},
  "resources": [
    {
      "mode": "managed",
      "type": ")", type, R"(",
      "name": "web",
      "provider": "provider[\")", provider, R"(\"]",
      "instances": [
        {
          "schema_version": )", schema_version, R"(,
          "attributes": )", attributes_json, R"(,
          "sensitive_attributes": []
        }
      ]
    }
  ],
  "check_results": null
}
)");
  }

  // The resource's single instance object in the state file (or nullptr).
  static const rapidjson::Value* OnlyInstance(const e2e::Json& state, std::string* type,
                                              std::string* provider) {
    const auto* resources = e2e::Get(state.root(), "resources");
    if (resources == nullptr || !resources->IsArray() || resources->Size() != 1) return nullptr;
    const auto& r = (*resources)[0];
    *type = e2e::Str(r, "type");
    *provider = e2e::Str(r, "provider");
    const auto* instances = e2e::Get(r, "instances");
    if (instances == nullptr || !instances->IsArray() || instances->Size() != 1) return nullptr;
    return &(*instances)[0];
  }
};

std::string Json(const std::string& s) { return e2e::Quote(s); }

TEST_F(Migrate, MovedBlockTakesTheOfficialProvidersInstanceWithoutChange) {
  ASSERT_TRUE(InstallOfficialStandin());
  const std::string image_id = ImageId("ubuntu-jammy");
  ASSERT_FALSE(image_id.empty());
  const std::string id = sim_->CreateInstance("old-web", "g3.small", image_id, net_);
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(WaitActive(id));
  ASSERT_TRUE(sim_->Api("PUT", "/v2/instances/" + id + "/tags",
                        R"({"tags": "web prod", "region": "LON1"})").status / 100 == 2);
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst.has_value());
  const rapidjson::Value& i = inst->root();
  const std::string firewall = e2e::Str(i, "firewall_id");
  ASSERT_FALSE(firewall.empty());

  // civo_instance.web as the official provider's Read last wrote it (its
  // write_password on, so the password too).
  const std::string official = Cat(
      "{\"id\": ", Json(id), ", \"region\": \"LON1\", \"hostname\": \"old-web\", "
      "\"reverse_dns\": \"\", \"size\": \"g3.small\", \"public_ip_required\": \"create\", "
      "\"network_id\": ", Json(net_), ", \"disk_image\": ", Json(image_id),
      ", \"initial_user\": ", Json(e2e::Str(i, "initial_user")),
      ", \"notes\": \"\", \"sshkey_id\": \"\", \"firewall_id\": ", Json(firewall),
      ", \"volume_type\": \"\", \"tags\": [\"prod\", \"web\"], \"script\": \"\", "
      "\"cpu_cores\": ", e2e::Num(i, "cpu_cores"), ", \"ram_mb\": ", e2e::Num(i, "ram_mb"),
      ", \"disk_gb\": ", e2e::Num(i, "disk_gb"),
      ", \"source_type\": \"diskimage\", \"source_id\": \"ubuntu-jammy\", "
      "\"initial_password\": ", Json(e2e::Str(i, "initial_password")),
      ", \"write_password\": true, \"private_ip\": ", Json(e2e::Str(i, "private_ip")),
      ", \"public_ip\": ", Json(e2e::Str(i, "public_ip")),
      ", \"status\": \"ACTIVE\", \"created_at\": \"2024-05-01 10:20:30 +0000 UTC\", "
      "\"private_ipv4\": null, \"reserved_ipv4\": null, \"timeouts\": null}");
  WorkDir& d = NewDir("moved");
  ASSERT_TRUE(d.Write("terraform.tfstate",
                      StateFile("civo_instance", "registry.terraform.io/civo/civo", 0, official)));
  // The equivalent configuration, and the moved block.
  ASSERT_TRUE(d.Write("main.tf",
                      WebTf({{"instance_name", Q("old-web")},
                             {"size", Q("g3.small")},
                             {"image", Q(image_id)},
                             {"network", "{ value = " + Q(net_) + " }"},
                             {"tags", "[\"prod\", \"web\"]"}}) +
                          "moved {\n  from = civo_instance.web\n  to   = civo_compute_instance.web\n}\n"));
  ASSERT_TRUE(Init(d));
  const size_t calls_before = sim_->Log().size();

  Plan plan = PlanOut(d);
  ASSERT_TRUE(plan.json.ok()) << plan.Describe();
  EXPECT_EQ(plan.Actions("civo_compute_instance.web"), Strings{"no-op"}) << plan.Describe();
  const auto* changes = e2e::Get(plan.json.root(), "resource_changes");
  ASSERT_NE(changes, nullptr);
  ASSERT_TRUE(changes->IsArray());
  ASSERT_EQ(changes->Size(), 1u) << e2e::Dump(*changes);
  EXPECT_EQ(e2e::Str((*changes)[0], "previous_address"), "civo_instance.web");
  EXPECT_TRUE(Contains(plan.run.out, "civo_instance.web has moved to civo_compute_instance.web"))
      << plan.Describe();
  EXPECT_TRUE(Contains(plan.run.out, "0 to add, 0 to change, 0 to destroy")) << plan.Describe();
  // A write_password source: the warning points to the ephemeral resource.
  EXPECT_TRUE(Contains(plan.run.out + plan.run.err, "civo_instance_password")) << plan.Describe();

  ASSERT_TRUE(ApplySavedThenEmptyPlan(d));
  EXPECT_TRUE(sim_->MutatingCalls(calls_before).empty())
      << e2e::Sim::Describe(sim_->MutatingCalls(calls_before));

  // The state now holds our resource, of our provider, and no password.
  e2e::Json state = d.State();
  ASSERT_TRUE(state.ok());
  std::string type, provider;
  const rapidjson::Value* obj = OnlyInstance(state, &type, &provider);
  ASSERT_NE(obj, nullptr) << d.Read("terraform.tfstate");
  EXPECT_EQ(type, "civo_compute_instance");
  EXPECT_TRUE(Contains(provider, "project-planton/civo")) << provider;
  EXPECT_EQ(e2e::Num(*obj, "schema_version", -1), 1);
  EXPECT_EQ(Attr(d, "civo_compute_instance.web", "id"), id);
  EXPECT_EQ(Attr(d, "civo_compute_instance.web", "firewall_id"), firewall);
  const std::string text = d.Read("terraform.tfstate");
  EXPECT_FALSE(Contains(text, "initial_password")) << text;
  EXPECT_FALSE(Contains(text, e2e::Str(i, "initial_password"))) << text;
  // Still the same instance at Civo.
  EXPECT_EQ(SimInstanceIds(), Strings{id});
}

TEST_F(Migrate, Version0StateLosesTheStoredPasswordAndPlansNoChange) {
  WorkDir& d = NewDir("upgrade", WebTf(BaseInstance()));
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(ApplyThenEmptyPlan(d));
  // Make it the state the first release wrote: schema version 0, with the
  // initial password among the attributes.
  const std::string password = "pw-legacy-in-state";
  std::string text = d.Read("terraform.tfstate");
  const std::string v1 = "\"schema_version\": 1";
  ASSERT_TRUE(Contains(text, v1)) << text;
  text.replace(text.find(v1), v1.size(), "\"schema_version\": 0");
  const std::string attrs = "\"attributes\": {";
  ASSERT_TRUE(Contains(text, attrs));
  text.insert(text.find(attrs) + attrs.size(), "\n\"initial_password\": " + Json(password) + ",");
  ASSERT_TRUE(d.Write("terraform.tfstate", text));

  const size_t calls_before = sim_->Log().size();
  ASSERT_TRUE(ApplyThenEmptyPlan(d));  // apply: nothing to do, state written upgraded
  EXPECT_TRUE(sim_->MutatingCalls(calls_before).empty())
      << e2e::Sim::Describe(sim_->MutatingCalls(calls_before));
  const std::string upgraded = d.Read("terraform.tfstate");
  EXPECT_FALSE(Contains(upgraded, password)) << upgraded;
  EXPECT_FALSE(Contains(upgraded, "initial_password")) << upgraded;
  EXPECT_TRUE(Contains(upgraded, v1)) << upgraded;
}

TEST_F(Migrate, EphemeralPasswordReachesAProvisionerAndNoStateOrPlan) {
  const std::string extra = R"(
ephemeral "civo_instance_password" "web" {
  instance_id = civo_compute_instance.web.id
}

resource "terraform_data" "use" {
  input = civo_compute_instance.web.id
  provisioner "local-exec" {
    command     = "printf '%s' \"$PW\" > pw.txt"
    environment = { PW = ephemeral.civo_instance_password.web.password }
  }
}
)";
  WorkDir& d = NewDir("ephemeral", WebTf(BaseInstance()) + extra);
  ASSERT_TRUE(Init(d));
  Plan plan = PlanOut(d);
  ASSERT_TRUE(plan.json.ok()) << plan.Describe();
  CliRun apply;
  ASSERT_TRUE(ApplySavedThenEmptyPlan(d, &apply));
  const std::string id = Attr(d, "civo_compute_instance.web", "id");
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst.has_value());
  const std::string password = e2e::Str(inst->root(), "initial_password");
  ASSERT_FALSE(password.empty());
  EXPECT_EQ(d.Read("pw.txt"), password) << apply.Describe();
  // Terraform kept it out of every file it wrote and every line it printed.
  EXPECT_FALSE(Contains(d.Read("terraform.tfstate"), password));
  // The ephemeral resource is no object of the state (at most a dependency's name).
  e2e::Json state = d.State();
  ASSERT_TRUE(state.ok());
  for (const auto& r : e2e::Get(state.root(), "resources")->GetArray()) {
    EXPECT_NE(e2e::Str(r, "type"), "civo_instance_password") << e2e::Dump(r);
  }
  EXPECT_EQ(ResourceCount(d), 2);
  EXPECT_FALSE(Contains(apply.out + apply.err, password));
  for (const auto& entry : std::filesystem::recursive_directory_iterator(d.path())) {
    if (!entry.is_regular_file() || entry.path().filename() == "pw.txt") continue;
    EXPECT_FALSE(Contains(e2e::ReadFile(entry.path().string()), password)) << entry.path();
  }
  // A plan made now, with the instance known, holds it nowhere.
  Plan again = PlanOut(d);
  ASSERT_TRUE(again.json.ok()) << again.Describe();
  EXPECT_FALSE(Contains(e2e::Dump(again.json.root()), password));
  ASSERT_TRUE(Destroy(d));
}

}  // namespace
}  // namespace tfcli
