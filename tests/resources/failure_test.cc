// Failures: a step after the POST failing keeps the id (nothing leaks), an
// ambiguous create never makes two instances, StopProvider cuts a long wait
// short, and an ambiguous failure of any other mutating call is settled by
// reading the object back, never by repeating the call blindly.
#include <chrono>
#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

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

// ---- Ambiguous failures of every mutating call -----------------------------
// The simulator carries a call out and then answers 502, or closes the
// connection (after carrying it out, or before): the apply still succeeds,
// the object ends as planned, a call that took effect was made exactly once
// (one that did not is made again), and the next plan is empty.

// Objects each case may use, made before the instance.
struct Objects {
  std::string instance, firewall, volume, ip;
};

struct ChangeCase {
  std::string name;
  // Config overrides before and after; `destroy` instead of an after-config.
  std::function<std::map<std::string, Value>(const Objects&)> before, after;
  bool destroy = false;
  bool during_create = false;  // the faulted call is the create's marker removal
  std::string method;
  std::function<std::string(const Objects&)> path;  // exact path of the faulted call
  // The API shows the change (given the test's own client).
  std::function<bool(civoapi::Client&, const civoapi::CallOptions&, const Objects&)> in_place;
};

// gtest prints a parameter by its name, not as bytes.
void PrintTo(const ChangeCase& c, std::ostream* os) { *os << c.name; }

enum class Knob { kPerformedThen502, kPerformedThenDropped, kDroppedUnperformed };

std::string KnobName(Knob k) {
  switch (k) {
    case Knob::kPerformedThen502: return "PerformedThen502";
    case Knob::kPerformedThenDropped: return "PerformedThenDropped";
    case Knob::kDroppedUnperformed: return "DroppedUnperformed";
  }
  return "";
}

std::map<std::string, Value> None(const Objects&) { return {}; }

civoapi::Instance InstanceOf(civoapi::Client& api, const civoapi::CallOptions& o, const Objects& w) {
  auto i = api.GetInstance(w.instance, o);
  EXPECT_TRUE(i.ok()) << i.status();
  return i.ok() ? *i : civoapi::Instance{};
}

std::vector<ChangeCase> ChangeCases() {
  auto instance_path = [](const std::string& suffix) {
    return [suffix](const Objects& w) { return "/v2/instances/" + w.instance + suffix; };
  };
  return {
      {"Resize", None, [](const Objects&) { return std::map<std::string, Value>{{"size", Value::String("g3.medium")}}; },
       false, false, "PUT", instance_path("/resize"),
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         auto i = InstanceOf(a, o, w);
         return i.size == "g3.medium" && i.status == "ACTIVE";
       }},
      {"Hostname", None,
       [](const Objects&) { return std::map<std::string, Value>{{"instance_name", Value::String("renamed")}}; }, false,
       false, "PUT", instance_path(""),
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         return InstanceOf(a, o, w).hostname == "renamed";
       }},
      {"Tags", None, [](const Objects&) { return std::map<std::string, Value>{{"tags", Strings({"a", "b"})}}; }, false,
       false, "PUT", instance_path("/tags"),
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         return InstanceOf(a, o, w).tags == std::vector<std::string>{"a", "b"};
       }},
      {"Firewall", None,
       [](const Objects& w) {
         return std::map<std::string, Value>{{"firewall_ids", Value::List({Ref(w.firewall)})}};
       },
       false, false, "PUT", instance_path("/firewall"),
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         return InstanceOf(a, o, w).firewall_id == w.firewall;
       }},
      {"AttachVolume", [](const Objects&) { return std::map<std::string, Value>{{"volume_ids", Value::List({})}}; },
       [](const Objects& w) { return std::map<std::string, Value>{{"volume_ids", Value::List({Ref(w.volume)})}}; },
       false, false, "PUT", [](const Objects& w) { return "/v2/volumes/" + w.volume + "/attach"; },
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         auto v = a.GetVolume(w.volume, o);
         return v.ok() && v->instance_id == w.instance && v->status == "attached";
       }},
      {"DetachVolume",
       [](const Objects& w) { return std::map<std::string, Value>{{"volume_ids", Value::List({Ref(w.volume)})}}; },
       [](const Objects&) { return std::map<std::string, Value>{{"volume_ids", Value::List({})}}; }, false, false,
       "PUT", [](const Objects& w) { return "/v2/volumes/" + w.volume + "/detach"; },
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         auto v = a.GetVolume(w.volume, o);
         return v.ok() && v->instance_id.empty() && v->status == "available";
       }},
      {"AssignReservedIp", None,
       [](const Objects& w) { return std::map<std::string, Value>{{"reserved_ip_id", Ref(w.ip)}}; }, false, false,
       "POST", [](const Objects& w) { return "/v2/ips/" + w.ip + "/actions"; },
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         auto ip = a.GetReservedIp(w.ip, o);
         return ip.ok() && ip->assigned_to_id == w.instance;
       }},
      {"UnassignReservedIp",
       [](const Objects& w) { return std::map<std::string, Value>{{"reserved_ip_id", Ref(w.ip)}}; }, None, false,
       false, "POST", [](const Objects& w) { return "/v2/ips/" + w.ip + "/actions"; },
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         auto ip = a.GetReservedIp(w.ip, o);
         return ip.ok() && ip->assigned_to_id.empty();
       }},
      {"Delete", None, None, true, false, "DELETE", instance_path(""),
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         return civoapi::IsNotFound(a.GetInstance(w.instance, o).status());
       }},
      {"CreateMarkerRemoval", None, None, false, true, "PUT", instance_path("/tags"),
       [](civoapi::Client& a, const civoapi::CallOptions& o, const Objects& w) {
         return InstanceOf(a, o, w).tags.empty();
       }},
  };
}

