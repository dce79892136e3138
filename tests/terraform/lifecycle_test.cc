// Create, every in-place change, destroy — through the real terraform CLI.
// Each step: the plan's action for the instance is checked, the saved plan
// is applied, the re-plan must be empty ("No changes."), and the simulator
// must show what the step promised.
#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

constexpr char kWeb[] = "civo_compute_instance.web";

class Lifecycle : public TerraformTest {};

TEST_F(Lifecycle, CreateResizeRenameRetagAndDestroy) {
  Attrs base = With(BaseInstance("web-1"), {{"tags", "[\"a\", \"b\"]"}});
  WorkDir& d = NewDir("web", WebTf(base));
  ASSERT_TRUE(Init(d));

  // Create.
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create"}));
  const std::string id = Attr(d, kWeb, "id");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(Attr(d, kWeb, "instance_id"), id);
  EXPECT_EQ(Attr(d, kWeb, "status"), "ACTIVE");
  EXPECT_EQ(Attr(d, kWeb, "network_id"), net_);
  EXPECT_EQ(Attr(d, kWeb, "region"), "LON1");
  EXPECT_FALSE(Attr(d, kWeb, "public_ipv4").empty());
  EXPECT_FALSE(Attr(d, kWeb, "private_ipv4").empty());
  EXPECT_FALSE(Attr(d, kWeb, "created_at_rfc3339").empty());
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "hostname"), "web-1");
  EXPECT_EQ(e2e::Str(inst->root(), "size"), "g3.small");
  EXPECT_EQ(e2e::StrList(inst->root(), "tags"), (Strings{"a", "b"}));
  EXPECT_EQ(e2e::Str(inst->root(), "public_ip"), Attr(d, kWeb, "public_ipv4"));
  const std::string small_ram = Attr(d, kWeb, "ram_mb");

  // Resize in place: same instance, new size (and its cores/memory).
  d.Write("main.tf", WebTf(With(base, {{"size", Q("g3.medium")}})));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(Attr(d, kWeb, "id"), id);
  EXPECT_EQ(Attr(d, kWeb, "size"), "g3.medium");
  EXPECT_NE(Attr(d, kWeb, "ram_mb"), small_ram);
  inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "size"), "g3.medium");

  // A new instance_name renames the host in place.
  base = With(base, {{"size", Q("g3.medium")}, {"instance_name", Q("web-renamed")}});
  d.Write("main.tf", WebTf(base));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(Attr(d, kWeb, "id"), id);
  inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "hostname"), "web-renamed");

  // Tags in place.
  base = With(base, {{"tags", "[\"b\", \"c\", \"team:web\"]"}});
  d.Write("main.tf", WebTf(base));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(Attr(d, kWeb, "id"), id);
  inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::StrList(inst->root(), "tags"), (Strings{"b", "c", "team:web"}));

  // Destroy: terraform's state is empty and the API no longer finds it.
  ASSERT_TRUE(Destroy(d));
  EXPECT_EQ(ResourceCount(d), 0);
  EXPECT_FALSE(SimInstance(id));
  EXPECT_TRUE(SimInstanceIds().empty()) << Join(SimInstanceIds());
}

TEST_F(Lifecycle, FirewallChangesInPlaceAndBackToTheNetworksDefault) {
  const std::string fw = sim_->CreateFirewall("web-fw", net_);
  ASSERT_FALSE(fw.empty());
  Attrs base = BaseInstance();
  WorkDir& d = NewDir("fw", WebTf(base));
  ASSERT_TRUE(Init(d));

  // No firewall_ids: the instance keeps whatever firewall Civo gave it, and
  // the re-plan is empty.
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create"}));
  const std::string id = Attr(d, kWeb, "id");
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst);
  const std::string given = e2e::Str(inst->root(), "firewall_id");
  ASSERT_FALSE(given.empty());
  EXPECT_NE(given, fw);
  EXPECT_EQ(Attr(d, kWeb, "firewall_id"), given);

  // A firewall by id: changed in place.
  d.Write("main.tf", WebTf(With(base, {{"firewall_ids", "[{ value = " + Q(fw) + " }]"}})));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(Attr(d, kWeb, "id"), id);
  EXPECT_EQ(Attr(d, kWeb, "firewall_id"), fw);
  inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "firewall_id"), fw);

  // The same firewall by name: at most a change of spelling, and no call
  // that changes anything at Civo.
  size_t before = sim_->Log().size();
  d.Write("main.tf", WebTf(With(
      base, {{"firewall_ids", "[{ value_from = { kind = \"CivoFirewall\", name = \"web-fw\" } }]"}})));
  Plan p = PlanOut(d);
  ASSERT_TRUE(p.json.ok()) << p.Describe();
  EXPECT_TRUE(p.ReplacePaths(kWeb).empty()) << p.Describe();
  ASSERT_TRUE(ApplySavedThenEmptyPlan(d));
  EXPECT_TRUE(sim_->MutatingCalls(before).empty()) << e2e::Sim::Describe(sim_->MutatingCalls(before));
  EXPECT_EQ(Attr(d, kWeb, "firewall_id"), fw);

  // firewall_ids removed: back on the network's default firewall, in place.
  d.Write("main.tf", WebTf(base));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(Attr(d, kWeb, "id"), id);
  inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "firewall_id"), given);
  EXPECT_EQ(Attr(d, kWeb, "firewall_id"), given);

  ASSERT_TRUE(Destroy(d));
  EXPECT_TRUE(SimInstanceIds().empty());
}

