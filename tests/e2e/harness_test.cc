// Checks the e2e harness itself against civo-sim (no provider involved): if
// the simulator's shapes or knobs change, this fails with a clear message
// instead of every scenario failing obscurely.
#include <gtest/gtest.h>

#include <unistd.h>

#include "tests/e2e/sim.h"
#include "tests/e2e/tfdriver_run.h"

namespace e2e {
namespace {

class Harness : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(::access(SimBinary().c_str(), X_OK), 0) << "civo-sim missing: " << SimBinary();
    std::string error;
    sim_ = Sim::Start(SimOptions{}, dir_.path(), &error);
    ASSERT_TRUE(sim_) << error;
  }
  TempDir dir_{"civo-e2e-harness-"};
  std::unique_ptr<Sim> sim_;
};

TEST_F(Harness, SeedDataIsFound) {
  EXPECT_EQ(sim_->url().rfind("http://127.0.0.1:", 0), 0u) << sim_->url();
  std::string net = sim_->DefaultNetworkId();
  ASSERT_FALSE(net.empty());
  EXPECT_FALSE(sim_->NetworkName(net).empty());
  EXPECT_FALSE(sim_->DefaultFirewallId(net).empty());
  EXPECT_FALSE(sim_->DefaultNetworkId("NYC1").empty());
  EXPECT_FALSE(sim_->ImageName(0).empty());
  EXPECT_FALSE(sim_->ImageName(1).empty());
  EXPECT_NE(sim_->ImageName(0), sim_->ImageName(1));
  auto sizes = sim_->Sizes();
  ASSERT_GE(sizes.size(), 2u);
  bool small = false;
  for (const auto& s : sizes) {
    EXPECT_GT(s.disk_gb, 0) << s.name;
    small |= s.name == "g3.small";
  }
  EXPECT_TRUE(small);
}

TEST_F(Harness, ObjectsCanBeMadeAndRead) {
  std::string net = sim_->DefaultNetworkId();
  std::string net2 = sim_->CreateNetwork("second");
  EXPECT_FALSE(net2.empty());
  EXPECT_EQ(sim_->NetworkName(net2), "second");
  std::string fw = sim_->CreateFirewall("fw", net);
  EXPECT_FALSE(fw.empty());
  EXPECT_TRUE(sim_->CreateFirewall("fw", net).empty()) << "the API refuses duplicates";
  EXPECT_FALSE(sim_->CreateFirewall("fw", net, "LON1", true).empty()) << "admin allows them";
  std::string vol = sim_->CreateVolume("v", net);
  ASSERT_FALSE(vol.empty());
  auto v = sim_->Volume(vol);
  ASSERT_TRUE(v);
  EXPECT_EQ(Str(v->root(), "id"), vol);
  EXPECT_EQ(Str(v->root(), "instance_id"), "");
  std::string ip = sim_->CreateReservedIp("ip");
  ASSERT_FALSE(ip.empty());
  auto r = sim_->ReservedIp(ip);
  ASSERT_TRUE(r);
  EXPECT_FALSE(Str(r->root(), "ip").empty());
  EXPECT_EQ(Str(r->root(), "assigned_to_id"), "");
  EXPECT_FALSE(sim_->CreateSshKey("k").empty());
}

TEST_F(Harness, InstancesLogAndOutOfBandChanges) {
  std::string net = sim_->DefaultNetworkId();
  size_t mark = sim_->Log().size();
  HttpAnswer a = sim_->Api("POST", "/v2/instances",
                           "{\"hostname\": \"h\", \"size\": \"g3.small\", \"template_id\": " +
                               Quote(sim_->ImageName(0)) + ", \"network_id\": " + Quote(net) + "}");
  ASSERT_EQ(a.status, 200) << a.body;
  std::string id = Str(a.json().root(), "id");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(sim_->InstanceIds(), std::vector<std::string>{id});
  auto calls = sim_->MutatingCalls(mark);
  ASSERT_EQ(calls.size(), 1u) << Sim::Describe(calls);
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].path, "/v2/instances");
  EXPECT_EQ(calls[0].status, 200);
  EXPECT_NE(calls[0].body.find("\"hostname\""), std::string::npos);
  EXPECT_NE(calls[0].query.find("region=LON1"), std::string::npos) << calls[0].ToString();

  ASSERT_TRUE(sim_->SetHostnameOutOfBand(id, "other"));
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "hostname"), "other");
  // Out-of-band changes are not in the log of API requests.
  EXPECT_EQ(sim_->MutatingCalls(mark).size(), 1u);
  ASSERT_TRUE(sim_->DeleteInstanceOutOfBand(id));
  EXPECT_FALSE(sim_->Instance(id));
  EXPECT_TRUE(sim_->InstanceIds().empty());
}

TEST_F(Harness, FaultKnobsTakeEffect) {
  ASSERT_TRUE(sim_->AmbiguousCreate502());
  std::string net = sim_->DefaultNetworkId();
  std::string body = "{\"hostname\": \"h\", \"size\": \"g3.small\", \"template_id\": " +
                     Quote(sim_->ImageName(0)) + ", \"network_id\": " + Quote(net) + "}";
  // Api() retries 5xx for the harness's own calls: one call, two requests,
  // two instances (the first answered 502).
  sim_->Api("POST", "/v2/instances", body);
  EXPECT_EQ(sim_->InstanceIds().size(), 2u);
  auto log = sim_->Log();
  int bad = 0;
  for (const auto& r : log) bad += r.status == 502 ? 1 : 0;
  EXPECT_EQ(bad, 1);

  ASSERT_TRUE(sim_->FailVolumeAttach());
  std::string vol = sim_->CreateVolume("v", net);
  HttpAnswer attach = sim_->Api("PUT", "/v2/volumes/" + vol + "/attach",
                                "{\"instance_id\": " + Quote(sim_->InstanceIds()[0]) + "}");
  EXPECT_EQ(attach.status, 422) << attach.body;
  ASSERT_TRUE(sim_->ClearFaults());

  ASSERT_TRUE(sim_->RateLimit429());
  int limited = 0;
  for (int i = 0; i < 12; ++i) sim_->Api("GET", "/v2/regions");
  for (const auto& r : sim_->Log()) limited += r.status == 429 ? 1 : 0;
  EXPECT_GT(limited, 0);
  ASSERT_TRUE(sim_->ClearFaults());

  ASSERT_TRUE(sim_->FaultRate5xx(0.5));
  for (int i = 0; i < 10; ++i) sim_->Api("GET", "/v2/regions");
  int errors = 0;
  for (const auto& r : sim_->Log()) errors += (r.status >= 500 && r.path == "/v2/regions") ? 1 : 0;
  EXPECT_GT(errors, 0);
  ASSERT_TRUE(sim_->ClearFaults());
}

}  // namespace
}  // namespace e2e
