// civo_volume, civo_ip_address (resources and data sources) and the
// catalogue data sources (civo_sizes, civo_disk_images, civo_regions) under
// real terraform: apply and an empty
// re-plan, a volume grown in place, a shrink planned as a replacement with a
// warning, `terraform import` by REGION/ID and ID, and one destroy that
// leaves nothing behind, even with the reserved IP still held by an
// instance being deleted (civo/terraform-provider-civo#252).
#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

constexpr char kVolume[] = "civo_volume.data";
constexpr char kIp[] = "civo_ip_address.web";

std::string StorageTf(int size_gib) {
  return Header() + R"(
resource "civo_volume" "data" {
  volume_name = "data-1"
  size_gib    = )" + std::to_string(size_gib) + R"(
}

resource "civo_ip_address" "web" {
  description = "web front door"
}

data "civo_sizes" "small" {
  type          = "instance"
  name_prefix   = "g3."
  min_cpu_cores = 1
}

data "civo_disk_images" "ubuntu" {
  distribution = "Ubuntu"
}

data "civo_regions" "all" {}

data "civo_volume" "by_name" {
  volume_name = civo_volume.data.volume_name
}

data "civo_ip_address" "by_id" {
  id = civo_ip_address.web.id
}

output "volume_size_seen" {
  value = data.civo_volume.by_name.size_gib
}

output "ip_seen" {
  value = data.civo_ip_address.by_id.ip_address
}

output "smallest_size" {
  value = data.civo_sizes.small.sizes[0].name
}

output "image_names" {
  value = [for i in data.civo_disk_images.ubuntu.disk_images : i.name]
}

output "region_codes" {
  value = [for r in data.civo_regions.all.regions : r.code]
}
)";
}

class Storage : public TerraformTest {
 protected:
  // One object as the Civo API shows it (the simulator's own JSON).
  std::optional<e2e::Json> Get(const std::string& path) {
    e2e::HttpAnswer a = sim_->Api("GET", path);
    if (a.status != 200) return std::nullopt;
    return a.json();
  }
  // Objects of a kind the simulator has in LON1 (the API's own view).
  size_t Count(const std::string& path, const char* items_key = nullptr) {
    e2e::HttpAnswer a = sim_->Api("GET", path);
    e2e::Json j = a.json();
    if (a.status != 200 || !j.ok()) return 9999;
    const rapidjson::Value* list = items_key ? e2e::Get(j.root(), items_key) : &j.root();
    return list != nullptr && list->IsArray() ? list->Size() : 9999;
  }
};