TEST_F(Lifecycle, VolumesAttachDetachAndReservedIpAssignUnassignInPlace) {
  const std::string vol1 = sim_->CreateVolume("data-1", net_);
  const std::string vol2 = sim_->CreateVolume("data-2", net_);
  const std::string ip = sim_->CreateReservedIp("web-ip");
  ASSERT_FALSE(vol1.empty());
  ASSERT_FALSE(vol2.empty());
  ASSERT_FALSE(ip.empty());
  auto holder = [&](const std::string& vol) {
    auto v = sim_->Volume(vol);
    return v ? e2e::Str(v->root(), "instance_id") : std::string("<volume gone>");
  };
  auto ip_holder = [&]() {
    auto r = sim_->ReservedIp(ip);
    return r ? e2e::Str(r->root(), "assigned_to_id") : std::string("<ip gone>");
  };

  Attrs base = With(BaseInstance(), {{"volume_ids", "[{ value = " + Q(vol1) + " }]"}});
  WorkDir& d = NewDir("vols", WebTf(base));
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create"}));
  const std::string id = Attr(d, kWeb, "id");
  EXPECT_EQ(holder(vol1), id);
  EXPECT_EQ(Attr(d, kWeb, "attached_volume_ids"), "[\"" + vol1 + "\"]");

  // A second volume, named by its label.
  d.Write("main.tf", WebTf(With(base, {{"volume_ids", "[{ value = " + Q(vol1) +
                                                        " }, { value_from = { name = \"data-2\" } }]"}})));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(holder(vol1), id);
  EXPECT_EQ(holder(vol2), id);

  // Only the second: the first is detached.
  d.Write("main.tf", WebTf(With(base, {{"volume_ids", "[{ value = " + Q(vol2) + " }]"}})));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(holder(vol1), "");
  EXPECT_EQ(holder(vol2), id);

  // An empty list: nothing attached.
  base = With(base, {{"volume_ids", "[]"}});
  d.Write("main.tf", WebTf(base));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(holder(vol2), "");
  EXPECT_EQ(Attr(d, kWeb, "attached_volume_ids"), "[]");

  // The reserved IP, by name: assigned in place.
  d.Write("main.tf", WebTf(With(base, {{"reserved_ip_id",
                                      "{ value_from = { kind = \"CivoIpAddress\", name = \"web-ip\" } }"}})));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(ip_holder(), id);
  auto r = sim_->ReservedIp(ip);
  ASSERT_TRUE(r);
  EXPECT_EQ(Attr(d, kWeb, "reserved_ip_address"), e2e::Str(r->root(), "ip"));

  // Removed: unassigned in place.
  d.Write("main.tf", WebTf(base));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"update"}));
  EXPECT_EQ(ip_holder(), "");
  EXPECT_EQ(Attr(d, kWeb, "id"), id);

  // Destroy leaves the volumes and the IP (they outlive the instance).
  ASSERT_TRUE(Destroy(d));
  EXPECT_TRUE(SimInstanceIds().empty());
  EXPECT_TRUE(sim_->Volume(vol1));
  EXPECT_TRUE(sim_->Volume(vol2));
  EXPECT_TRUE(sim_->ReservedIp(ip));
}

}  // namespace
}  // namespace tfcli
