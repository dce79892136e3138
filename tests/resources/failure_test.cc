// Failures: a step after the POST failing keeps the id (nothing leaks), an
// ambiguous create never makes two instances, and StopProvider cuts a long
// wait short.
#include <chrono>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/resources/fixture.h"

namespace restest {
namespace {

using tfplugin::Diagnostics;

size_t InstancesNamed(civoapi::Client& api, const civoapi::CallOptions& opts,
                      const std::string& hostname) {
  auto all = api.ListInstances(opts);
  EXPECT_TRUE(all.ok()) << all.status();
  size_t n = 0;
  if (all.ok()) {
    for (const auto& i : *all) n += i.hostname == hostname ? 1 : 0;
  }
  return n;
}

class FailureTest : public ResourceTest {};

TEST_F(FailureTest, FailureAfterCreateKeepsTheId) {
  auto vol = api_->CreateVolume("data", default_network_id_, 10, Opts());
  ASSERT_TRUE(vol.ok());
  Value config = Config({{"volume_ids", Value::List({Ref(vol->id)})}});
  Diagnostics d;
  auto plan = Plan(Value::Null(), config, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  sim_->UpdateConfig([&](civosim::SimConfig& c) {
    c.fail_next = 1;
    c.fail_status = 422;
    c.fail_method = "PUT";
    c.fail_path_prefix = "/v2/volumes/" + vol->id + "/attach";
  });
  auto applied = Apply(Value::Null(), plan.planned_state, config, d);
  EXPECT_TRUE(d.HasError());
  EXPECT_TRUE(HasDiagAt(d, tfplugin::Severity::kError, "volume_ids[0]")) << DiagText(d);
  ASSERT_FALSE(applied.new_state.is_null());
  EXPECT_TRUE(applied.new_state.IsWhollyKnown()) << applied.new_state.DebugString();
  const Value& id = applied.new_state.Attr("id");
  ASSERT_FALSE(id.is_null());
  EXPECT_TRUE(api_->GetInstance(id.AsString(), Opts()).ok());
  // The tainted instance can be destroyed from that state.
  DestroyOk(applied.new_state);
}

TEST_F(FailureTest, AmbiguousCreateThatCreatedIsAdoptedNotRepeated) {
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.ambiguous_creates = 1;
    c.ambiguous_create_status = 502;
  });
  const uint64_t before = LastSeq();
  Value state = CreateOk(Config({{"instance_name", Value::String("once")}}));
  EXPECT_EQ(CountCalls(before, "POST", "/v2/instances"), 1u);
  EXPECT_EQ(InstancesNamed(*api_, Opts(), "once"), 1u);
  auto inst = api_->GetInstance(state.Attr("id").AsString(), Opts());
  ASSERT_TRUE(inst.ok());
  EXPECT_TRUE(inst->tags.empty()) << "the marker tag must be removed";
}

TEST_F(FailureTest, AmbiguousCreateThatDidNothingIsRetried) {
  // A 502 answered before the simulator handled the request: nothing made.
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.fail_next = 1;
    c.fail_status = 502;
    c.fail_method = "POST";
    c.fail_path_prefix = "/v2/instances";
  });
  const uint64_t before = LastSeq();
  CreateOk(Config({{"instance_name", Value::String("retried")}}));
  EXPECT_EQ(CountCalls(before, "POST", "/v2/instances"), 2u);
  EXPECT_EQ(InstancesNamed(*api_, Opts(), "retried"), 1u);
}

// Cancellation belongs to the request: cancelling one apply (as StopProvider
// does for the requests in flight) ends its wait promptly, and the requests
// that come after it work.
TEST_F(FailureTest, StopDuringALongBuildReturnsPromptlyAndLaterRequestsWork) {
  StartSim(std::chrono::minutes(10));
  Value config = Config({{"instance_name", Value::String("slow")}});
  Diagnostics d;
  auto plan = Plan(Value::Null(), config, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  tfplugin::ApplyResponse applied;
  Diagnostics apply_diags;
  tfplugin::RequestContext ctx("ApplyResourceChange", "civo_compute_instance");
  std::thread worker(
      [&] { applied = Apply(ctx, Value::Null(), plan.planned_state, config, apply_diags); });
  // Let the POST happen and the wait begin.
  for (int i = 0; i < 200 && CountCalls(0, "POST", "/v2/instances") == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto stop_at = std::chrono::steady_clock::now();
  ctx.Cancel(tfplugin::CancelCause::kStopProvider);
  worker.join();
  const auto took = std::chrono::steady_clock::now() - stop_at;
  EXPECT_LT(took, std::chrono::seconds(10));  // generous: "does not hang"
  EXPECT_TRUE(apply_diags.HasError());
  EXPECT_NE(DiagText(apply_diags).find("cancelled"), std::string::npos) << DiagText(apply_diags);
  ASSERT_FALSE(applied.new_state.is_null());
  EXPECT_FALSE(applied.new_state.Attr("id").is_null()) << "the created instance is not lost";
  EXPECT_TRUE(applied.new_state.IsWhollyKnown());

  // The next requests are not cancelled: a refresh reads the instance, and
  // a create with a quick build waits for it and succeeds.
  Diagnostics rd;
  Value refreshed = Refresh(applied.new_state, rd);
  EXPECT_FALSE(rd.HasError()) << DiagText(rd);
  EXPECT_EQ(Id(refreshed), Id(applied.new_state));
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.build_time = std::chrono::milliseconds(150); });
  Value second = CreateOk(Config({{"instance_name", Value::String("after-stop")}}));
  EXPECT_FALSE(second.is_null());
}

}  // namespace
}  // namespace restest
