// Every call that changes something is made in the "only if nothing was
// done" mode: a failure after which the change may have been made (a 5xx
// answered after the simulator carried the call out, a connection closed
// after the request was received) comes back at once, marked ambiguous, and
// the call reached the server exactly once; a failure that proves nothing was
// done (503) is retried. One case per mutating call of the client.
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "civoapi/errors.h"
#include "tests/civoapi/sim_fixture.h"

namespace civoapi_test {
namespace {

using civoapi::GetApiError;

// What the test world holds: an ACTIVE instance, a second firewall on its
// network, a volume and a reserved IP.
struct World {
  civoapi::Client* client = nullptr;
  std::string instance, firewall, volume, ip;
};

struct MutatingCall {
  std::string name;
  std::string method;
  std::function<std::string(const World&)> path;    // the request's path
  std::function<void(SimTest&, const World&)> prepare;  // may be empty
  std::function<absl::Status(const World&, const civoapi::CallOptions&)> call;
  // Whether the change is visible through the API.
  std::function<bool(const World&)> took_effect;
};

// gtest prints a parameter by its name, not as bytes.
void PrintTo(const MutatingCall& c, std::ostream* os) { *os << c.name; }

civoapi::CallOptions Budget() {
  civoapi::CallOptions o;
  o.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  return o;
}

civoapi::Instance Inst(const World& w) {
  auto i = w.client->GetInstance(w.instance, Budget());
  return i.ok() ? *i : civoapi::Instance{};
}

std::vector<MutatingCall> Calls() {
  auto wait_volume = [](const World& w, const std::string& status) {
    auto v = w.client->WaitVolume(w.volume, [&](const civoapi::Volume& x) { return x.status == status; }, Budget());
    EXPECT_TRUE(v.ok()) << v.status();
  };
  return {
      {"Resize", "PUT", [](const World& w) { return "/v2/instances/" + w.instance + "/resize"; }, nullptr,
       [](const World& w, const civoapi::CallOptions& o) { return w.client->ResizeInstance(w.instance, "g3.large", o); },
       [](const World& w) { return Inst(w).size == "g3.large"; }},
      {"Hostname", "PUT", [](const World& w) { return "/v2/instances/" + w.instance; }, nullptr,
       [](const World& w, const civoapi::CallOptions& o) {
         return w.client->UpdateInstanceHostname(w.instance, "renamed", o);
       },
       [](const World& w) { return Inst(w).hostname == "renamed"; }},
      {"Tags", "PUT", [](const World& w) { return "/v2/instances/" + w.instance + "/tags"; }, nullptr,
       [](const World& w, const civoapi::CallOptions& o) { return w.client->SetInstanceTags(w.instance, {"a", "b"}, o); },
       [](const World& w) { return Inst(w).tags == std::vector<std::string>{"a", "b"}; }},
      {"Firewall", "PUT", [](const World& w) { return "/v2/instances/" + w.instance + "/firewall"; }, nullptr,
       [](const World& w, const civoapi::CallOptions& o) {
         return w.client->SetInstanceFirewall(w.instance, w.firewall, o);
       },
       [](const World& w) { return Inst(w).firewall_id == w.firewall; }},
      {"AttachVolume", "PUT", [](const World& w) { return "/v2/volumes/" + w.volume + "/attach"; }, nullptr,
       [](const World& w, const civoapi::CallOptions& o) { return w.client->AttachVolume(w.volume, w.instance, o); },
       [](const World& w) {
         auto v = w.client->GetVolume(w.volume, Budget());
         return v.ok() && v->instance_id == w.instance;
       }},
      {"DetachVolume", "PUT", [](const World& w) { return "/v2/volumes/" + w.volume + "/detach"; },
       [wait_volume](SimTest&, const World& w) {
         ASSERT_TRUE(w.client->AttachVolume(w.volume, w.instance, Budget()).ok());
         wait_volume(w, "attached");
       },
       [](const World& w, const civoapi::CallOptions& o) { return w.client->DetachVolume(w.volume, o); },
       [](const World& w) {
         auto v = w.client->GetVolume(w.volume, Budget());
         return v.ok() && (v->status == "detaching" || v->instance_id.empty());
       }},
      {"AssignReservedIp", "POST", [](const World& w) { return "/v2/ips/" + w.ip + "/actions"; }, nullptr,
       [](const World& w, const civoapi::CallOptions& o) { return w.client->AssignReservedIp(w.ip, w.instance, o); },
       [](const World& w) {
         auto ip = w.client->GetReservedIp(w.ip, Budget());
         return ip.ok() && ip->assigned_to_id == w.instance;
       }},
      {"UnassignReservedIp", "POST", [](const World& w) { return "/v2/ips/" + w.ip + "/actions"; },
       [](SimTest&, const World& w) { ASSERT_TRUE(w.client->AssignReservedIp(w.ip, w.instance, Budget()).ok()); },
       [](const World& w, const civoapi::CallOptions& o) { return w.client->UnassignReservedIp(w.ip, o); },
       [](const World& w) {
         auto ip = w.client->GetReservedIp(w.ip, Budget());
         return ip.ok() && ip->assigned_to_id.empty();
       }},
      {"DeleteInstance", "DELETE", [](const World& w) { return "/v2/instances/" + w.instance; }, nullptr,
       [](const World& w, const civoapi::CallOptions& o) { return w.client->DeleteInstance(w.instance, o); },
       [](const World& w) {
         auto i = w.client->GetInstance(w.instance, Budget());
         return civoapi::IsNotFound(i.status()) || (i.ok() && i->status == "DELETING");
       }},
  };
}

// How the simulator fails the call.
enum class Fault { k500After, k502After, k504After, kDropAfter, kDropBefore, k503Before };

std::string FaultName(Fault f) {
  switch (f) {
    case Fault::k500After: return "Performed500";
    case Fault::k502After: return "Performed502";
    case Fault::k504After: return "Performed504";
    case Fault::kDropAfter: return "PerformedThenDropped";
    case Fault::kDropBefore: return "DroppedUnperformed";
    case Fault::k503Before: return "Refused503";
  }
  return "";
}

class MutatingCallTest : public SimTest,
                         public ::testing::WithParamInterface<std::tuple<MutatingCall, Fault>> {
 protected:
  void SetUp() override {
    SimTest::SetUp();
    w_.client = client_.get();
    w_.instance = CreateActive("target").id;
    ASSERT_FALSE(w_.instance.empty());
    auto fw = client_->CreateFirewall("second", network_id_, Opts());
    ASSERT_TRUE(fw.ok()) << fw.status();
    w_.firewall = fw->id;
    auto vol = client_->CreateVolume("data", network_id_, 10, Opts());
    ASSERT_TRUE(vol.ok()) << vol.status();
    w_.volume = vol->id;
    auto ip = client_->CreateReservedIp("ip", Opts());
    ASSERT_TRUE(ip.ok()) << ip.status();
    w_.ip = ip->id;
  }

  void Arm(Fault f, const std::string& method, const std::string& path) {
    sim_->UpdateConfig([&](civosim::SimConfig& c) {
      switch (f) {
        case Fault::k500After:
        case Fault::k502After:
        case Fault::k504After:
          c.ambiguous_next = 1;
          c.ambiguous_status = f == Fault::k500After ? 500 : f == Fault::k502After ? 502 : 504;
          c.ambiguous_method = method;
          c.ambiguous_path_prefix = path;
          break;
        case Fault::kDropAfter:
        case Fault::kDropBefore:
          c.drop_next = 1;
          c.drop_perform = f == Fault::kDropAfter;
          c.drop_method = method;
          c.drop_path_prefix = path;
          break;
        case Fault::k503Before:
          c.fail_next = 1;
          c.fail_status = 503;
          c.fail_method = method;
          c.fail_path_prefix = path;
          break;
      }
    });
  }

  size_t Requests(const std::string& method, const std::string& path) {
    size_t n = 0;
    for (const auto& e : sim_->Log()) n += e.method == method && e.path == path ? 1 : 0;
    return n;
  }

  World w_;
};

TEST_P(MutatingCallTest, AmbiguousFailuresComeBackAndNothingIsRepeated) {
  const auto& [call, fault] = GetParam();
  if (call.prepare) call.prepare(*this, w_);
  ASSERT_FALSE(HasFatalFailure());
  const std::string path = call.path(w_);
  // A read first, so the client holds a kept-alive connection: a mutating
  // call must not go out on it, or libcurl would resend it by itself after
  // the connection is dropped.
  ASSERT_TRUE(client_->GetInstance(w_.instance, Opts()).ok());
  sim_->ClearLog();
  Arm(fault, call.method, path);

  absl::Status s = call.call(w_, Opts());
  const size_t sent = Requests(call.method, path);
  if (fault == Fault::k503Before) {
    EXPECT_TRUE(s.ok()) << "a 503 proves nothing was done: retried. " << s;
    EXPECT_EQ(sent, 2u);
    EXPECT_TRUE(call.took_effect(w_));
    return;
  }
  ASSERT_FALSE(s.ok()) << "the failure must reach the caller";
  auto e = GetApiError(s);
  ASSERT_TRUE(e.has_value()) << s;
  EXPECT_TRUE(e->ambiguous) << s;
  EXPECT_EQ(sent, 1u) << "an ambiguous failure of a mutating call is never retried by the client";
  if (fault == Fault::kDropAfter || fault == Fault::kDropBefore) {
    EXPECT_EQ(e->http_status, 0) << s;
    EXPECT_EQ(e->code, "connection_dropped") << s;
  } else {
    EXPECT_EQ(e->http_status, fault == Fault::k500After ? 500 : fault == Fault::k502After ? 502 : 504);
  }
  EXPECT_EQ(call.took_effect(w_), fault != Fault::kDropBefore);
}

std::string CaseName(const ::testing::TestParamInfo<std::tuple<MutatingCall, Fault>>& info) {
  return std::get<0>(info.param).name + "_" + FaultName(std::get<1>(info.param));
}

INSTANTIATE_TEST_SUITE_P(EveryMutatingCall, MutatingCallTest,
                         ::testing::Combine(::testing::ValuesIn(Calls()),
                                            ::testing::Values(Fault::k500After, Fault::k502After,
                                                              Fault::k504After, Fault::kDropAfter,
                                                              Fault::kDropBefore, Fault::k503Before)),
                         CaseName);

// Reads still retry every transient failure, dropped connections included.
TEST_F(SimTest, ReadsRetryDroppedConnections) {
  auto inst = CreateActive("read-me");
  sim_->ClearLog();
  sim_->UpdateConfig([&](civosim::SimConfig& c) {
    c.drop_next = 1;
    c.drop_method = "GET";
    c.drop_path_prefix = "/v2/instances/" + inst.id;
  });
  auto again = client_->GetInstance(inst.id, Opts());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(ApiLog("GET", "/v2/instances/" + inst.id).size(), 2u);
}

}  // namespace
}  // namespace civoapi_test
