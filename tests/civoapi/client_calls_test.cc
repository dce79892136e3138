// Every civoapi call against the simulator: shapes, state changes, pagination.
#include <algorithm>
#include <thread>

#include "civoapi/errors.h"
#include "tests/civoapi/sim_fixture.h"

namespace civoapi_test {
namespace {

using civoapi::Instance;
using civoapi::Volume;

TEST_F(SimTest, CatalogueCalls) {
  auto regions = client_->ListRegions(Opts());
  ASSERT_TRUE(regions.ok()) << regions.status();
  ASSERT_EQ(regions->size(), 3u);
  EXPECT_EQ((*regions)[0].code, "LON1");
  EXPECT_TRUE((*regions)[0].is_default);

  auto sizes = client_->ListSizes(Opts());
  ASSERT_TRUE(sizes.ok()) << sizes.status();
  auto medium = std::find_if(sizes->begin(), sizes->end(), [](const auto& s) { return s.name == "g3.medium"; });
  ASSERT_NE(medium, sizes->end());
  EXPECT_EQ(medium->disk_gb, 50);
  EXPECT_EQ(medium->cpu_cores, 2);
  EXPECT_EQ(medium->type, "Instance");
  EXPECT_TRUE(medium->selectable);
  EXPECT_TRUE(std::any_of(sizes->begin(), sizes->end(), [](const auto& s) { return !s.selectable; }));

  auto images = client_->ListDiskImages(Opts());
  ASSERT_TRUE(images.ok()) << images.status();
  EXPECT_TRUE(std::any_of(images->begin(), images->end(), [](const auto& d) {
    return d.name == "ubuntu-jammy" && !d.id.empty() && d.distribution == "ubuntu";
  }));
  civoapi::CallOptions nyc = Opts();
  nyc.region = "NYC1";
  auto nyc_images = client_->ListDiskImages(nyc);
  ASSERT_TRUE(nyc_images.ok());
  EXPECT_LT(nyc_images->size(), images->size()) << "rocky-9 exists only in LON1";

  auto quota = client_->GetQuota(Opts());
  ASSERT_TRUE(quota.ok()) << quota.status();
  EXPECT_GT(quota->instance_count_limit, 0);
  EXPECT_EQ(quota->instance_count_usage, 0);
}

TEST_F(SimTest, NetworksFirewallsAndKeys) {
  auto nets = client_->ListNetworks(Opts());
  ASSERT_TRUE(nets.ok()) << nets.status();
  ASSERT_EQ(nets->size(), 1u);
  EXPECT_EQ((*nets)[0].name, "default") << "the user-visible label, not Civo's internal name";
  EXPECT_TRUE((*nets)[0].is_default);

  auto created = client_->CreateNetwork("prod", Opts());
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_FALSE(created->id.empty());
  auto dup = client_->CreateNetwork("prod", Opts());
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(civoapi::GetApiError(dup.status())->code, "database_network_duplicate_name");

  auto fws = client_->ListFirewalls(Opts());
  ASSERT_TRUE(fws.ok()) << fws.status();
  ASSERT_EQ(fws->size(), 2u) << "one default firewall per network";
  EXPECT_FALSE((*fws)[0].rules.empty());
  EXPECT_FALSE((*fws)[0].rules[0].cidr.empty());

  auto fw = client_->CreateFirewall("web", created->id, Opts());
  ASSERT_TRUE(fw.ok()) << fw.status();
  EXPECT_EQ(fw->network_id, created->id);

  auto key = client_->CreateSshKey("laptop", "ssh-ed25519 AAAAC3Nza laptop", Opts());
  ASSERT_TRUE(key.ok()) << key.status();
  auto keys = client_->ListSshKeys(Opts());
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0].name, "laptop");
  EXPECT_EQ((*keys)[0].id, key->id);
  EXPECT_FALSE((*keys)[0].fingerprint.empty());
}