TEST_F(Storage, ApplyGrowImportAndOneDestroyLeavesNothing) {
  WorkDir& d = NewDir("stack", StorageTf(10));
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(ApplyThenEmptyPlan(d));

  const std::string vol_id = Attr(d, kVolume, "id");
  const std::string ip_id = Attr(d, kIp, "id");
  ASSERT_FALSE(vol_id.empty());
  ASSERT_FALSE(ip_id.empty());
  EXPECT_EQ(Attr(d, kVolume, "volume_id"), vol_id);
  EXPECT_EQ(Attr(d, kVolume, "region"), "LON1");
  EXPECT_EQ(Attr(d, kVolume, "attached_instance_id"), "");
  EXPECT_EQ(Attr(d, kIp, "reserved_ip_id"), ip_id);
  EXPECT_FALSE(Attr(d, kIp, "ip_address").empty());
  EXPECT_FALSE(Attr(d, kIp, "created_at_rfc3339").empty());
  std::optional<e2e::Json> vol = Get("/v2/volumes/" + vol_id);
  ASSERT_TRUE(vol.has_value());
  EXPECT_EQ(e2e::Str(vol->root(), "name"), "data-1");
  EXPECT_EQ(e2e::Num(vol->root(), "size_gb"), 10);
  std::optional<e2e::Json> ip = Get("/v2/ips/" + ip_id);
  ASSERT_TRUE(ip.has_value());
  EXPECT_EQ(e2e::Str(ip->root(), "name"), "web front door");

  // The catalogue data sources answered, filtered.
  CliRun out = d.Tf({"output", "-json"});
  ASSERT_TRUE(out.ok()) << out.Describe();
  e2e::Json outputs = e2e::Json::Parse(out.out);
  ASSERT_TRUE(outputs.ok()) << out.out;
  const rapidjson::Value* smallest = e2e::Get(outputs.root(), "smallest_size");
  ASSERT_NE(smallest, nullptr) << out.out;
  EXPECT_EQ(e2e::Str(*smallest, "value").rfind("g3.", 0), 0u) << out.out;
  const rapidjson::Value* images = e2e::Get(outputs.root(), "image_names");
  ASSERT_NE(images, nullptr) << out.out;
  const std::vector<std::string> image_names = e2e::StrList(*images, "value");
  EXPECT_FALSE(image_names.empty()) << out.out;
  for (const std::string& n : image_names) EXPECT_EQ(n.rfind("ubuntu", 0), 0u) << n;
  const rapidjson::Value* regions = e2e::Get(outputs.root(), "region_codes");
  ASSERT_NE(regions, nullptr) << out.out;
  EXPECT_EQ(e2e::StrList(*regions, "value"), (Strings{"FRA1", "LON1", "NYC1"})) << out.out;
  // The data sources of the two kinds found the objects just made.
  const rapidjson::Value* size_seen = e2e::Get(outputs.root(), "volume_size_seen");
  ASSERT_NE(size_seen, nullptr) << out.out;
  EXPECT_EQ(e2e::Num(*size_seen, "value"), 10) << out.out;
  const rapidjson::Value* ip_seen = e2e::Get(outputs.root(), "ip_seen");
  ASSERT_NE(ip_seen, nullptr) << out.out;
  EXPECT_EQ(e2e::Str(*ip_seen, "value"), Attr(d, kIp, "ip_address")) << out.out;

  // Growing the volume is an in-place update through Civo's resize call.
  ASSERT_TRUE(d.Write("main.tf", StorageTf(20)));
  size_t before = sim_->Log().size();
  ASSERT_TRUE(PlanApplyReplan(d, kVolume, {"update"}));
  EXPECT_EQ(Attr(d, kVolume, "id"), vol_id);
  vol = Get("/v2/volumes/" + vol_id);
  ASSERT_TRUE(vol.has_value());
  EXPECT_EQ(e2e::Num(vol->root(), "size_gb"), 20);
  std::string calls = e2e::Sim::Describe(sim_->MutatingCalls(before));
  EXPECT_TRUE(Contains(calls, "/v2/volumes/" + vol_id + "/resize")) << calls;

  // Shrinking it is planned as a replacement, with a warning saying why.
  ASSERT_TRUE(d.Write("main.tf", StorageTf(5)));
  Plan shrink = PlanOut(d);
  ASSERT_TRUE(shrink.json.ok()) << shrink.Describe();
  EXPECT_EQ(shrink.Actions(kVolume), (Strings{"delete", "create"})) << shrink.Describe();
  EXPECT_EQ(shrink.ReplacePaths(kVolume), Strings{"size_gib"}) << shrink.Describe();
  EXPECT_TRUE(Contains(shrink.run.out + shrink.run.err, "cannot shrink")) << shrink.Describe();
  ASSERT_TRUE(d.Write("main.tf", StorageTf(20)));
  d.Tf({"plan", "-input=false", "-no-color", "-out=tfplan"});  // leave no saved shrink plan behind

  // Forgotten by Terraform, then imported back: REGION/ID and a bare ID.
  ASSERT_TRUE(d.Tf({"state", "rm", kVolume, kIp}).ok());
  CliRun imp = d.Tf({"import", "-input=false", "-no-color", kVolume, "lon1/" + vol_id});
  ASSERT_TRUE(imp.ok()) << imp.Describe();
  imp = d.Tf({"import", "-input=false", "-no-color", kIp, ip_id});
  ASSERT_TRUE(imp.ok()) << imp.Describe();
  EXPECT_EQ(Attr(d, kVolume, "size_gib"), "20");
  EXPECT_EQ(Attr(d, kIp, "description"), "web front door");
  before = sim_->Log().size();
  EXPECT_TRUE(EmptyPlan(d));
  EXPECT_TRUE(sim_->MutatingCalls(before).empty()) << e2e::Sim::Describe(sim_->MutatingCalls(before));

  // The reserved IP held by an instance that is being deleted: Civo refuses
  // to delete an assigned IP (the upstream provider's first destroy failed
  // there, #252); ours unassigns and waits, so one destroy is enough.
  const std::string inst = sim_->CreateInstance("holder-1", "g3.small", "ubuntu-jammy", net_);
  ASSERT_FALSE(inst.empty());
  ASSERT_TRUE(WaitActive(inst));
  e2e::HttpAnswer assign = sim_->Api("POST", "/v2/ips/" + ip_id + "/actions",
                                     R"({"action":"assign","assign_to_type":"instance","assign_to_id":")" +
                                         inst + "\"}");
  ASSERT_EQ(assign.status, 200) << assign.body;
  // The instance stays DELETING (and holds the IP) well into the destroy.
  ASSERT_EQ(sim_->Admin("POST", "/_sim/config", R"({"action_time_ms":6000})").status, 200);
  ASSERT_EQ(sim_->Api("DELETE", "/v2/instances/" + inst).status, 200);
  e2e::HttpAnswer plain = sim_->Api("DELETE", "/v2/ips/" + ip_id);
  EXPECT_EQ(plain.status, 400) << "the simulator should refuse deleting an assigned IP: " << plain.body;

  before = sim_->Log().size();
  ASSERT_TRUE(Destroy(d));
  EXPECT_EQ(ResourceCount(d), 0);
  calls = e2e::Sim::Describe(sim_->MutatingCalls(before));
  EXPECT_TRUE(Contains(calls, "POST /v2/ips/" + ip_id + "/actions")) << "no unassign: " << calls;
  EXPECT_FALSE(sim_->Volume(vol_id).has_value());
  EXPECT_FALSE(sim_->ReservedIp(ip_id).has_value());
  EXPECT_EQ(Count("/v2/volumes"), 0u);
  EXPECT_EQ(Count("/v2/ips", "items"), 0u);
}

