// Several provider processes at the same time: two provider blocks (one
// aliased, in another region) make terraform start two processes in one
// run; six working directories running `validate` and `plan` at once, as CI
// runners, Atlantis and `terragrunt run-all` do, start many more. Every
// process must serve on an address of its own (SPEC.md "Many at once"): a
// connection that reaches another process fails the TLS handshake and
// terraform reports "Plugin did not respond".
#include <thread>

#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

class ProvidersAtOnce : public TerraformTest {};

TEST_F(ProvidersAtOnce, AliasedProviderInAnotherRegionAppliesReplansEmptyAndDestroys) {
  WorkDir& d = NewDir("alias", Header() + R"(provider "civo" {
  region = "LON1"
}

provider "civo" {
  alias  = "nyc"
  region = "NYC1"
}

resource "civo_compute_instance" "lon" {
  instance_name = "lon-1"
  size          = "g3.small"
  image         = "ubuntu-jammy"
  network       = { value_from = { name = "default" } }
}

resource "civo_compute_instance" "nyc" {
  provider      = civo.nyc
  instance_name = "nyc-1"
  size          = "g3.small"
  image         = "ubuntu-jammy"
  network       = { value_from = { name = "default" } }
}
)");
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(ApplyThenEmptyPlan(d));
  const std::string lon = Attr(d, "civo_compute_instance.lon", "id");
  const std::string nyc = Attr(d, "civo_compute_instance.nyc", "id");
  EXPECT_EQ(Attr(d, "civo_compute_instance.lon", "region"), "LON1");
  EXPECT_EQ(Attr(d, "civo_compute_instance.nyc", "region"), "NYC1");
  EXPECT_EQ(Attr(d, "civo_compute_instance.nyc", "network_id"), sim_->DefaultNetworkId("NYC1"));
  EXPECT_EQ(SimInstanceIds("LON1"), Strings{lon});
  EXPECT_EQ(SimInstanceIds("NYC1"), Strings{nyc});

  ASSERT_TRUE(Destroy(d));
  EXPECT_EQ(ResourceCount(d), 0);
  EXPECT_TRUE(SimInstanceIds("LON1").empty());
  EXPECT_TRUE(SimInstanceIds("NYC1").empty());
}

TEST_F(ProvidersAtOnce, SixWorkingDirectoriesValidateAndPlanConcurrently) {
  constexpr int kDirs = 6;
  constexpr int kRounds = 4;
  std::vector<WorkDir*> dirs;
  for (int i = 0; i < kDirs; ++i) {
    WorkDir& d = NewDir("dir-" + std::to_string(i),
                        Header() + Resource("civo_compute_instance", "web",
                                            BaseInstance("web-" + std::to_string(i))));
    ASSERT_TRUE(Init(d));
    dirs.push_back(&d);
  }

  // Each round: all six directories at once, each `validate` then `plan`
  // (which configures the provider and calls the simulator).
  std::vector<std::string> failures;
  int runs = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<std::vector<CliRun>> results(kDirs);
    std::vector<std::thread> threads;
    for (int i = 0; i < kDirs; ++i) {
      threads.emplace_back([&, i] {
        results[i].push_back(dirs[i]->Tf({"validate", "-no-color"}));
        results[i].push_back(
            dirs[i]->Tf({"plan", "-detailed-exitcode", "-input=false", "-no-color"}));
      });
    }
    for (auto& t : threads) t.join();
    for (int i = 0; i < kDirs; ++i) {
      for (const CliRun& r : results[i]) {
        ++runs;
        // validate: 0; plan of a create: 2 (changes present).
        int expected = r.args.front() == "plan" ? 2 : 0;
        if (r.exit_code != expected) {
          failures.push_back("round " + std::to_string(round) + ", dir-" + std::to_string(i) +
                             ":\n" + r.Describe());
        }
      }
    }
  }
  EXPECT_EQ(runs, kDirs * kRounds * 2);
  std::string first;
  for (size_t i = 0; i < failures.size() && i < 2; ++i) first += failures[i];
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << runs
                                << " concurrent terraform runs failed; the first:\n"
                                << first;
  EXPECT_TRUE(SimInstanceIds().empty());
}

}  // namespace
}  // namespace tfcli
