// Create, no-op re-plan, in-place updates with exactly the calls they need,
// every replacement rule (and respellings that never replace), delete, drift
// and import — checked against the simulator's request log.
#include <string>
#include <vector>
#include <thread>
#include <chrono>

#include "civoapi/errors.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/resources/fixture.h"

namespace restest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using tfplugin::Diagnostics;
using tfplugin::Severity;

bool Replaces(const tfplugin::PlanResponse& plan, const std::string& attr) {
  for (const auto& p : plan.requires_replace) {
    if (p.ToString() == attr) return true;
  }
  return false;
}

class LifecycleTest : public ResourceTest {};

TEST_F(LifecycleTest, CreateMakesOnePostAndRemovesTheMarkerTag) {
  const uint64_t before = LastSeq();
  Value state = CreateOk(Config({{"tags", Strings({"web", "prod"})}}));
  const std::string id = Id(state);
  EXPECT_THAT(MutatingCalls(before),
              ElementsAre("POST /v2/instances", "PUT /v2/instances/" + id + "/tags"));
  EXPECT_EQ(state.Attr("instance_id"), Value::String(id));
  EXPECT_EQ(state.Attr("status"), Value::String("ACTIVE"));
  EXPECT_FALSE(state.Attr("public_ipv4").is_null());
  EXPECT_FALSE(state.Attr("private_ipv4").is_null());
  EXPECT_FALSE(state.Attr("created_at_rfc3339").is_null());
  EXPECT_EQ(state.Attr("tags"), Strings({"web", "prod"}));
  auto inst = api_->GetInstance(id, Opts());
  ASSERT_TRUE(inst.ok());
  EXPECT_EQ(inst->status, "ACTIVE");
  EXPECT_THAT(inst->tags, ::testing::UnorderedElementsAre("web", "prod"));
  ExpectNoOpPlan(state, Config({{"tags", Strings({"web", "prod"})}}));
}

TEST_F(LifecycleTest, ResizeInPlaceWithKnownFigures) {
  Value state = CreateOk(Config());
  Diagnostics d;
  Value config = Config({{"size", Value::String("g3.medium")}});
  auto plan = Plan(state, config, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_THAT(plan.requires_replace, IsEmpty());
  EXPECT_EQ(plan.planned_state.Attr("cpu_cores"), Value::Int(2));
  EXPECT_EQ(plan.planned_state.Attr("ram_mb"), Value::Int(4096));
  EXPECT_EQ(plan.planned_state.Attr("disk_gb"), Value::Int(50));
  EXPECT_EQ(plan.planned_state.Attr("public_ipv4"), state.Attr("public_ipv4"));
  const uint64_t before = LastSeq();
  Value updated = UpdateOk(state, config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + Id(state) + "/resize"));
  EXPECT_EQ(updated.Attr("id"), state.Attr("id"));
  ExpectNoOpPlan(updated, config);
}

TEST_F(LifecycleTest, DownsizingReplacesWithAWarning) {
  Value state = CreateOk(Config({{"size", Value::String("g3.medium")}}));
  Diagnostics d;
  auto plan = Plan(state, Config({{"size", Value::String("g3.small")}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_TRUE(Replaces(plan, "size"));
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "size", "smaller disk")) << DiagText(d);
}

TEST_F(LifecycleTest, HostnameTagsAndFirewallEachMakeOnlyTheirCall) {
  Value state = CreateOk(Config());
  const std::string id = Id(state);

  uint64_t before = LastSeq();
  Value config = Config({{"instance_name", Value::String("web-2")}});
  state = UpdateOk(state, config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + id));
  EXPECT_EQ(api_->GetInstance(id, Opts())->hostname, "web-2");

  before = LastSeq();
  config = config.WithAttr("tags", Strings({"a"}));
  state = UpdateOk(state, config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + id + "/tags"));

  auto fw = api_->CreateFirewall("other-fw", default_network_id_, Opts());
  ASSERT_TRUE(fw.ok());
  before = LastSeq();
  config = config.WithAttr("firewall_ids", Value::List({RefByName("other-fw", "CivoFirewall")}));
  state = UpdateOk(state, config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + id + "/firewall"));
  EXPECT_EQ(state.Attr("firewall_id"), Value::String(fw->id));
  ExpectNoOpPlan(state, config);

  // Back to the network's default firewall.
  before = LastSeq();
  config = config.WithAttr("firewall_ids", Value::Null());
  state = UpdateOk(state, config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + id + "/firewall"));
  EXPECT_EQ(state.Attr("firewall_id"), Value::String(default_firewall_id_));
}

TEST_F(LifecycleTest, EachReplacementAttribute) {
  auto other_net = api_->CreateNetwork("other", Opts());
  ASSERT_TRUE(other_net.ok());
  const std::string k1 = NewSshKey("k1"), k2 = NewSshKey("k2");
  Value state = CreateOk(Config({{"ssh_key_ids", Strings({k1})},
                                 {"user_data", Value::String("#cloud-config\n")}}));
  Value base = Config({{"ssh_key_ids", Strings({k1})},
                       {"user_data", Value::String("#cloud-config\n")}});
  struct Case {
    const char* attr;
    Value value;
  };
  const std::vector<Case> cases = {
      {"region", Value::String("NYC1")},
      {"image", Value::String("debian-12")},
      {"network", Ref(other_net->id)},
      {"ssh_key_ids", Strings({k2})},
      {"user_data", Value::String("#cloud-config\npackages: [nginx]\n")},
  };
  for (const auto& c : cases) {
    Diagnostics d;
    Value config = base.WithAttr(c.attr, c.value);
    if (std::string(c.attr) == "region") {
      auto nyc = api_->ListNetworks(Opts("NYC1"));
      ASSERT_TRUE(nyc.ok());
      config = config.WithAttr("network", Ref(nyc->front().id));
    }
    auto plan = Plan(state, config, d);
    EXPECT_FALSE(d.HasError()) << c.attr << "\n" << DiagText(d);
    EXPECT_TRUE(Replaces(plan, c.attr)) << c.attr;
  }
}