TEST_F(Storage, DeletingAnAttachedVolumeFailsNamingTheInstance) {
  WorkDir& d = NewDir("attached", Header() + R"(
resource "civo_volume" "data" {
  volume_name = "data-2"
  size_gib    = 5
}
)");
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(ApplyThenEmptyPlan(d));
  const std::string vol_id = Attr(d, kVolume, "id");
  const std::string inst = sim_->CreateInstance("db-1", "g3.small", "ubuntu-jammy", net_);
  ASSERT_FALSE(inst.empty());
  ASSERT_TRUE(WaitActive(inst));
  e2e::HttpAnswer attach =
      sim_->Api("PUT", "/v2/volumes/" + vol_id + "/attach", R"({"instance_id":")" + inst + "\"}");
  ASSERT_EQ(attach.status, 200) << attach.body;

  CliRun destroy = d.Tf({"destroy", "-auto-approve", "-input=false", "-no-color"});
  EXPECT_FALSE(destroy.ok()) << destroy.Describe();
  EXPECT_TRUE(Contains(destroy.out + destroy.err, "db-1")) << destroy.Describe();
  EXPECT_TRUE(sim_->Volume(vol_id).has_value());
  EXPECT_EQ(ResourceCount(d), 1);
}

}  // namespace
}  // namespace tfcli
