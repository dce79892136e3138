// Every folder of examples/, copied as a user would copy it, applied,
// re-planned empty and destroyed against the simulator. A folder needs a
// recipe here (the variables it takes, the Civo objects it expects to
// exist); a new example without one fails, so none goes untested.
#include <algorithm>
#include <filesystem>
#include <functional>

#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

std::vector<std::string> ExampleFolders() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() + "/examples", ec)) {
    if (e.is_directory()) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class Examples : public TerraformTest, public ::testing::WithParamInterface<std::string> {
 protected:
  // What an example needs before `apply`: objects at the simulator, and the
  // -var arguments; nullopt when the folder has no recipe.
  struct Recipe {
    std::function<bool(Examples*)> seed;  // false: seeding failed
    std::function<Vars(Examples*)> vars;
  };

  std::optional<Recipe> RecipeFor(const std::string& folder) {
    auto network = [](Examples* t) { return Vars{"-var", "network_id=" + t->net_}; };
    auto nothing = [](Examples*) { return true; };
    if (folder == "quickstart" || folder == "cloud-init" || folder == "instance-password") {
      return Recipe{nothing, network};
    }
    if (folder == "planton-manifest") return Recipe{nothing, [](Examples*) { return Vars{}; }};
    if (folder == "planton-stack") return Recipe{nothing, [](Examples*) { return Vars{}; }};
    if (folder == "network-and-firewall-by-name") {
      return Recipe{[](Examples* t) { return !t->sim_->CreateFirewall("web-firewall", t->net_).empty(); },
                    [](Examples*) { return Vars{}; }};
    }
    if (folder == "stack") return Recipe{nothing, [](Examples*) { return Vars{}; }};
    if (folder == "volumes-and-reserved-ip") {
      return Recipe{[](Examples* t) {
                      return !t->sim_->CreateVolume("data-1", t->net_).empty() &&
                             !t->sim_->CreateReservedIp("web-ip").empty();
                    },
                    network};
    }
    if (folder == "import") {
      // The instance to adopt, as its configuration describes it.
      return Recipe{[](Examples* t) {
                      t->legacy_ = t->sim_->CreateInstance("legacy-1", "g3.small", "ubuntu-jammy",
                                                           t->net_);
                      return !t->legacy_.empty() && t->WaitActive(t->legacy_);
                    },
                    [](Examples* t) { return Vars{"-var", "instance_id=" + t->legacy_}; }};
    }
    return std::nullopt;
  }

  std::string legacy_;
};

TEST_P(Examples, AppliesReplansEmptyAndDestroys) {
  const std::string folder = GetParam();
  auto recipe = RecipeFor(folder);
  ASSERT_TRUE(recipe) << "examples/" << folder
                      << " has no recipe in tests/terraform/examples_test.cc (its variables and "
                         "the objects it expects): add one";
  // The repository's layout: examples/FOLDER beside modules/, which an
  // example may use as `../../modules/NAME`.
  WorkDir& d = NewDir("examples/" + folder);
  std::error_code ec;
  std::filesystem::copy(SourceDir() + "/examples/" + folder, d.path(),
                        std::filesystem::copy_options::recursive |
                            std::filesystem::copy_options::overwrite_existing,
                        ec);
  ASSERT_FALSE(ec) << ec.message();
  if (std::filesystem::is_directory(SourceDir() + "/modules")) {
    std::filesystem::copy(SourceDir() + "/modules", root_->path() + "/modules",
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing,
                          ec);
    ASSERT_FALSE(ec) << ec.message();
  }
  ASSERT_TRUE(recipe->seed(this)) << "seeding the simulator for " << folder;
  Vars vars = recipe->vars(this);

  ASSERT_TRUE(Init(d));
  CliRun validate = d.Tf({"validate", "-no-color"});
  ASSERT_TRUE(validate.ok()) << validate.Describe();
  ASSERT_TRUE(ApplyThenEmptyPlan(d, vars));
  EXPECT_GE(ResourceCount(d), 1);
  EXPECT_FALSE(SimInstanceIds().empty());
  CliRun outputs = d.Tf({"output", "-json", "-no-color"});
  EXPECT_TRUE(outputs.ok()) << outputs.Describe();
  if (!legacy_.empty()) {
    EXPECT_EQ(SimInstanceIds(), Strings{legacy_}) << "import created instead of adopting";
  }

  ASSERT_TRUE(Destroy(d, vars));
  EXPECT_EQ(ResourceCount(d), 0);
  EXPECT_TRUE(SimInstanceIds().empty()) << Join(SimInstanceIds());
}

INSTANTIATE_TEST_SUITE_P(Folders, Examples, ::testing::ValuesIn(ExampleFolders()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace tfcli
