// The instance's firewall per SPEC.md's default-firewall paragraph, against
// a simulator that (like Civo) never says which firewall is a network's
// default: configs without firewall_ids re-plan empty after create, import
// and drift; import then plan is a no-op with or without firewall_ids;
// removing firewall_ids is one firewall call with `default`.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/resources/fixture.h"

namespace restest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using tfplugin::Diagnostics;

class FirewallTest : public ResourceTest {
 protected:
  std::string NewFirewall(const std::string& name) {
    auto fw = api_->CreateFirewall(name, default_network_id_, Opts());
    EXPECT_TRUE(fw.ok()) << fw.status();
    return fw.ok() ? fw->id : "";
  }
  Value Named(const std::string& firewall_id) {
    return Config({{"firewall_ids", Value::List({Ref(firewall_id)})}});
  }
  void DriftFirewall(const std::string& instance_id, const std::string& firewall_id) {
    ASSERT_EQ(sim_->PatchInstanceOutOfBand(instance_id, "{\"firewall_id\":\"" + firewall_id + "\"}"), 200);
  }
  std::string FirewallCallBody(uint64_t before, const std::string& id) {
    auto bodies = CallBodies(before, "PUT", "/v2/instances/" + id + "/firewall");
    EXPECT_EQ(bodies.size(), 1u);
    return bodies.empty() ? "" : bodies[0];
  }
  static std::string FirewallField(const std::string& value) {
    return "\"firewall_id\":\"" + value + "\"";
  }
};

TEST_F(FirewallTest, NoFirewallIdsKeepsWhatCivoGaveAndReplansEmpty) {
  Diagnostics d;
  auto plan = Plan(Value::Null(), Config(), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_TRUE(plan.planned_state.Attr("firewall_id").is_unknown());
  Value state = CreateOk(Config());
  EXPECT_EQ(state.Attr("firewall_id"), Value::String(SimDefaultFirewall(default_network_id_)));
  EXPECT_TRUE(state.Attr("firewall_ids").is_null());
  const uint64_t before = LastSeq();
  ExpectNoOpPlan(state, Config());
  EXPECT_THAT(MutatingCalls(before), IsEmpty());
}

TEST_F(FirewallTest, NamedFirewallIsKnownAtPlanAndReplansEmpty) {
  const std::string fw = NewFirewall("web-fw");
  Diagnostics d;
  auto plan = Plan(Value::Null(), Named(fw), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(plan.planned_state.Attr("firewall_id"), Value::String(fw));
  Value state = CreateOk(Named(fw));
  EXPECT_EQ(api_->GetInstance(Id(state), Opts())->firewall_id, fw);
  ExpectNoOpPlan(state, Named(fw));
}

TEST_F(FirewallTest, RemovingFirewallIdsIsOneCallWithDefault) {
  const std::string fw = NewFirewall("web-fw");
  for (const Value& removed : {Value::Null(), Value::List({})}) {
    Value state = CreateOk(Named(fw));
    const std::string id = Id(state);
    const Value config = Config({{"firewall_ids", removed}});
    Diagnostics d;
    auto plan = Plan(state, config, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_TRUE(plan.planned_state.Attr("firewall_id").is_unknown());
    EXPECT_EQ(plan.planned_state.Attr("firewall_ids"), removed);
    const uint64_t before = LastSeq();
    state = UpdateOk(state, config);
    EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + id + "/firewall"));
    EXPECT_NE(FirewallCallBody(before, id).find(FirewallField("default")), std::string::npos);
    EXPECT_EQ(state.Attr("firewall_id"), Value::String(SimDefaultFirewall(default_network_id_)));
    const uint64_t after = LastSeq();
    ExpectNoOpPlan(state, config);
    EXPECT_THAT(MutatingCalls(after), IsEmpty());
    DestroyOk(state);
  }
}

TEST_F(FirewallTest, DriftIsUndoneWhenFirewallIdsNamesOne) {
  const std::string fw = NewFirewall("web-fw");
  const std::string other = NewFirewall("other-fw");
  Value state = CreateOk(Named(fw));
  DriftFirewall(Id(state), other);
  Diagnostics d;
  Value refreshed = Refresh(state, d);
  EXPECT_EQ(refreshed.Attr("firewall_id"), Value::String(other));
  auto plan = Plan(refreshed, Named(fw), d);
  EXPECT_EQ(plan.planned_state.Attr("firewall_id"), Value::String(fw));
  const uint64_t before = LastSeq();
  state = UpdateOk(refreshed, Named(fw));
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + Id(state) + "/firewall"));
  EXPECT_NE(FirewallCallBody(before, Id(state)).find(FirewallField(fw)), std::string::npos);
  ExpectNoOpPlan(state, Named(fw));
}

