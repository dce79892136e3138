// terraform init finds the provider that scripts/install.sh put into the
// filesystem mirror, under the short source (registry.terraform.io to
// terraform) and under the registry.opentofu.org hostname (what the short
// source means to tofu), and the provider installed under each hostname
// plans against the simulator.
#include <filesystem>

#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

class Install : public TerraformTest {};

TEST_F(Install, InstallsFromTheMirrorUnderBothSourceAddresses) {
  struct Case {
    std::string source, dir, address;
  };
  const Case cases[] = {
      {"project-planton/civo", "short", "registry.terraform.io/project-planton/civo"},
      {"registry.opentofu.org/project-planton/civo", "opentofu",
       "registry.opentofu.org/project-planton/civo"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE("source = " + c.source);
    WorkDir& d = NewDir(c.dir, Header(c.source) + "provider \"civo\" {}\n\n" +
                                   Resource("civo_compute_instance", "web", BaseInstance()));
    ASSERT_TRUE(Init(d));

    // The lock file records the full address, and the provider in the
    // working directory comes from the private mirror.
    std::string lock = d.Read(".terraform.lock.hcl");
    EXPECT_TRUE(Contains(lock, "provider \"" + c.address + "\"")) << lock;
    std::filesystem::path installed = d.file(".terraform/providers/" + c.address);
    ASSERT_TRUE(std::filesystem::exists(installed)) << installed;
    bool from_mirror = false;
    for (const auto& version : std::filesystem::directory_iterator(installed)) {
      for (const auto& platform : std::filesystem::directory_iterator(version.path())) {
        std::string real = std::filesystem::canonical(platform.path()).string();
        std::string mirror = std::filesystem::canonical(env_.mirror()).string();
        from_mirror = from_mirror || real.rfind(mirror + "/" + c.address + "/", 0) == 0;
      }
    }
    EXPECT_TRUE(from_mirror) << "the provider in " << installed << " is not the mirror's";
    // install.sh honoured PLUGIN_DIR: nothing went to the (private) HOME's
    // implied mirror (where it installs without PLUGIN_DIR).
    EXPECT_FALSE(std::filesystem::exists(env_.home() + "/.terraform.d/plugins"));

    CliRun providers = d.Tf({"providers", "-no-color"});
    ASSERT_TRUE(providers.ok()) << providers.Describe();
    EXPECT_TRUE(Contains(providers.out, "provider[" + c.address + "]")) << providers.out;

    CliRun validate = d.Tf({"validate", "-no-color"});
    EXPECT_TRUE(validate.ok()) << validate.Describe();

    // The provider runs: a plan against the simulator proposes the create.
    Plan p = PlanOut(d);
    ASSERT_TRUE(p.json.ok()) << p.Describe();
    EXPECT_EQ(p.Actions("civo_compute_instance.web"), Strings{"create"}) << p.Describe();
    EXPECT_EQ(p.After("civo_compute_instance.web", "network_id"), net_);
  }
  EXPECT_TRUE(SimInstanceIds().empty()) << "a plan created an instance";
}

}  // namespace
}  // namespace tfcli