TEST_F(SimTest, InstanceLifecycle) {
  civoapi::CreateInstanceRequest req = Req("web-1", "g3.medium");
  req.tags = {"alpha", "beta"};
  req.script = "#cloud-config\npackages: [nginx]\n";
  auto created = client_->CreateInstance(req, Opts());
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->status, "BUILDING");
  EXPECT_TRUE(created->public_ip.empty()) << "null while BUILDING";
  EXPECT_EQ(created->tags, (std::vector<std::string>{"alpha", "beta"}));
  EXPECT_EQ(created->script, req.script) << "decoded from base64";
  EXPECT_EQ(created->source_id, "ubuntu-jammy");
  EXPECT_EQ(created->disk_image_id, req.template_id);
  EXPECT_FALSE(created->firewall_id.empty()) << "the network's default firewall";
  EXPECT_FALSE(created->created_at.empty());

  auto active = client_->WaitInstance(created->id, [](const Instance& i) { return i.status == "ACTIVE"; }, Opts());
  ASSERT_TRUE(active.ok()) << active.status();
  EXPECT_FALSE(active->public_ip.empty());
  EXPECT_FALSE(active->private_ip.empty());
  EXPECT_EQ(active->disk_gb, 50);
  EXPECT_FALSE(active->initial_password.empty());

  ASSERT_TRUE(client_->UpdateInstanceHostname(created->id, "web-one", Opts()).ok());
  ASSERT_TRUE(client_->UpdateInstanceNotes(created->id, "hello", Opts()).ok());
  ASSERT_TRUE(client_->SetInstanceTags(created->id, {"gamma"}, Opts()).ok());
  auto tag_put = ApiLog("PUT", "/v2/instances/" + created->id + "/tags");
  ASSERT_EQ(tag_put.size(), 1u);
  EXPECT_NE(tag_put[0].body.find("\"tags\":\"gamma\""), std::string::npos) << "tags go as one string";
  auto got = client_->GetInstance(created->id, Opts());
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->hostname, "web-one");
  EXPECT_EQ(got->notes, "hello");
  EXPECT_EQ(got->tags, std::vector<std::string>{"gamma"});

  // Resize: smaller disk refused, bigger goes through REBOOTING.
  auto down = client_->ResizeInstance(created->id, "g3.small", Opts());
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(civoapi::GetApiError(down)->code, "openstack_instance_resize");
  ASSERT_TRUE(client_->ResizeInstance(created->id, "g3.large", Opts()).ok());
  auto rebooting = client_->GetInstance(created->id, Opts());
  ASSERT_TRUE(rebooting.ok());
  EXPECT_EQ(rebooting->status, "REBOOTING");
  auto resized = client_->WaitInstance(created->id, [](const Instance& i) { return i.status == "ACTIVE"; }, Opts());
  ASSERT_TRUE(resized.ok());
  EXPECT_EQ(resized->size, "g3.large");
  EXPECT_EQ(resized->disk_gb, 100);

  // Firewall change.
  auto fw = client_->CreateFirewall("strict", active->network_id, Opts());
  ASSERT_TRUE(fw.ok()) << fw.status();
  ASSERT_TRUE(client_->SetInstanceFirewall(created->id, fw->id, Opts()).ok());
  EXPECT_EQ(client_->GetInstance(created->id, Opts())->firewall_id, fw->id);

  // Delete: DELETING, then not found.
  ASSERT_TRUE(client_->DeleteInstance(created->id, Opts()).ok());
  auto gone = client_->WaitInstance(created->id, [](const Instance&) { return false; }, Opts());
  ASSERT_FALSE(gone.ok());
  EXPECT_TRUE(civoapi::IsNotFound(gone.status())) << gone.status();
  EXPECT_EQ(civoapi::GetApiError(gone.status())->code, "database_instance_find");
}