TEST_F(FirewallTest, DriftIsAcceptedWithoutFirewallIds) {
  const std::string other = NewFirewall("other-fw");
  Value state = CreateOk(Config());
  DriftFirewall(Id(state), other);
  Diagnostics d;
  Value refreshed = Refresh(state, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(refreshed.Attr("firewall_id"), Value::String(other));
  const uint64_t before = LastSeq();
  ExpectNoOpPlan(refreshed, Config());
  EXPECT_THAT(MutatingCalls(before), IsEmpty());
}

TEST_F(FirewallTest, ImportThenPlanIsNoOpWithAndWithoutFirewallIds) {
  const std::string fw = NewFirewall("web-fw");
  const std::string on_default = Id(CreateOk(Config({{"instance_name", Value::String("a")}})));
  const std::string on_fw = Id(CreateOk(Config({{"instance_name", Value::String("b")},
                                                {"firewall_ids", Value::List({Ref(fw)})}})));
  struct Case {
    std::string id, name, firewall;
  };
  for (const Case& c : {Case{on_default, "a", SimDefaultFirewall(default_network_id_)},
                        Case{on_fw, "b", fw}}) {
    Diagnostics d;
    auto imported = res_->Import(Request("ImportResourceState"), "LON1/" + c.id, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    ASSERT_EQ(imported.size(), 1u);
    const Value& state = imported[0].state;
    const std::string& private_data = imported[0].private_data;
    EXPECT_EQ(state.Attr("firewall_id"), Value::String(c.firewall));
    const Value without = Config({{"instance_name", Value::String(c.name)}});
    const Value naming = without.WithAttr("firewall_ids", Value::List({Ref(c.firewall)}));
    const uint64_t before = LastSeq();
    ExpectNoOpPlan(state, without, private_data);
    ExpectNoOpPlan(state, naming, private_data);
    // Named by its name instead: not a replacement, and applying it makes no call.
    auto fw_name = [&]() -> std::string {
      auto list = api_->ListFirewalls(Opts());
      if (!list.ok()) return "";
      for (const auto& f : *list) {
        if (f.id == c.firewall) return f.name;
      }
      return "";
    }();
    ASSERT_FALSE(fw_name.empty());
    const Value by_name = without.WithAttr("firewall_ids", Value::List({RefByName(fw_name)}));
    auto plan = Plan(state, by_name, d, private_data);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_THAT(plan.requires_replace, IsEmpty());
    EXPECT_EQ(plan.planned_state.Attr("firewall_id"), Value::String(c.firewall));
    auto applied = Apply(state, plan.planned_state, by_name, d, plan.planned_private);
    EXPECT_FALSE(d.HasError()) << DiagText(d);
    ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
    EXPECT_THAT(MutatingCalls(before), IsEmpty());
  }
}

TEST_F(FirewallTest, ImportedFirewallFollowsTheApiUntilAConfigNamesOne) {
  const std::string fw = NewFirewall("web-fw");
  const std::string other = NewFirewall("other-fw");
  const std::string id = Id(CreateOk(Named(fw)));
  Diagnostics d;
  auto imported = res_->Import(Request("ImportResourceState"), id, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ASSERT_EQ(imported.size(), 1u);
  std::string private_data = imported[0].private_data;
  Value state = imported[0].state;

  // Drift without firewall_ids in the config: accepted, and firewall_ids
  // (read from the API) follows.
  DriftFirewall(id, other);
  state = Refresh(state, d, private_data);
  EXPECT_EQ(state.Attr("firewall_id"), Value::String(other));
  EXPECT_EQ(state.Attr("firewall_ids"), Value::List({Ref(other)}));
  uint64_t before = LastSeq();
  ExpectNoOpPlan(state, Config(), private_data);
  // Another change keeps the firewall alone.
  const Value tagged = Config({{"tags", Strings({"t"})}});
  state = UpdateOk(state, tagged, &private_data);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + id + "/tags"));
  EXPECT_EQ(state.Attr("firewall_id"), Value::String(other));
  ExpectNoOpPlan(state, tagged, private_data);

  // A config naming a firewall takes over: one call, and from then on
  // removing firewall_ids goes back to the default.
  const Value named = tagged.WithAttr("firewall_ids", Value::List({Ref(fw)}));
  before = LastSeq();
  state = UpdateOk(state, named, &private_data);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + id + "/firewall"));
  EXPECT_EQ(state.Attr("firewall_id"), Value::String(fw));
  ExpectNoOpPlan(state, named, private_data);
  before = LastSeq();
  state = UpdateOk(state, tagged, &private_data);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/instances/" + id + "/firewall"));
  EXPECT_NE(FirewallCallBody(before, id).find(FirewallField("default")), std::string::npos);
  EXPECT_EQ(state.Attr("firewall_id"), Value::String(SimDefaultFirewall(default_network_id_)));
  ExpectNoOpPlan(state, tagged, private_data);
}

}  // namespace
}  // namespace restest
