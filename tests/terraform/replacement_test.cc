// The replacement rules as terraform plans them (change.actions and
// change.replace_paths of `terraform show -json`), applied: region, image,
// network, the first SSH key, user_data; what is not a replacement (a change
// of case of the region, a second SSH key); create_before_destroy handing
// the reserved IP and the volume over to the new instance.
#include <algorithm>

#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

constexpr char kWeb[] = "civo_compute_instance.web";

bool Has(const Strings& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

class Replacement : public TerraformTest {
 protected:
  // Plans, expects a replacement (destroy first) caused by `attribute`,
  // applies, re-plans empty, and checks the instance got a new id.
  ::testing::AssertionResult ReplacedBy(const WorkDir& d, const std::string& attribute,
                                        const std::string& old_id) {
    Plan p;
    auto step = PlanApplyReplan(d, kWeb, {"delete", "create"}, &p);
    if (!step) return step;
    if (!Has(p.ReplacePaths(kWeb), attribute)) {
      return ::testing::AssertionFailure() << "replace_paths " << Join(p.ReplacePaths(kWeb))
                                           << " do not name " << attribute << "\n"
                                           << p.Describe();
    }
    std::string id = Attr(d, kWeb, "id");
    if (id.empty() || id == old_id) {
      return ::testing::AssertionFailure() << "id after the replacement: '" << id << "'";
    }
    return ::testing::AssertionSuccess();
  }
};

TEST_F(Replacement, RegionImageAndNetworkChangesReplace) {
  Attrs base = With(BaseInstance(), {{"region", Q("LON1")},
                                     {"network", "{ value_from = { name = \"default\" } }"}});
  WorkDir& d = NewDir("replace", WebTf(base));
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create"}));
  std::string id = Attr(d, kWeb, "id");

  // The region's case only: not a replacement (nothing, or an update).
  d.Write("main.tf", WebTf(With(base, {{"region", Q("lon1")}})));
  {
    Plan p = PlanOut(d);
    ASSERT_TRUE(p.json.ok()) << p.Describe();
    EXPECT_FALSE(Has(p.Actions(kWeb), "delete")) << p.Describe();
    ASSERT_TRUE(ApplySavedThenEmptyPlan(d));
    EXPECT_EQ(Attr(d, kWeb, "id"), id);
  }

  // Another image.
  base = With(base, {{"region", Q("lon1")}, {"image", Q("debian-11")}});
  d.Write("main.tf", WebTf(base));
  ASSERT_TRUE(ReplacedBy(d, "image", id));
  EXPECT_FALSE(SimInstance(id)) << "the old instance still exists";
  id = Attr(d, kWeb, "id");
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "source_id"), "debian-11");

  // Another region (the network named "default" resolves there).
  base = With(base, {{"region", Q("NYC1")}});
  d.Write("main.tf", WebTf(base));
  ASSERT_TRUE(ReplacedBy(d, "region", id));
  id = Attr(d, kWeb, "id");
  EXPECT_TRUE(SimInstanceIds("LON1").empty()) << Join(SimInstanceIds("LON1"));
  EXPECT_EQ(SimInstanceIds("NYC1"), Strings{id});
  EXPECT_EQ(Attr(d, kWeb, "network_id"), sim_->DefaultNetworkId("NYC1"));

  // Another network.
  const std::string other = sim_->CreateNetwork("other", "NYC1");
  ASSERT_FALSE(other.empty());
  d.Write("main.tf", WebTf(With(base, {{"network", "{ value_from = { name = \"other\" } }"}})));
  ASSERT_TRUE(ReplacedBy(d, "network", id));
  id = Attr(d, kWeb, "id");
  inst = SimInstance(id, "NYC1");
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "network_id"), other);
  EXPECT_EQ(Attr(d, kWeb, "network_id"), other);

  ASSERT_TRUE(Destroy(d));
  EXPECT_TRUE(SimInstanceIds("NYC1").empty());
  EXPECT_TRUE(SimInstanceIds("LON1").empty());
}