TEST_F(LifecycleTest, RespellingsNeverReplaceAndMakeNoCall) {
  const std::string k1 = NewSshKey("k1"), k2 = NewSshKey("k2");
  Value state = CreateOk(Config({{"ssh_key_ids", Strings({k1})}}));
  const std::vector<Value> configs = {
      // region in another case
      Config({{"ssh_key_ids", Strings({k1})}, {"region", Value::String("lon1")}}),
      // image by id instead of name
      Config({{"ssh_key_ids", Strings({k1})},
              {"image", Value::String("9d5ea2e3-0a6c-4f43-a45e-06a5e2a9c9b1")}}),
      // network by name instead of id
      Config({{"ssh_key_ids", Strings({k1})}, {"network", RefByName("default", "CivoVpc")}}),
      // the default firewall named explicitly, by id
      Config({{"ssh_key_ids", Strings({k1})},
              {"firewall_ids", Value::List({Ref(default_firewall_id_)})}}),
      // a second SSH key: only the first counts
      Config({{"ssh_key_ids", Strings({k1, k2})}}),
  };
  for (const auto& config : configs) {
    Diagnostics d;
    auto plan = Plan(state, config, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_THAT(plan.requires_replace, IsEmpty()) << config.DebugString();
    const uint64_t before = LastSeq();
    auto applied = Apply(state, plan.planned_state, config, d);
    EXPECT_FALSE(d.HasError()) << DiagText(d);
    ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
    EXPECT_THAT(MutatingCalls(before), IsEmpty()) << config.DebugString();
  }
}

TEST_F(LifecycleTest, DeleteWaitsUntilGone) {
  Value state = CreateOk(Config());
  const uint64_t before = LastSeq();
  DestroyOk(state);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("DELETE /v2/instances/" + Id(state)));
  auto gone = api_->GetInstance(Id(state), Opts());
  EXPECT_TRUE(civoapi::IsNotFound(gone.status())) << gone.status();
  // Deleting what is already gone succeeds.
  DestroyOk(state);
}

TEST_F(LifecycleTest, DriftOutOfBandDeleteRemovesFromState) {
  Value state = CreateOk(Config());
  ASSERT_TRUE(sim_->DeleteInstanceOutOfBand(Id(state)));
  Diagnostics d;
  // The simulator deletes through DELETING; wait for it to be gone.
  for (int i = 0; i < 100 && !Refresh(state, d).is_null(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(Refresh(state, d).is_null());
  EXPECT_FALSE(d.HasError()) << DiagText(d);
}

TEST_F(LifecycleTest, DriftOutOfBandChangesShowAsADiff) {
  Value config = Config({{"tags", Strings({"a"})}});
  Value state = CreateOk(config);
  AdminPost("/_sim/instances/" + Id(state), "{\"hostname\":\"renamed\",\"tags\":[\"a\",\"b\"]}");
  Diagnostics d;
  Value refreshed = Refresh(state, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(refreshed.Attr("instance_name"), Value::String("renamed"));
  EXPECT_EQ(refreshed.Attr("tags"), Strings({"a", "b"}));
  auto plan = Plan(refreshed, config, d);
  EXPECT_THAT(plan.requires_replace, IsEmpty());
  EXPECT_EQ(plan.planned_state.Attr("instance_name"), Value::String("web-1"));
  const uint64_t before = LastSeq();
  Value fixed = UpdateOk(refreshed, config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + Id(state),
                                                 "PUT /v2/instances/" + Id(state) + "/tags"));
  ExpectNoOpPlan(fixed, config);
}

TEST_F(LifecycleTest, ImportThenNoOpPlan) {
  const std::string key_id = NewSshKey("me");
  Value created = CreateOk(Config({{"tags", Strings({"imp"})},
                                   {"ssh_key_ids", Strings({key_id})},
                                   {"user_data", Value::String("#!/bin/sh\necho hi\n")}}));
  for (const std::string& import_id : {"LON1/" + Id(created), Id(created)}) {
    Diagnostics d;
    auto imported = res_->Import(Request("ImportResourceState"), import_id, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    ASSERT_EQ(imported.size(), 1u);
    Value state = imported[0].state;
    EXPECT_TRUE(state.IsWhollyKnown());
    EXPECT_EQ(state.Attr("instance_name"), Value::String("web-1"));
    EXPECT_EQ(state.Attr("size"), Value::String("g3.small"));
    EXPECT_EQ(state.Attr("image"), Value::String("ubuntu-jammy"));
    EXPECT_EQ(state.Attr("network"), Ref(default_network_id_));
    EXPECT_TRUE(state.Attr("firewall_ids").is_null());
    EXPECT_EQ(state.Attr("tags"), Strings({"imp"}));
    // A config naming the objects as the instance has them: no-op.
    Value same = Config({{"tags", Strings({"imp"})},
                         {"ssh_key_ids", Strings({key_id})},
                         {"user_data", Value::String("#!/bin/sh\necho hi\n")}});
    ExpectNoOpPlan(state, same);
    // Naming them by value_from: never a replacement.
    auto plan = Plan(state, same.WithAttr("network", RefByName("default")), d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_THAT(plan.requires_replace, IsEmpty());
  }
  Diagnostics d;
  res_->Import(Request("ImportResourceState"), "LON1/00000000-0000-4000-8000-000000000000", d);
  EXPECT_TRUE(d.HasError());
}

}  // namespace
}  // namespace restest
