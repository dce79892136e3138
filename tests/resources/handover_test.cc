// Volumes and reserved IPs: attached/assigned once ACTIVE, changed in place,
// left in place by delete, and handed over by create_before_destroy.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/resources/fixture.h"

namespace restest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using tfplugin::Diagnostics;
using tfplugin::Severity;

class HandoverTest : public ResourceTest {
 protected:
  void SetUp() override {
    ResourceTest::SetUp();
    auto vol = api_->CreateVolume("data", default_network_id_, 10, Opts());
    ASSERT_TRUE(vol.ok()) << vol.status();
    volume_id_ = vol->id;
    auto ip = api_->CreateReservedIp("front", Opts());
    ASSERT_TRUE(ip.ok()) << ip.status();
    ip_id_ = ip->id;
    ip_address_ = ip->ip;
  }

  Value WithAttachments(const std::string& name, bool by_name) {
    return Config({{"instance_name", Value::String(name)},
                   {"volume_ids", Value::List({by_name ? RefByName("data", "CivoVolume")
                                                       : Ref(volume_id_)})},
                   {"reserved_ip_id", by_name ? RefByName("front") : Ref(ip_id_)}});
  }

  // Index in the mutating-call list of the first call containing `part`.
  static size_t IndexOf(const std::vector<std::string>& calls, const std::string& part) {
    for (size_t i = 0; i < calls.size(); ++i) {
      if (absl::StrContains(calls[i], part)) return i;
    }
    return calls.size();
  }

  std::string volume_id_, ip_id_, ip_address_;
};

TEST_F(HandoverTest, CreateAttachesVolumeAndAssignsIpOnceActive) {
  const uint64_t before = LastSeq();
  Diagnostics d;
  auto plan = Plan(Value::Null(), WithAttachments("web-1", true), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(plan.planned_state.Attr("attached_volume_ids"), Strings({volume_id_}));
  EXPECT_EQ(plan.planned_state.Attr("reserved_ip_address"), Value::String(ip_address_));
  Value state = CreateOk(WithAttachments("web-1", true));
  const std::string id = Id(state);
  EXPECT_THAT(MutatingCalls(before),
              ElementsAre("POST /v2/instances", "PUT /v2/instances/" + id + "/tags",
                          "PUT /v2/volumes/" + volume_id_ + "/attach",
                          "POST /v2/ips/" + ip_id_ + "/actions"));
  EXPECT_EQ(api_->GetVolume(volume_id_, Opts())->instance_id, id);
  EXPECT_EQ(api_->GetReservedIp(ip_id_, Opts())->assigned_to_id, id);
  EXPECT_EQ(state.Attr("public_ipv4"), Value::String(ip_address_));
  ExpectNoOpPlan(state, WithAttachments("web-1", true));
  // The same objects by id: an update that makes no call.
  const uint64_t mid = LastSeq();
  Value respelled = UpdateOk(state, WithAttachments("web-1", false));
  EXPECT_THAT(MutatingCalls(mid), IsEmpty());
  ExpectNoOpPlan(respelled, WithAttachments("web-1", false));
}

TEST_F(HandoverTest, DetachAndUnassignInPlace) {
  Value state = CreateOk(WithAttachments("web-1", false));
  const uint64_t before = LastSeq();
  Value config = Config({{"volume_ids", Value::List({})}});
  Value updated = UpdateOk(state, config);
  EXPECT_THAT(MutatingCalls(before),
              ElementsAre("PUT /v2/volumes/" + volume_id_ + "/detach",
                          "POST /v2/ips/" + ip_id_ + "/actions"));
  EXPECT_EQ(updated.Attr("attached_volume_ids"), Value::List({}));
  EXPECT_TRUE(updated.Attr("reserved_ip_address").is_null());
  EXPECT_TRUE(api_->GetVolume(volume_id_, Opts())->instance_id.empty());
  EXPECT_TRUE(api_->GetReservedIp(ip_id_, Opts())->assigned_to_id.empty());
  ExpectNoOpPlan(updated, config);
}

TEST_F(HandoverTest, DeleteLeavesVolumeAndReservedIpInPlace) {
  Value state = CreateOk(WithAttachments("web-1", false));
  const uint64_t before = LastSeq();
  DestroyOk(state);
  auto calls = MutatingCalls(before);
  EXPECT_THAT(calls, ElementsAre("POST /v2/ips/" + ip_id_ + "/actions",
                                 "PUT /v2/volumes/" + volume_id_ + "/detach",
                                 "DELETE /v2/instances/" + Id(state)));
  auto vol = api_->GetVolume(volume_id_, Opts());
  ASSERT_TRUE(vol.ok()) << vol.status();
  EXPECT_TRUE(vol->instance_id.empty());
  auto ip = api_->GetReservedIp(ip_id_, Opts());
  ASSERT_TRUE(ip.ok()) << ip.status();
  EXPECT_TRUE(ip->assigned_to_id.empty());
}

TEST_F(HandoverTest, CreateBeforeDestroyMovesVolumeAndIpToTheNewInstance) {
  Value old_state = CreateOk(WithAttachments("web-old", false));
  const std::string old_id = Id(old_state);

  // The replacement is created first, while the old instance still holds both.
  const uint64_t before = LastSeq();
  Value config = WithAttachments("web-new", true);
  Diagnostics d;
  auto plan = Plan(Value::Null(), config, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  auto applied = Apply(Value::Null(), plan.planned_state, config, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
  const std::string new_id = Id(applied.new_state);
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "", "web-old")) << DiagText(d);

  const auto calls = MutatingCalls(before);
  const size_t detach = IndexOf(calls, "/v2/volumes/" + volume_id_ + "/detach");
  const size_t attach = IndexOf(calls, "/v2/volumes/" + volume_id_ + "/attach");
  ASSERT_LT(detach, calls.size()) << ::testing::PrintToString(calls);
  ASSERT_LT(attach, calls.size());
  EXPECT_LT(IndexOf(calls, "POST /v2/instances"), detach);
  EXPECT_LT(detach, attach);
  // Unassign (from the old) comes before assign (to the new): two IP actions.
  std::vector<std::string> ip_bodies;
  for (const auto& e : sim_->Log()) {
    if (e.seq > before && e.path == "/v2/ips/" + ip_id_ + "/actions") ip_bodies.push_back(e.body);
  }
  ASSERT_EQ(ip_bodies.size(), 2u);
  EXPECT_TRUE(absl::StrContains(ip_bodies[0], "unassign"));
  EXPECT_TRUE(absl::StrContains(ip_bodies[1], "assign"));
  EXPECT_TRUE(absl::StrContains(ip_bodies[1], new_id));
  EXPECT_EQ(api_->GetVolume(volume_id_, Opts())->instance_id, new_id);
  EXPECT_EQ(api_->GetReservedIp(ip_id_, Opts())->assigned_to_id, new_id);

  // Destroying the deposed instance touches nothing that is now the new one's.
  const uint64_t mid = LastSeq();
  DestroyOk(old_state);
  EXPECT_THAT(MutatingCalls(mid), ElementsAre("DELETE /v2/instances/" + old_id));
  EXPECT_EQ(api_->GetVolume(volume_id_, Opts())->instance_id, new_id);
  EXPECT_EQ(api_->GetReservedIp(ip_id_, Opts())->assigned_to_id, new_id);
  ExpectNoOpPlan(applied.new_state, config);
}

}  // namespace
}  // namespace restest