TEST_F(Replacement, FirstSshKeyAndUserDataChangesReplace) {
  const std::string k1 = sim_->CreateSshKey("key-one");
  const std::string k2 = sim_->CreateSshKey("key-two");
  const std::string k3 = sim_->CreateSshKey("key-three");
  ASSERT_FALSE(k1.empty() || k2.empty() || k3.empty());
  const std::string script1 = "<<-EOT\n    #cloud-config\n    runcmd:\n      - echo one\n  EOT";
  const std::string script2 = "<<-EOT\n    #cloud-config\n    runcmd:\n      - echo two\n  EOT";
  Attrs base = With(BaseInstance(), {{"ssh_key_ids", "[" + Q(k1) + "]"}, {"user_data", script1}});
  WorkDir& d = NewDir("keys", WebTf(base));
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create"}));
  std::string id = Attr(d, kWeb, "id");
  auto inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "ssh_key_id"), k1);

  // A second key: not a replacement (Civo takes one key), and a warning
  // says so.
  base = With(base, {{"ssh_key_ids", "[" + Q(k1) + ", " + Q(k2) + "]"}});
  d.Write("main.tf", WebTf(base));
  {
    Plan p = PlanOut(d);
    ASSERT_TRUE(p.json.ok()) << p.Describe();
    EXPECT_FALSE(Has(p.Actions(kWeb), "delete")) << p.Describe();
    EXPECT_TRUE(Contains(p.run.out + p.run.err, "Warning")) << p.Describe();
    ASSERT_TRUE(ApplySavedThenEmptyPlan(d));
    EXPECT_EQ(Attr(d, kWeb, "id"), id);
  }

  // Another first key.
  base = With(base, {{"ssh_key_ids", "[" + Q(k3) + ", " + Q(k2) + "]"}});
  d.Write("main.tf", WebTf(base));
  ASSERT_TRUE(ReplacedBy(d, "ssh_key_ids", id));
  id = Attr(d, kWeb, "id");
  inst = SimInstance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(e2e::Str(inst->root(), "ssh_key_id"), k3);

  // Other user_data.
  d.Write("main.tf", WebTf(With(base, {{"user_data", script2}})));
  ASSERT_TRUE(ReplacedBy(d, "user_data", id));
  id = Attr(d, kWeb, "id");
  EXPECT_EQ(SimInstanceIds(), Strings{id});

  ASSERT_TRUE(Destroy(d));
  EXPECT_TRUE(SimInstanceIds().empty());
}

TEST_F(Replacement, CreateBeforeDestroyHandsReservedIpAndVolumeOver) {
  const std::string vol = sim_->CreateVolume("data-1", net_);
  const std::string ip = sim_->CreateReservedIp("web-ip");
  ASSERT_FALSE(vol.empty() || ip.empty());
  const std::string cbd = "\n  lifecycle {\n    create_before_destroy = true\n  }\n";
  Attrs base = With(BaseInstance(),
                    {{"volume_ids", "[{ value_from = { kind = \"CivoVolume\", name = \"data-1\" } }]"},
                     {"reserved_ip_id", "{ value_from = { name = \"web-ip\" } }"}});
  WorkDir& d = NewDir("cbd", WebTf(base, cbd));
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create"}));
  const std::string old_id = Attr(d, kWeb, "id");
  auto v = sim_->Volume(vol);
  auto r = sim_->ReservedIp(ip);
  ASSERT_TRUE(v && r);
  EXPECT_EQ(e2e::Str(v->root(), "instance_id"), old_id);
  EXPECT_EQ(e2e::Str(r->root(), "assigned_to_id"), old_id);
  const std::string address = e2e::Str(r->root(), "ip");
  EXPECT_EQ(Attr(d, kWeb, "reserved_ip_address"), address);

  // A new image: the replacement is created first and takes the IP and the
  // volume (a warning names the old instance); deleting the old one leaves
  // them with the new one.
  d.Write("main.tf", WebTf(With(base, {{"image", Q("debian-11")}}), cbd));
  Plan p;
  CliRun apply;
  ASSERT_TRUE(PlanApplyReplan(d, kWeb, {"create", "delete"}, &p, &apply));
  EXPECT_TRUE(Has(p.ReplacePaths(kWeb), "image")) << p.Describe();
  const std::string new_id = Attr(d, kWeb, "id");
  ASSERT_FALSE(new_id.empty());
  EXPECT_NE(new_id, old_id);
  EXPECT_TRUE(Contains(apply.out + apply.err, "Warning")) << apply.Describe();
  EXPECT_TRUE(Contains(apply.out + apply.err, old_id))
      << "no warning names the instance the IP/volume came from\n" << apply.Describe();
  EXPECT_FALSE(SimInstance(old_id)) << "the deposed instance was not deleted";
  v = sim_->Volume(vol);
  r = sim_->ReservedIp(ip);
  ASSERT_TRUE(v && r);
  EXPECT_EQ(e2e::Str(v->root(), "instance_id"), new_id);
  EXPECT_EQ(e2e::Str(r->root(), "assigned_to_id"), new_id);
  EXPECT_EQ(Attr(d, kWeb, "attached_volume_ids"), "[\"" + vol + "\"]");
  EXPECT_EQ(Attr(d, kWeb, "reserved_ip_address"), address);

  // Destroy: the instance goes, the IP and the volume stay, released.
  ASSERT_TRUE(Destroy(d));
  EXPECT_TRUE(SimInstanceIds().empty());
  v = sim_->Volume(vol);
  r = sim_->ReservedIp(ip);
  ASSERT_TRUE(v && r);
  EXPECT_EQ(e2e::Str(v->root(), "instance_id"), "");
  EXPECT_EQ(e2e::Str(r->root(), "assigned_to_id"), "");
}

}  // namespace
}  // namespace tfcli