TEST_F(SimTest, VolumesAndReservedIps) {
  Instance inst = CreateActive("db-1");
  ASSERT_FALSE(inst.id.empty());

  auto vol = client_->CreateVolume("data", inst.network_id, 20, Opts());
  ASSERT_TRUE(vol.ok()) << vol.status();
  EXPECT_EQ(vol->status, "available");
  EXPECT_EQ(vol->size_gigabytes, 20);
  ASSERT_TRUE(client_->AttachVolume(vol->id, inst.id, Opts()).ok());
  auto attaching = client_->GetVolume(vol->id, Opts());
  ASSERT_TRUE(attaching.ok());
  EXPECT_EQ(attaching->status, "attaching");
  auto attached = client_->WaitVolume(vol->id, [](const Volume& v) { return v.status == "attached"; }, Opts());
  ASSERT_TRUE(attached.ok()) << attached.status();
  EXPECT_EQ(attached->instance_id, inst.id);
  EXPECT_EQ(client_->GetInstance(inst.id, Opts())->volume_ids, std::vector<std::string>{vol->id});
  auto vols = client_->ListVolumes(Opts());
  ASSERT_TRUE(vols.ok());
  EXPECT_EQ(vols->size(), 1u);

  auto ip = client_->CreateReservedIp("front", Opts());
  ASSERT_TRUE(ip.ok()) << ip.status();
  EXPECT_FALSE(ip->ip.empty());
  ASSERT_TRUE(client_->AssignReservedIp(ip->id, inst.id, Opts()).ok());
  ASSERT_TRUE(client_->AssignReservedIp(ip->id, inst.id, Opts()).ok()) << "assigning twice is harmless";
  auto got_ip = client_->GetReservedIp(ip->id, Opts());
  ASSERT_TRUE(got_ip.ok());
  EXPECT_EQ(got_ip->assigned_to_id, inst.id);
  EXPECT_EQ(got_ip->assigned_to_type, "instance");
  auto with_ip = client_->GetInstance(inst.id, Opts());
  EXPECT_EQ(with_ip->reserved_ip_id, ip->id);
  EXPECT_EQ(with_ip->reserved_ip, ip->ip);

  // Unassign and detach explicitly...
  ASSERT_TRUE(client_->UnassignReservedIp(ip->id, Opts()).ok());
  EXPECT_TRUE(client_->GetReservedIp(ip->id, Opts())->assigned_to_id.empty());
  ASSERT_TRUE(client_->DetachVolume(vol->id, Opts()).ok());
  auto detached = client_->WaitVolume(vol->id, [](const Volume& v) { return v.status == "available"; }, Opts());
  ASSERT_TRUE(detached.ok());
  EXPECT_TRUE(detached->instance_id.empty());

  // ...and implicitly, by deleting the instance: both survive it.
  ASSERT_TRUE(client_->AttachVolume(vol->id, inst.id, Opts()).ok());
  ASSERT_TRUE(client_->AssignReservedIp(ip->id, inst.id, Opts()).ok());
  ASSERT_TRUE(client_->DeleteInstance(inst.id, Opts()).ok());
  auto after_vol = client_->GetVolume(vol->id, Opts());
  ASSERT_TRUE(after_vol.ok());
  EXPECT_EQ(after_vol->status, "available");
  // The reserved IP is let go once the instance is gone (not while DELETING).
  auto gone = client_->WaitInstance(inst.id, [](const Instance&) { return false; }, Opts());
  EXPECT_TRUE(civoapi::IsNotFound(gone.status())) << gone.status();
  EXPECT_TRUE(client_->GetReservedIp(ip->id, Opts())->assigned_to_id.empty());

  auto ips = client_->ListReservedIps(Opts());
  ASSERT_TRUE(ips.ok());
  EXPECT_EQ(ips->size(), 1u);
  ASSERT_TRUE(client_->DeleteReservedIp(ip->id, Opts()).ok());
  ASSERT_TRUE(client_->DeleteVolume(vol->id, Opts()).ok());
  EXPECT_TRUE(civoapi::IsNotFound(client_->GetVolume(vol->id, Opts()).status()));
}

TEST_F(SimTest, PaginationIsFollowedAndTagsFilter) {
  auto client = MakeClient(kToken, /*page_size=*/5);
  for (int n = 0; n < 12; ++n) {
    civoapi::CreateInstanceRequest r = Req("node-" + std::to_string(n));
    if (n % 3 == 0) r.tags = {"blue"};
    ASSERT_TRUE(client->CreateInstance(r, Opts()).ok());
  }
  sim_->ClearLog();
  auto all = client->ListInstances(Opts());
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 12u);
  auto pages = ApiLog("GET", "/v2/instances");
  ASSERT_EQ(pages.size(), 3u) << "12 items at 5 per page";
  EXPECT_NE(pages[2].query.find("page=3"), std::string::npos);

  auto blue = client->ListInstances(Opts(), "blue");
  ASSERT_TRUE(blue.ok());
  EXPECT_EQ(blue->size(), 4u);
  for (const auto& i : *blue) EXPECT_EQ(i.tags, std::vector<std::string>{"blue"});

  for (int n = 0; n < 7; ++n) ASSERT_TRUE(client->CreateReservedIp("ip-" + std::to_string(n), Opts()).ok());
  sim_->ClearLog();
  auto ips = client->ListReservedIps(Opts());
  ASSERT_TRUE(ips.ok());
  EXPECT_EQ(ips->size(), 7u);
  EXPECT_EQ(ApiLog("GET", "/v2/ips").size(), 2u);
}

