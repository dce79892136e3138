// End-to-end: failures and faults. A failure after create keeps the id (the
// instance is tainted, replaced next time, nothing leaks); 5xx and 429
// storms are survived; an ambiguous create (502 after the instance was made)
// leaves exactly one instance; StopProvider interrupts a long build
// promptly; an ambiguous failure of any other mutating call (done, then 5xx
// or a dropped connection) is settled by reading, the call made once; and a
// parallel apply/destroy of 20 instances stays clean.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <ostream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "tests/e2e/fixture.h"

namespace e2e {
namespace {

using Faults = E2ETest;

int CountStatus(const std::vector<SimRequest>& log, int lo, int hi) {
  int n = 0;
  for (const auto& r : log) {
    if (r.status >= lo && r.status <= hi) ++n;
  }
  return n;
}

TEST_F(Faults, FailureAfterCreateKeepsIdTaintsAndReplacesWithoutLeak) {
  std::string vol = sim_->CreateVolume("data-1", net_);
  ASSERT_FALSE(vol.empty());
  ASSERT_TRUE(sim_->FailVolumeAttach());
  SetWeb(With(BaseFields(), {{"volume_ids", "[{\"value\": " + Quote(vol) + "}]"}}));
  TfResult failed = Tf("apply");
  EXPECT_EQ(failed.exit_code, 1) << failed.Describe();
  EXPECT_EQ(failed.violations(), 0) << failed.Describe();
  bool apply_error = false;
  for (const auto& d : failed.Errors()) {
    if (d.step == "apply" && d.resource == kWeb) apply_error = true;
  }
  EXPECT_TRUE(apply_error) << "expected the error from ApplyResourceChange:\n"
                           << failed.Describe();

  // The instance exists and state knows it, tainted.
  auto ids = sim_->InstanceIds();
  ASSERT_EQ(ids.size(), 1u) << Join(ids);
  const Json state = ws_->State();
  auto obj = CurrentObject(state, kWeb);
  ASSERT_TRUE(obj && obj->attributes) << "instance lost from state:\n"
                                      << ReadFile(ws_->dir() + "/state.json");
  EXPECT_EQ(Str(*obj->attributes, "id"), ids[0]);
  EXPECT_EQ(obj->status, "tainted");

  // Next apply replaces it; exactly one instance remains, with the volume.
  ASSERT_TRUE(sim_->ClearFaults());
  TfResult again = TfOk("apply");
  EXPECT_EQ(again.Action(kWeb), "replace") << again.Describe();
  std::string new_id = StateId();
  EXPECT_NE(new_id, ids[0]);
  EXPECT_EQ(sim_->InstanceIds(), std::vector<std::string>{new_id});
  auto v = sim_->Volume(vol);
  ASSERT_TRUE(v);
  EXPECT_EQ(Str(v->root(), "instance_id"), new_id) << Dump(v->root());
  const Json after = ws_->State();
  EXPECT_EQ(CurrentObject(after, kWeb)->status, "");
}

TEST_F(Faults, ServerErrorStormIsSurvived) {
  ASSERT_TRUE(sim_->FaultRate5xx(0.3));
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(sim_->InstanceIds(), std::vector<std::string>{id});
  EXPECT_EQ(StateAttr(kWeb, "status"), "ACTIVE");
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
  TfOk("destroy");
  EXPECT_TRUE(sim_->InstanceIds().empty());
  auto log = sim_->Log();
  EXPECT_GE(CountStatus(log, 500, 599), 3) << "the storm did not happen:\n" << Sim::Describe(log);
}

TEST_F(Faults, RateLimitStormIsSurvived) {
  ASSERT_TRUE(sim_->RateLimit429());
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  EXPECT_FALSE(id.empty());
  EXPECT_EQ(sim_->InstanceIds(), std::vector<std::string>{id});
  TfOk("destroy");
  EXPECT_TRUE(sim_->InstanceIds().empty());
  auto log = sim_->Log();
  EXPECT_GE(CountStatus(log, 429, 429), 3) << "the storm did not happen:\n" << Sim::Describe(log);
}

TEST_F(Faults, AmbiguousCreateLeavesExactlyOneInstance) {
  ASSERT_TRUE(sim_->AmbiguousCreate502());
  SetWeb(BaseFields());
  TfResult apply = TfOk("apply");
  auto log = sim_->Log();
  long first = FindCall(log, 0, "POST", {"/v2/instances"}, {"/v2/instances/"});
  ASSERT_GE(first, 0) << Sim::Describe(log);
  EXPECT_EQ(log[first].status, 502) << "the ambiguous failure did not happen:\n"
                                    << Sim::Describe(log);
  auto ids = sim_->InstanceIds();
  ASSERT_EQ(ids.size(), 1u) << "created twice: " << Join(ids);
  EXPECT_EQ(StateId(), ids[0]);
  EXPECT_EQ(StateAttr(kWeb, "status"), "ACTIVE");
  // The marker that made the create recognisable is not a user tag.
  EXPECT_EQ(StateAttr(kWeb, "tags"), "null");
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
}

class LongBuild : public E2ETest {
 protected:
  SimOptions Options() const override {
    SimOptions o;
    o.build_time = "120s";
    return o;
  }
};

TEST_F(LongBuild, StopProviderInterruptsCreatePromptly) {
  SetWeb(BaseFields());
  std::string report_path, output_path;
  auto started = std::chrono::steady_clock::now();
  auto proc = ws_->Start("apply", {}, {}, &report_path, &output_path);
  ASSERT_TRUE(proc) << ReadFile(output_path);

  // Wait until the create call reached the simulator and the provider is
  // waiting for the build.
  bool posted = false;
  for (int i = 0; i < 300 && !posted; ++i) {
    posted = FindCall(sim_->Log(), 0, "POST", {"/v2/instances"}, {"/v2/instances/"}) >= 0;
    if (!posted) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(posted) << "no create call within 30s:\n" << ReadFile(output_path);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  // Ctrl-C, as a terminal delivers it (to the whole process group): tfdriver
  // sends StopProvider; the provider itself must ignore SIGINT.
  auto interrupted = std::chrono::steady_clock::now();
  proc->SignalGroup(SIGINT);
  TfResult r = Workspace::Collect(*proc, report_path, output_path, std::chrono::seconds(60),
                                  started);
  double after_signal =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - interrupted).count();
  EXPECT_LT(after_signal, 15.0) << "apply did not return promptly after StopProvider: "
                                << r.Describe();
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  bool provider_error = false;
  for (const auto& d : r.Errors()) {
    EXPECT_EQ(d.summary.find("Plugin did not respond"), std::string::npos) << d.ToString();
    if (d.origin == "provider" && d.resource == kWeb) provider_error = true;
  }
  EXPECT_TRUE(provider_error) << "the interrupted create should end in a provider error:\n"
                              << r.Describe();
  const auto* pp = r.ProviderProcess("apply");
  ASSERT_NE(pp, nullptr) << r.Describe();
  EXPECT_TRUE(Bool(*pp, "graceful_exit")) << Dump(*pp);

  // Nothing lost: the instance that exists is in state (tainted).
  auto ids = sim_->InstanceIds();
  ASSERT_EQ(ids.size(), 1u) << Join(ids);
  const Json state = ws_->State();
  auto obj = CurrentObject(state, kWeb);
  ASSERT_TRUE(obj && obj->attributes) << "interrupted create lost the instance id:\n"
                                      << ReadFile(ws_->dir() + "/state.json");
  EXPECT_EQ(Str(*obj->attributes, "id"), ids[0]);
  EXPECT_EQ(obj->status, "tainted");
}

TEST_F(LongBuild, CreateTimeoutKeepsIdTainted) {
  SetWeb(With(BaseFields(), {{"timeouts", R"({"create": "2s"})"}}));
  TfResult r = Tf("apply");
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  EXPECT_LT(r.seconds, 30.0) << "timeouts.create not honoured";
  bool provider_error = false;
  for (const auto& d : r.Errors()) provider_error |= d.origin == "provider" && d.resource == kWeb;
  EXPECT_TRUE(provider_error) << r.Describe();
  auto ids = sim_->InstanceIds();
  ASSERT_EQ(ids.size(), 1u) << Join(ids);
  const Json state = ws_->State();
  auto obj = CurrentObject(state, kWeb);
  ASSERT_TRUE(obj && obj->attributes) << "timed-out create lost the instance id";
  EXPECT_EQ(Str(*obj->attributes, "id"), ids[0]);
  EXPECT_EQ(obj->status, "tainted");
}

TEST_F(Faults, PermanentErrorFailsAtOnceWithCodeAndReason) {
  HttpAnswer a = sim_->Admin("POST", "/_sim/config", R"({"instance_quota": 0})");
  ASSERT_EQ(a.status, 200) << a.body;
  SetWeb(BaseFields());
  TfResult r = Tf("apply");
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  bool explained = false;
  for (const auto& d : r.Errors()) {
    std::string text = d.summary + " " + d.detail;
    if (d.step == "apply" && text.find("quota_limit_reached") != std::string::npos &&
        text.find("The instance quota is used up") != std::string::npos) {
      explained = true;
    }
  }
  EXPECT_TRUE(explained) << "no diagnostic with Civo's code and reason:\n" << r.Describe();
  auto log = sim_->Log();
  long first = FindCall(log, 0, "POST", {"/v2/instances"}, {"/v2/instances/"});
  ASSERT_GE(first, 0) << Sim::Describe(log);
  EXPECT_EQ(FindCall(log, first + 1, "POST", {"/v2/instances"}, {"/v2/instances/"}), -1)
      << "a 403 was retried:\n" << Sim::Describe(log);
  EXPECT_TRUE(sim_->InstanceIds().empty());
  const Json final_state = ws_->State();
  EXPECT_TRUE(StateObjects(final_state, kWeb).empty());
}

// ---- Ambiguous failures of every mutating call -----------------------------
// SPEC.md: a mutating call that may already have been done is never repeated
// blindly. Through the real binary: civo-sim carries the call out and then
// answers 5xx, or closes the connection without answering; the apply
// succeeds, the object ends as planned, the call was made exactly once, and
// the next plan is empty.

// What a case may refer to: the instance (once created) and the objects made
// for it beforehand.
struct Objects {
  std::string instance, firewall, volume, ip, size_big;
};

struct AmbiguousCase {
  std::string name;
  // Changes to BaseFields() before and after (`destroy`: destroy instead).
  std::function<Fields(const Objects&)> before, after;
  bool destroy = false;
  bool during_create = false;  // the faulted call is the create's marker-tag removal
  std::string method;
  std::function<std::string(const Objects&)> path;  // exact path of the faulted call
  // Whether the simulator shows the change.
  std::function<bool(Sim&, const Objects&)> in_place;
};

// gtest prints a parameter by its name, not as bytes.
void PrintTo(const AmbiguousCase& c, std::ostream* os) { *os << c.name; }

enum class Knob { k5xxAfterDoing, kDropAfterDoing };

Fields NoChange(const Objects&) { return {}; }

std::string InstanceField(Sim& sim, const Objects& o, const char* field) {
  auto i = sim.Instance(o.instance);
  if (!i) return "(no instance)";
  const auto* v = Get(i->root(), field);
  if (v == nullptr) return "(absent)";
  return v->IsString() ? Str(v) : Dump(*v);
}

std::vector<AmbiguousCase> AmbiguousCases() {
  auto instance_path = [](const std::string& suffix) {
    return [suffix](const Objects& o) { return "/v2/instances/" + o.instance + suffix; };
  };
  auto ref = [](const std::string& id) { return "{\"value\": " + Quote(id) + "}"; };
  return {
      {"Resize", NoChange, [](const Objects& o) { return Fields{{"size", Quote(o.size_big)}}; }, false, false,
       "PUT", instance_path("/resize"),
       [](Sim& sim, const Objects& o) {
         return InstanceField(sim, o, "size") == o.size_big && InstanceField(sim, o, "status") == "ACTIVE";
       }},
      {"Hostname", NoChange, [](const Objects&) { return Fields{{"instance_name", Quote("renamed-1")}}; }, false,
       false, "PUT", instance_path(""),
       [](Sim& sim, const Objects& o) { return InstanceField(sim, o, "hostname") == "renamed-1"; }},
      {"Tags", NoChange, [](const Objects&) { return Fields{{"tags", R"(["a", "b"])"}}; }, false, false, "PUT",
       instance_path("/tags"),
       [](Sim& sim, const Objects& o) { return InstanceField(sim, o, "tags") == R"(["a","b"])"; }},
      {"Firewall", NoChange,
       [ref](const Objects& o) { return Fields{{"firewall_ids", "[" + ref(o.firewall) + "]"}}; }, false, false,
       "PUT", instance_path("/firewall"),
       [](Sim& sim, const Objects& o) { return InstanceField(sim, o, "firewall_id") == o.firewall; }},
      {"AttachVolume", [](const Objects&) { return Fields{{"volume_ids", "[]"}}; },
       [ref](const Objects& o) { return Fields{{"volume_ids", "[" + ref(o.volume) + "]"}}; }, false, false, "PUT",
       [](const Objects& o) { return "/v2/volumes/" + o.volume + "/attach"; },
       [](Sim& sim, const Objects& o) {
         auto v = sim.Volume(o.volume);
         return v && Str(v->root(), "instance_id") == o.instance && Str(v->root(), "status") == "attached";
       }},
      {"DetachVolume", [ref](const Objects& o) { return Fields{{"volume_ids", "[" + ref(o.volume) + "]"}}; },
       [](const Objects&) { return Fields{{"volume_ids", "[]"}}; }, false, false, "PUT",
       [](const Objects& o) { return "/v2/volumes/" + o.volume + "/detach"; },
       [](Sim& sim, const Objects& o) {
         auto v = sim.Volume(o.volume);
         return v && Str(v->root(), "instance_id").empty() && Str(v->root(), "status") == "available";
       }},
      {"AssignReservedIp", NoChange, [ref](const Objects& o) { return Fields{{"reserved_ip_id", ref(o.ip)}}; },
       false, false, "POST", [](const Objects& o) { return "/v2/ips/" + o.ip + "/actions"; },
       [](Sim& sim, const Objects& o) {
         auto ip = sim.ReservedIp(o.ip);
         return ip && Str(ip->root(), "assigned_to_id") == o.instance;
       }},
      {"UnassignReservedIp", [ref](const Objects& o) { return Fields{{"reserved_ip_id", ref(o.ip)}}; },
       [](const Objects&) { return Fields{{"reserved_ip_id", ""}}; }, false, false, "POST",
       [](const Objects& o) { return "/v2/ips/" + o.ip + "/actions"; },
       [](Sim& sim, const Objects& o) {
         auto ip = sim.ReservedIp(o.ip);
         return ip && Str(ip->root(), "assigned_to_id").empty();
       }},
      {"Delete", NoChange, NoChange, true, false, "DELETE", instance_path(""),
       [](Sim& sim, const Objects& o) { return !sim.Instance(o.instance).has_value(); }},
      {"CreateMarkerRemoval", NoChange, NoChange, false, true, "PUT", instance_path("/tags"),
       [](Sim& sim, const Objects& o) { return InstanceField(sim, o, "tags") == "[]"; }},
  };
}

class AmbiguousFailure : public E2ETest,
                         public ::testing::WithParamInterface<std::tuple<AmbiguousCase, Knob>> {
 protected:
  bool Arm(Knob knob, const std::string& method, const std::string& path) {
    // 504: what a gateway answers when the API behind it went quiet (the
    // in-process tests use 502; civoapi's tests all of 500, 502 and 504).
    return knob == Knob::k5xxAfterDoing ? sim_->AmbiguousNext(method, path, 504)
                                        : sim_->DropNext(method, path, /*perform=*/true);
  }
};

TEST_P(AmbiguousFailure, ApplySucceedsAndTheCallIsMadeOnce) {
  const auto& [c, knob] = GetParam();
  Objects o;
  o.size_big = size_big_;
  o.firewall = sim_->CreateFirewall("second-fw", net_);
  o.volume = sim_->CreateVolume("data-1", net_);
  o.ip = sim_->CreateReservedIp("web-ip");
  ASSERT_FALSE(o.firewall.empty() || o.volume.empty() || o.ip.empty());

  size_t mark = 0;
  Fields fields = With(BaseFields(), c.before(o));
  SetWeb(fields);
  if (c.during_create) {
    // The id is not known yet; the marker removal is the create's only PUT
    // to an instance.
    mark = sim_->Log().size();
    ASSERT_TRUE(Arm(knob, "PUT", "/v2/instances/"));
    TfResult apply = TfOk("apply");
    EXPECT_EQ(apply.warnings(), 0) << "the marker tag must be removed without a warning:\n"
                                   << apply.Describe();
    o.instance = StateId();
  } else {
    TfOk("apply");
    o.instance = StateId();
    ASSERT_FALSE(o.instance.empty());
    mark = sim_->Log().size();
    ASSERT_TRUE(Arm(knob, c.method, c.path(o)));
    if (c.destroy) {
      TfOk("destroy");
    } else {
      SetWeb(With(BaseFields(), c.after(o)));
      TfResult apply = TfOk("apply");
      EXPECT_EQ(apply.Action(kWeb), "update") << apply.Describe();
      EXPECT_EQ(StateId(), o.instance);
    }
  }
  ASSERT_FALSE(o.instance.empty());

  const auto log = sim_->Log();
  const std::string path = c.path(o);
  std::vector<SimRequest> sent;
  for (size_t i = mark; i < log.size(); ++i) {
    if (log[i].method == c.method && log[i].path == path) sent.push_back(log[i]);
  }
  ASSERT_EQ(sent.size(), 1u) << "the call took effect: it must be made exactly once\n" << Sim::Describe(log);
  EXPECT_EQ(sent[0].fault, knob == Knob::k5xxAfterDoing ? "ambiguous" : "drop") << Sim::Describe(log);
  EXPECT_TRUE(c.in_place(*sim_, o)) << "the simulator does not show the change\n" << Sim::Describe(log);

  if (c.destroy) {
    const Json state = ws_->State();
    EXPECT_TRUE(StateObjects(state, kWeb).empty());
    return;
  }
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
}

std::string AmbiguousCaseName(const ::testing::TestParamInfo<std::tuple<AmbiguousCase, Knob>>& info) {
  return std::get<0>(info.param).name +
         (std::get<1>(info.param) == Knob::k5xxAfterDoing ? "_DoneThen504" : "_DoneThenDropped");
}

INSTANTIATE_TEST_SUITE_P(EveryMutatingCall, AmbiguousFailure,
                         ::testing::Combine(::testing::ValuesIn(AmbiguousCases()),
                                            ::testing::Values(Knob::k5xxAfterDoing, Knob::kDropAfterDoing)),
                         AmbiguousCaseName);

// The knobs also work from civo-sim's command line.
class DropFromTheCommandLine : public E2ETest {
 protected:
  SimOptions Options() const override {
    SimOptions o;
    o.extra_args = {"--drop-next", "1", "--drop-perform", "false", "--drop-method", "POST",
                    "--drop-path", "/v2/instances"};
    return o;
  }
};

TEST_F(DropFromTheCommandLine, UnperformedCreateIsMadeAgainOnce) {
  SetWeb(BaseFields());
  TfOk("apply");
  auto log = sim_->Log();
  std::vector<SimRequest> posts;
  for (const auto& r : log) {
    if (r.method == "POST" && r.path == "/v2/instances") posts.push_back(r);
  }
  ASSERT_EQ(posts.size(), 2u) << Sim::Describe(log);
  EXPECT_EQ(posts[0].fault, "drop_unperformed");
  EXPECT_EQ(posts[0].status, 0);
  EXPECT_EQ(posts[1].status, 200);
  EXPECT_EQ(sim_->InstanceIds(), std::vector<std::string>{StateId()});
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
}

using Parallel = E2ETest;

TEST_F(Parallel, TwentyInstancesAtParallelismTen) {
  std::map<std::string, std::string> resources;
  for (int i = 0; i < 20; ++i) {
    char name[8];
    std::snprintf(name, sizeof(name), "w%02d", i);
    resources[std::string("civo_compute_instance.") + name] =
        Entry(BaseFields(std::string("web-") + name));
  }
  ws_->SetResources(resources);
  TfResult apply = TfOk("apply", {}, {"-parallelism", "10"});
  auto ids = sim_->InstanceIds();
  EXPECT_EQ(ids.size(), 20u);
  std::set<std::string> state_ids;
  for (const auto& [addr, entry] : resources) {
    EXPECT_EQ(apply.Action(addr), "create") << addr;
    const Json state = ws_->State();
    auto obj = CurrentObject(state, addr);
    ASSERT_TRUE(obj && obj->attributes) << addr;
    state_ids.insert(Str(*obj->attributes, "id"));
    EXPECT_EQ(Str(*obj->attributes, "status"), "ACTIVE") << addr;
  }
  EXPECT_EQ(state_ids, std::set<std::string>(ids.begin(), ids.end()));

  TfResult destroy = TfOk("destroy", {}, {"-parallelism", "10"});
  EXPECT_TRUE(sim_->InstanceIds().empty()) << Join(sim_->InstanceIds());
}

// A refresh of many instances at Terraform's parallelism shares its reads
// (civoapi/instance_reads.h), and still sees every drift a GET would: the
// calls are counted in the simulator's log.
TEST_F(Parallel, RefreshOfManySharesCallsAndStillSeesDrift) {
  std::map<std::string, std::string> resources;
  for (int i = 0; i < 20; ++i) {
    char name[8];
    std::snprintf(name, sizeof(name), "r%02d", i);
    resources[std::string("civo_compute_instance.") + name] = Entry(BaseFields(std::string("ref-") + name));
  }
  ws_->SetResources(resources);
  size_t mark = sim_->Log().size();
  TfOk("apply", {}, {"-parallelism", "10"});
  auto instance_reads = [&](size_t since) {
    int n = 0;
    auto log = sim_->Log();
    for (size_t k = since; k < log.size(); ++k) {
      if (log[k].method == "GET" && log[k].path.rfind("/v2/instances", 0) == 0) ++n;
    }
    return n;
  };
  // Twenty build waits: one GET each per poll before; now shared lists.
  EXPECT_LE(instance_reads(mark), 20) << "instance reads during the apply of 20";

  const Json state = ws_->State();
  auto id_of = [&](const std::string& addr) {
    auto obj = CurrentObject(state, addr);
    return obj && obj->attributes ? Str(*obj->attributes, "id") : std::string();
  };
  const std::string gone = id_of("civo_compute_instance.r03");
  const std::string renamed = id_of("civo_compute_instance.r11");
  ASSERT_TRUE(sim_->DeleteInstanceOutOfBand(gone));
  ASSERT_TRUE(sim_->SetHostnameOutOfBand(renamed, "renamed-outside"));

  mark = sim_->Log().size();
  TfResult plan = TfOk("plan", {}, {"-parallelism", "10"});
  for (const auto& [addr, entry] : resources) {
    const std::string want = addr == "civo_compute_instance.r03"   ? "create"
                             : addr == "civo_compute_instance.r11" ? "update"
                                                                   : "no-op";
    EXPECT_EQ(plan.Action(addr), want) << addr << "\n" << plan.Describe();
  }
  EXPECT_LE(instance_reads(mark), 8) << "20 refreshes at parallelism 10";
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty());
}

}  // namespace
}  // namespace e2e
