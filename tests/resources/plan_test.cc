// Plans against the simulator: what is known at plan time, the plan-time
// API checks, reference resolution, unknown values, and the catalogue cache.
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "resources/civo_provider.h"
#include "tests/resources/fixture.h"

namespace restest {
namespace {

using tfplugin::Diagnostics;
using tfplugin::Severity;

class PlanTest : public ResourceTest {};

TEST_F(PlanTest, CreateKnowsWhatItCan) {
  Diagnostics d;
  auto plan = Plan(Value::Null(), Config(), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  const Value& p = plan.planned_state;
  EXPECT_EQ(p.Attr("region"), Value::String("LON1"));
  EXPECT_EQ(p.Attr("cpu_cores"), Value::Int(1));
  EXPECT_EQ(p.Attr("ram_mb"), Value::Int(2048));
  EXPECT_EQ(p.Attr("disk_gb"), Value::Int(25));
  EXPECT_EQ(p.Attr("network_id"), Value::String(default_network_id_));
  // No firewall named: whatever Civo gives, known after apply.
  EXPECT_TRUE(p.Attr("firewall_id").is_unknown());
  EXPECT_TRUE(p.Attr("firewall_ids").is_null());
  EXPECT_EQ(p.Attr("status"), Value::String("ACTIVE"));
  EXPECT_EQ(p.Attr("disk_image_id"), Value::String("9d5ea2e3-0a6c-4f43-a45e-06a5e2a9c9b1"));
  EXPECT_EQ(p.Attr("attached_volume_ids"), Value::List({}));
  EXPECT_TRUE(p.Attr("reserved_ip_address").is_null());
  for (const char* unknown : {"id", "instance_id", "public_ipv4", "private_ipv4",
                              "created_at_rfc3339", "initial_user"}) {
    EXPECT_TRUE(p.Attr(unknown).is_unknown()) << unknown;
  }
  // Configured attributes planned exactly as configured.
  for (const char* name : {"instance_name", "size", "image", "network"}) {
    EXPECT_EQ(p.Attr(name), Config().Attr(name)) << name;
  }
}

TEST_F(PlanTest, UnknownSizeIsAnErrorNamingTheSizesThatExist) {
  Diagnostics d;
  Plan(Value::Null(), Config({{"size", Value::String("g9.huge")}}), d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "size", "g3.small")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "size", "LON1")) << DiagText(d);
}

TEST_F(PlanTest, ImageNotInRegionIsAnErrorNamingTheImagesThatExist) {
  Diagnostics d;
  // rocky-9 exists only in the simulator's first region (LON1).
  auto plan = Plan(Value::Null(), Config({{"image", Value::String("rocky-9")}}), d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  Diagnostics d2;
  auto other = Config({{"image", Value::String("rocky-9")}, {"region", Value::String("nyc1")}});
  // The network must exist in NYC1 too.
  auto nets = api_->ListNetworks(Opts("NYC1"));
  ASSERT_TRUE(nets.ok());
  other = other.WithAttr("network", Ref(nets->front().id));
  Plan(Value::Null(), other, d2);
  EXPECT_TRUE(HasDiagAt(d2, Severity::kError, "image", "not available in region NYC1"))
      << DiagText(d2);
  EXPECT_TRUE(HasDiagAt(d2, Severity::kError, "image", "ubuntu-jammy")) << DiagText(d2);
}

TEST_F(PlanTest, RegionTheApiDoesNotKnowIsOneErrorOnRegion) {
  Diagnostics d;
  Plan(Value::Null(), Config({{"region", Value::String("MARS1")}}), d);
  ASSERT_EQ(d.items().size(), 1u) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "region", "MARS1")) << DiagText(d);
  for (const char* known : {"LON1", "NYC1", "FRA1"}) {
    EXPECT_TRUE(HasDiagAt(d, Severity::kError, "region", known)) << known << "\n" << DiagText(d);
  }
  // Any case of a region the API knows is fine.
  Diagnostics ok;
  auto nyc = api_->ListNetworks(Opts("NYC1"));
  ASSERT_TRUE(nyc.ok());
  Plan(Value::Null(), Config({{"region", Value::String("nyc1")}, {"network", Ref(nyc->front().id)}}), ok);
  EXPECT_FALSE(ok.HasError()) << DiagText(ok);
}

TEST_F(PlanTest, ProvidersRegionTheApiDoesNotKnowIsOneErrorOnRegion) {
  auto p = resources::NewCivoProvider([](const char*) { return std::optional<std::string>(); });
  Diagnostics d;
  p->Configure(Request("ConfigureProvider"), Value::Object({{"token", Value::String(kToken)},
                              {"region", Value::String("MARS1")},
                              {"api_endpoint", Value::String(sim_->url())}}),
               "1.9.0", d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  tfplugin::PlanRequest req;
  req.config = Config();  // region unset: the provider's
  req.proposed_new_state = ProposedNewState(Value::Null(), req.config);
  p->FindResource("civo_compute_instance")->Plan(Request("PlanResourceChange"), req, d);
  ASSERT_EQ(d.items().size(), 1u) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "region", "MARS1")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "region", "LON1")) << DiagText(d);
}