class AmbiguousChangeTest : public ResourceTest,
                            public ::testing::WithParamInterface<std::tuple<ChangeCase, Knob>> {
 protected:
  // Arms the fault for the next request matching method and path prefix.
  void Arm(Knob k, const std::string& method, const std::string& path) {
    sim_->UpdateConfig([&](civosim::SimConfig& c) {
      if (k == Knob::kPerformedThen502) {
        c.ambiguous_next = 1;
        c.ambiguous_status = 502;
        c.ambiguous_method = method;
        c.ambiguous_path_prefix = path;
      } else {
        c.drop_next = 1;
        c.drop_perform = k == Knob::kPerformedThenDropped;
        c.drop_method = method;
        c.drop_path_prefix = path;
      }
    });
  }

  // The faulted requests and their repeats: method and exact path, after `seq`.
  std::vector<civosim::LogEntry> Sent(uint64_t seq, const std::string& method, const std::string& path) {
    std::vector<civosim::LogEntry> out;
    for (const auto& e : sim_->Log()) {
      if (e.seq > seq && e.method == method && e.path == path) out.push_back(e);
    }
    return out;
  }
};

TEST_P(AmbiguousChangeTest, ReadsBackAndRepeatsOnlyWhatIsMissing) {
  const auto& [c, knob] = GetParam();
  Objects w;
  auto fw = api_->CreateFirewall("second", default_network_id_, Opts());
  ASSERT_TRUE(fw.ok()) << fw.status();
  w.firewall = fw->id;
  auto vol = api_->CreateVolume("data", default_network_id_, 10, Opts());
  ASSERT_TRUE(vol.ok()) << vol.status();
  w.volume = vol->id;
  auto ip = api_->CreateReservedIp("front", Opts());
  ASSERT_TRUE(ip.ok()) << ip.status();
  w.ip = ip->id;

  uint64_t mark = LastSeq();
  Diagnostics d;
  Value state;
  Value config = Config(c.before(w));
  if (c.during_create) {
    // The instance id is not known yet: the marker removal is the create's
    // only PUT to an instance.
    Arm(knob, "PUT", "/v2/instances/");
    auto plan = Plan(Value::Null(), config, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    auto applied = Apply(Value::Null(), plan.planned_state, config, d);
    EXPECT_TRUE(d.items().empty()) << "no error, no warning about the marker tag:\n" << DiagText(d);
    ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
    state = applied.new_state;
    w.instance = Id(state);
  } else {
    state = CreateOk(config);
    w.instance = Id(state);
    mark = LastSeq();
    Arm(knob, c.method, c.path(w));
    if (c.destroy) {
      DestroyOk(state);
    } else {
      config = Config(c.after(w));
      state = UpdateOk(state, config);
    }
  }
  ASSERT_FALSE(w.instance.empty());
  const std::string path = c.path(w);
  auto sent = Sent(mark, c.method, path);
  ASSERT_FALSE(sent.empty()) << "the call was never made";
  EXPECT_FALSE(sent[0].fault.empty()) << "the fault did not hit the call";
  if (knob == Knob::kDroppedUnperformed) {
    EXPECT_EQ(sent.size(), 2u) << "a call that did not take effect is made again";
  } else {
    EXPECT_EQ(sent.size(), 1u) << "a call that took effect is not repeated";
  }
  for (size_t i = 1; i < sent.size(); ++i) EXPECT_EQ(sent[i].status, 200) << c.method << " " << path;
  EXPECT_TRUE(c.in_place(*api_, Opts(), w)) << "the object does not show the change";
  if (!c.destroy) ExpectNoOpPlan(state, config);
}

std::string ChangeCaseName(const ::testing::TestParamInfo<std::tuple<ChangeCase, Knob>>& info) {
  return std::get<0>(info.param).name + "_" + KnobName(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(EveryMutatingCall, AmbiguousChangeTest,
                         ::testing::Combine(::testing::ValuesIn(ChangeCases()),
                                            ::testing::Values(Knob::kPerformedThen502,
                                                              Knob::kPerformedThenDropped,
                                                              Knob::kDroppedUnperformed)),
                         ChangeCaseName);

}  // namespace
}  // namespace restest