TEST_F(SimTest, EveryRequestCarriesRegionUserAgentAndToken) {
  ASSERT_TRUE(client_->ListSizes(Opts()).ok());
  civoapi::CallOptions nyc = Opts();
  nyc.region = "NYC1";
  ASSERT_TRUE(client_->ListNetworks(nyc).ok());
  CreateActive("ua-check");
  auto log = sim_->Log();
  ASSERT_GE(log.size(), 4u);
  for (const auto& e : log) {
    EXPECT_NE(e.query.find("region="), std::string::npos) << e.path;
    EXPECT_EQ(e.user_agent.rfind("terraform-provider-civo/", 0), 0u) << e.user_agent;
    EXPECT_TRUE(e.authorized);
  }
  EXPECT_NE(log[1].query.find("region=NYC1"), std::string::npos);
}

TEST_F(SimTest, WaiterStopsOnTerminalStatusAndPollsGently) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.build_time = std::chrono::milliseconds(1500); });
  auto created = client_->CreateInstance(Req("slow"), Opts());
  ASSERT_TRUE(created.ok());
  sim_->ClearLog();
  auto active = client_->WaitInstance(created->id, [](const Instance& i) { return i.status == "ACTIVE"; }, Opts());
  ASSERT_TRUE(active.ok());
  size_t polls = ApiLog("GET", "/v2/instances/" + created->id).size();
  // Nothing learned yet: every 250 ms (poll_schedule.h), about 7 polls for 1.5 s, never a flood.
  EXPECT_GE(polls, 3u);
  EXPECT_LE(polls, 8u);

  auto broken = client_->CreateInstance(Req("broken"), Opts());
  ASSERT_TRUE(broken.ok());
  // Set the status out of band, as a failed build would.
  civoapi::CallOptions o = Opts();
  std::thread breaker([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(sim_->PatchInstanceOutOfBand(broken->id, R"({"status":"ERROR"})"), 200);
  });
  auto r = client_->WaitInstance(broken->id, [](const Instance& i) { return i.status == "ACTIVE"; }, o);
  breaker.join();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition) << r.status();
}

TEST_F(SimTest, WaiterLearnsHowLongABuildTakesAndPollsNearTheEnd) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.build_time = std::chrono::milliseconds(1200); });
  auto is_active = [](const Instance& i) { return i.status == "ACTIVE"; };
  auto first = client_->CreateInstance(Req("learn-1"), Opts());
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(client_->WaitInstance(first->id, is_active, Opts()).ok());
  size_t first_polls = ApiLog("GET", "/v2/instances/" + first->id).size();

  sim_->ClearLog();
  auto second = client_->CreateInstance(Req("learn-2"), Opts());
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(client_->WaitInstance(second->id, is_active, Opts()).ok());
  auto polls = ApiLog("GET", "/v2/instances/" + second->id);
  auto posts = ApiLog("POST", "/v2/instances");
  ASSERT_EQ(posts.size(), 1u);
  ASSERT_FALSE(polls.empty());
  // One poll to see BUILDING, a sleep until just before the learned time,
  // then fine polls: fewer calls than the first, unlearned wait...
  EXPECT_LE(polls.size(), 5u);
  EXPECT_LT(polls.size(), first_polls);
  // ...and the build is noticed soon after it ends (generous bound for a
  // loaded machine; the unlearned schedule alone would allow 250 ms).
  double noticed_after = polls.back().start_ms - posts.front().end_ms;
  EXPECT_GE(noticed_after, 1200.0);
  EXPECT_LE(noticed_after, 1200.0 + 600.0);
}

}  // namespace
}  // namespace civoapi_test