TEST_F(PlanTest, ValueFromResolvesByName) {
  auto fw = api_->CreateFirewall("web-fw", default_network_id_, Opts());
  ASSERT_TRUE(fw.ok()) << fw.status();
  Diagnostics d;
  auto plan = Plan(Value::Null(),
                   Config({{"network", RefByName("default", "CivoVpc")},
                           {"firewall_ids", Value::List({RefByName("web-fw")})}}),
                   d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(plan.planned_state.Attr("network_id"), Value::String(default_network_id_));
  EXPECT_EQ(plan.planned_state.Attr("firewall_id"), Value::String(fw->id));
}

TEST_F(PlanTest, ValueFromWithNoMatchNamesWhatExists) {
  Diagnostics d;
  Plan(Value::Null(), Config({{"network", RefByName("nope")}}), d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network", "default")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network", "\"nope\"")) << DiagText(d);
}

TEST_F(PlanTest, ValueFromWithSeveralMatchesIsAnError) {
  const std::string body =
      "{\"name\":\"twin\",\"network_id\":\"" + default_network_id_ + "\"}";
  AdminPost("/_sim/firewalls", body);
  AdminPost("/_sim/firewalls", body);
  Diagnostics d;
  Plan(Value::Null(), Config({{"firewall_ids", Value::List({RefByName("twin")})}}), d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "firewall_ids[0]", "Several")) << DiagText(d);
}

TEST_F(PlanTest, UnknownReferencesMakeDependentValuesUnknown) {
  Diagnostics d;
  auto plan = Plan(Value::Null(),
                   Config({{"network", Value::Unknown()}, {"size", Value::Unknown()}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  const Value& p = plan.planned_state;
  EXPECT_TRUE(p.Attr("network").is_unknown());
  EXPECT_TRUE(p.Attr("network_id").is_unknown());
  EXPECT_TRUE(p.Attr("firewall_id").is_unknown());
  EXPECT_TRUE(p.Attr("cpu_cores").is_unknown());
  EXPECT_EQ(p.Attr("disk_image_id"), Value::String("9d5ea2e3-0a6c-4f43-a45e-06a5e2a9c9b1"));
}

TEST_F(PlanTest, NotFullyConfiguredProviderPlansWithoutTheApi) {
  auto p = resources::NewCivoProvider([](const char*) { return std::optional<std::string>(); });
  Diagnostics d;
  p->Configure(Request("ConfigureProvider"),
               Value::Object({{"token", Value::Unknown()},
                              {"region", Value::String("LON1")},
                              {"api_endpoint", Value::String(sim_->url())}}),
               "1.9.0", d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  const uint64_t before = LastSeq();
  tfplugin::PlanRequest req;
  req.config = Config({{"size", Value::String("no-such-size")}});
  req.proposed_new_state = ProposedNewState(Value::Null(), req.config);
  auto plan = p->FindResource("civo_compute_instance")->Plan(Request("PlanResourceChange"), req, d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(LastSeq(), before) << "no API call may be made";
  EXPECT_EQ(plan.planned_state.Attr("region"), Value::String("LON1"));
  EXPECT_TRUE(plan.planned_state.Attr("cpu_cores").is_unknown());
}

TEST_F(PlanTest, RuleBreakingValuesFailBeforeAnyApiCall) {
  const uint64_t before = LastSeq();
  Diagnostics d;
  Plan(Value::Null(),
       Config({{"tags", Strings({"a b"})}, {"ssh_key_ids", Strings({"k1", "k2"})}}), d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[0]", "whitespace")) << DiagText(d);
  EXPECT_EQ(LastSeq(), before);
  // The second-key warning belongs to validate; plan does not repeat it.
  for (const auto& item : d.items()) EXPECT_EQ(item.severity, Severity::kError);
}

TEST_F(PlanTest, DestroyPlansNull) {
  Diagnostics d;
  tfplugin::PlanRequest req;
  req.prior_state = Config();
  auto plan = res_->Plan(Request("PlanResourceChange"), req, d);
  EXPECT_FALSE(d.HasError());
  EXPECT_TRUE(plan.planned_state.is_null());
}

// The first plan of a process loads the region's sizes, disk images and
// networks side by side: every instance of Terraform's first round waits for
// them. (Checked on the simulator's log: the three requests were all in
// flight together, which a long added latency makes certain.)
TEST_F(PlanTest, AFirstPlanLoadsTheRegionListsSideBySide) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.latency = std::chrono::milliseconds(400); });
  const uint64_t before = LastSeq();
  Diagnostics d;
  Plan(Value::Null(), Config(), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  double latest_start = 0, earliest_end = 1e300;
  int found = 0;
  for (const auto& e : sim_->Log()) {
    if (e.seq <= before || e.method != "GET") continue;
    if (e.path != "/v2/sizes" && e.path != "/v2/disk_images" && e.path != "/v2/networks") continue;
    ++found;
    latest_start = std::max(latest_start, e.start_ms);
    earliest_end = std::min(earliest_end, e.end_ms);
  }
  ASSERT_EQ(found, 3);
  EXPECT_LT(latest_start, earliest_end) << "the three lists were not in flight together";
}

TEST_F(PlanTest, ManyParallelPlansShareCatalogueCalls) {
  const uint64_t before = LastSeq();
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 20; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5; ++i) {
        Diagnostics d;
        Plan(Value::Null(),
             Config({{"instance_name", Value::String("w" + std::to_string(t * 5 + i))}}), d);
        if (d.HasError()) ++errors;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  // 100 plans: each catalogue list loaded once (single-flight), not 100 times.
  EXPECT_LE(CountCalls(before, "GET", "/v2/sizes"), 2u);
  EXPECT_LE(CountCalls(before, "GET", "/v2/disk_images"), 2u);
  EXPECT_LE(CountCalls(before, "GET", "/v2/networks"), 2u);
  EXPECT_LE(CountCalls(before, "GET", "/v2/firewalls"), 2u);
}

}  // namespace
}  // namespace restest
