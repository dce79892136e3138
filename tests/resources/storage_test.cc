// civo_volume and civo_ip_address, and their data sources, against the
// in-process simulator: the Planton rules as diagnostics, create/read/update/
// delete with drift, ambiguous failures read back (repeated only when
// missing), deletes that fail naming the instance or wait it out (#252).
#include <chrono>
#include <map>
#include <string>

#include "resources/catalogue_data/catalogue_data_sources.h"
#include "tests/resources/fixture.h"
#include "tfplugin/data_source.h"

namespace restest {
namespace {

using tfplugin::Diagnostics;
using tfplugin::Severity;

class StorageTest : public ResourceTest {
 protected:
  void Use(const std::string& type) {
    res_ = provider_->FindResource(type);
    ASSERT_NE(res_, nullptr) << type;
  }

  // Terraform's proposed new state from this resource's own schema.
  Value Proposed(const Value& prior, const Value& config) const {
    return ProposedNewState(res_->schema().block, prior, config);
  }

  // A config of the current resource: every attribute null but `set`.
  Value Cfg(const std::map<std::string, Value>& set) const {
    std::map<std::string, Value> out;
    for (const auto& a : res_->schema().block.attributes) {
      auto it = set.find(a.name);
      out.emplace(a.name, it == set.end() ? Value::Null() : it->second);
    }
    return Value::Object(std::move(out));
  }

  tfplugin::PlanResponse PlanOf(const Value& prior, const Value& config, Diagnostics& d) {
    tfplugin::PlanRequest req;
    req.prior_state = prior;
    req.config = config;
    req.proposed_new_state = Proposed(prior, config);
    return res_->Plan(Request("PlanResourceChange"), req, d);
  }

  Value Create(const Value& config, Diagnostics& d) {
    auto plan = PlanOf(Value::Null(), config, d);
    if (d.HasError()) return Value::Null();
    auto applied = Apply(Value::Null(), plan.planned_state, config, d);
    if (!d.HasError()) ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
    return applied.new_state;
  }

  Value Update(const Value& prior, const Value& config, Diagnostics& d) {
    auto plan = PlanOf(prior, config, d);
    EXPECT_TRUE(plan.requires_replace.empty());
    if (d.HasError()) return prior;
    auto applied = Apply(prior, plan.planned_state, config, d);
    if (!d.HasError()) ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
    return applied.new_state;
  }

  void Destroy(const Value& prior, Diagnostics& d) { Apply(prior, Value::Null(), Value::Null(), d); }

  void NoOp(const Value& state, const Value& config) {
    Diagnostics d;
    Value refreshed = Refresh(state, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_EQ(refreshed, state) << refreshed.DebugString();
    auto plan = PlanOf(refreshed, config, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_TRUE(plan.requires_replace.empty());
    EXPECT_EQ(plan.planned_state, refreshed) << plan.planned_state.DebugString();
  }

  Diagnostics Validate(const Value& config) {
    Diagnostics d;
    res_->Validate(Request("ValidateResourceConfig"), config, d);
    return d;
  }

  void Arm502(const std::string& method, const std::string& path) {
    sim_->UpdateConfig([&](civosim::SimConfig& c) {
      c.ambiguous_next = 1;
      c.ambiguous_status = 502;
      c.ambiguous_method = method;
      c.ambiguous_path_prefix = path;
    });
  }

  std::string ActiveInstance(const std::string& hostname) {
    civoapi::CreateInstanceRequest req;
    req.hostname = hostname;
    req.size = "g3.small";
    req.network_id = default_network_id_;
    auto images = api_->ListDiskImages(Opts());
    EXPECT_TRUE(images.ok());
    for (const auto& i : *images) {
      if (i.name == "ubuntu-jammy") req.template_id = i.id;
    }
    auto inst = api_->CreateInstance(req, Opts());
    EXPECT_TRUE(inst.ok()) << inst.status();
    if (!inst.ok()) return "";
    auto active = api_->WaitInstance(inst->id, [](const civoapi::Instance& i) { return i.status == "ACTIVE"; },
                                     Opts());
    EXPECT_TRUE(active.ok()) << active.status();
    return inst->id;
  }

  Value ReadData(const std::string& type, const std::map<std::string, Value>& set, Diagnostics& d) {
    tfplugin::DataSource* ds = provider_->FindDataSource(type);
    EXPECT_NE(ds, nullptr) << type;
    if (ds == nullptr) return Value::Null();
    std::map<std::string, Value> cfg;
    for (const auto& a : ds->schema().block.attributes) {
      auto it = set.find(a.name);
      cfg.emplace(a.name, it == set.end() ? Value::Null() : it->second);
    }
    return ds->Read(tfplugin::RequestContext("ReadDataSource", type), Value::Object(std::move(cfg)), d);
  }
};

Value S(const std::string& s) { return Value::String(s); }
Value N(int64_t n) { return Value::Int(n); }

// ---- civo_volume ----

TEST_F(StorageTest, VolumeRulesAreDiagnosticsNamingTheAttribute) {
  Use("civo_volume");
  auto base = [&](std::map<std::string, Value> extra) {
    std::map<std::string, Value> m{{"volume_name", S("data-1")}, {"size_gib", N(10)}};
    for (auto& [k, v] : extra) m[k] = v;
    return Cfg(m);
  };
  EXPECT_FALSE(Validate(base({})).HasError());
  struct Bad {
    std::map<std::string, Value> set;
    std::string path;
  };
  for (const Bad& b : std::vector<Bad>{
           {{{"volume_name", S("Data-1")}}, "volume_name"},
           {{{"volume_name", S("1data")}}, "volume_name"},
           {{{"volume_name", S("data-")}}, "volume_name"},
           {{{"volume_name", S(std::string(65, 'a'))}}, "volume_name"},
           {{{"size_gib", N(0)}}, "size_gib"},
           {{{"size_gib", N(16001)}}, "size_gib"},
           {{{"filesystem_type", S("ntfs")}}, "filesystem_type"},
           {{{"tags", Strings({"a", "a"})}}, "tags[1]"},
           {{{"tags", Strings({"has space"})}}, "tags[0]"},
           {{{"tags", Strings({std::string(65, 't')})}}, "tags[0]"},
           {{{"region", S("London")}}, "region"},
       }) {
    Diagnostics d = Validate(base(b.set));
    EXPECT_TRUE(d.HasError()) << b.path;
    bool at = false;
    for (const auto& i : d.items()) at |= i.severity == Severity::kError && i.path.ToString() == b.path;
    EXPECT_TRUE(at) << b.path << ": " << DiagText(d);
  }
  EXPECT_FALSE(Validate(base({{"volume_name", S(std::string(64, 'a'))}, {"size_gib", N(16000)}})).HasError());
  // Fields Civo cannot store are accepted with a warning saying so.
  Diagnostics d = Validate(base({{"filesystem_type", S("ext4")}, {"tags", Strings({"env:prod", "team_a"})}}));
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "filesystem_type", "not stored")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "tags", "Terraform state only")) << DiagText(d);
}

TEST_F(StorageTest, VolumeLifecycleGrowsInPlaceShrinkReplacesAndDriftIsSeen) {
  Use("civo_volume");
  const Value cfg10 = Cfg({{"volume_name", S("data-1")}, {"size_gib", N(10)}, {"region", S("lon1")}});
  Diagnostics d;
  Value state = Create(cfg10, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  const std::string id = Id(state);
  EXPECT_EQ(state.Attr("volume_id").AsString(), id);
  EXPECT_EQ(state.Attr("region").AsString(), "lon1");  // as written; any case
  EXPECT_EQ(state.Attr("attached_instance_id").AsString(), "");
  auto vol = api_->GetVolume(id, Opts());
  ASSERT_TRUE(vol.ok());
  EXPECT_EQ(vol->size_gigabytes, 10);
  NoOp(state, cfg10);
  // Another letter case of the same region: never a replacement, no call.
  {
    const uint64_t before = LastSeq();
    Diagnostics dc;
    Value upper = Update(state, Cfg({{"volume_name", S("data-1")}, {"size_gib", N(10)}, {"region", S("LON1")}}), dc);
    ASSERT_FALSE(dc.HasError()) << DiagText(dc);
    EXPECT_EQ(Id(upper), Id(state));
    EXPECT_TRUE(MutatingCalls(before).empty());
  }

  // Grow: in place, one resize call.
  const uint64_t seq = LastSeq();
  const Value cfg20 = Cfg({{"volume_name", S("data-1")}, {"size_gib", N(20)}, {"region", S("lon1")}});
  state = Update(state, cfg20, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(Id(state), id);
  EXPECT_EQ(MutatingCalls(seq), std::vector<std::string>{"PUT /v2/volumes/" + id + "/resize"});
  EXPECT_EQ(api_->GetVolume(id, Opts())->size_gigabytes, 20);

  // Shrink: a replacement, with a warning saying the data goes.
  auto shrink = PlanOf(state, Cfg({{"volume_name", S("data-1")}, {"size_gib", N(5)}, {"region", S("lon1")}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ASSERT_EQ(shrink.requires_replace.size(), 1u);
  EXPECT_EQ(shrink.requires_replace[0].ToString(), "size_gib");
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "size_gib", "cannot shrink")) << DiagText(d);
  // Another region: a replacement.
  Diagnostics d2;
  auto moved = PlanOf(state, Cfg({{"volume_name", S("data-1")}, {"size_gib", N(20)}, {"region", S("NYC1")}}), d2);
  ASSERT_EQ(moved.requires_replace.size(), 1u) << DiagText(d2);
  EXPECT_EQ(moved.requires_replace[0].ToString(), "region");

  // Drift: deleted outside Terraform, the refresh forgets it.
  ASSERT_TRUE(api_->DeleteVolume(id, Opts()).ok());
  Diagnostics d3;
  EXPECT_TRUE(Refresh(state, d3).is_null()) << DiagText(d3);
}

TEST_F(StorageTest, VolumeAmbiguousCreateAndResizeAreReadBackNotRepeated) {
  Use("civo_volume");
  // The create is performed, then answered 502: the volume is found by name
  // and adopted, never created twice.
  Arm502("POST", "/v2/volumes");
  Diagnostics d;
  Value state = Create(Cfg({{"volume_name", S("data-amb")}, {"size_gib", N(10)}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  auto all = api_->ListVolumes(Opts());
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].id, Id(state));
  EXPECT_EQ(state.Attr("region").AsString(), "LON1");  // the provider's region

  // The resize is performed, then answered 502: read back, not repeated.
  const uint64_t seq = LastSeq();
  Arm502("PUT", "/v2/volumes/");
  state = Update(state, Cfg({{"volume_name", S("data-amb")}, {"size_gib", N(30)}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(CountCalls(seq, "PUT", "/v2/volumes/" + Id(state) + "/resize"), 1u);
  EXPECT_EQ(state.Attr("size_gib"), N(30));
}

TEST_F(StorageTest, VolumeResizeLostBeforeItWasMadeIsRepeatedOnce) {
  Use("civo_volume");
  Diagnostics d;
  Value state = Create(Cfg({{"volume_name", S("data-drop")}, {"size_gib", N(10)}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  // The connection drops after sending, and the resize was NOT made: the
  // read-back shows it missing, so it is made again, once.
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.drop_next = 1;
    c.drop_perform = false;
    c.drop_method = "PUT";
    c.drop_path_prefix = "/v2/volumes/";
  });
  const uint64_t seq = LastSeq();
  state = Update(state, Cfg({{"volume_name", S("data-drop")}, {"size_gib", N(12)}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(CountCalls(seq, "PUT", "/v2/volumes/" + Id(state) + "/resize"), 2u);
  EXPECT_EQ(api_->GetVolume(Id(state), Opts())->size_gigabytes, 12);
}

TEST_F(StorageTest, VolumeSnapshotIsSentAndItsFailureNamesTheAttribute) {
  Use("civo_volume");
  const uint64_t seq = LastSeq();
  Diagnostics d;
  Create(Cfg({{"volume_name", S("from-snap")}, {"size_gib", N(10)}, {"snapshot_id", S("snap-123")}}), d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "snapshot_id", "snap-123")) << DiagText(d);
  auto bodies = CallBodies(seq, "POST", "/v2/volumes");
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_NE(bodies[0].find("\"snapshot_id\":\"snap-123\""), std::string::npos) << bodies[0];
}

TEST_F(StorageTest, DeletingAnAttachedVolumeFailsNamingTheInstance) {
  Use("civo_volume");
  Diagnostics d;
  Value state = Create(Cfg({{"volume_name", S("data-att")}, {"size_gib", N(5)}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  const std::string inst = ActiveInstance("db-1");
  ASSERT_TRUE(api_->AttachVolume(Id(state), inst, Opts()).ok());
  auto attached =
      api_->WaitVolume(Id(state), [](const civoapi::Volume& v) { return v.status == "attached"; }, Opts());
  ASSERT_TRUE(attached.ok());
  Value refreshed = Refresh(state, d);
  EXPECT_EQ(refreshed.Attr("attached_instance_id").AsString(), inst);
  EXPECT_NE(refreshed.Attr("device_path").AsString(), "");

  Destroy(refreshed, d);
  ASSERT_TRUE(d.HasError());
  EXPECT_NE(DiagText(d).find("db-1 (" + inst + ")"), std::string::npos) << DiagText(d);
  EXPECT_TRUE(api_->GetVolume(Id(state), Opts()).ok());

  // Detached, the same destroy goes through.
  ASSERT_TRUE(api_->DetachVolume(Id(state), Opts()).ok());
  Diagnostics d2;
  Destroy(refreshed, d2);
  EXPECT_FALSE(d2.HasError()) << DiagText(d2);
  EXPECT_TRUE(civoapi::IsNotFound(api_->GetVolume(Id(state), Opts()).status()));
}

TEST_F(StorageTest, VolumeImportByRegionSlashIdAndId) {
  Use("civo_volume");
  auto vol = api_->NewVolume({"legacy-vol", "", 15, ""}, Opts());
  ASSERT_TRUE(vol.ok()) << vol.status();
  for (const std::string& form : {"lon1/" + vol->id, vol->id}) {
    Diagnostics d;
    auto imported = res_->Import(Request("ImportResourceState"), form, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    ASSERT_EQ(imported.size(), 1u);
    const Value& s = imported[0].state;
    EXPECT_EQ(Id(s), vol->id);
    EXPECT_EQ(s.Attr("region").AsString(), "LON1");
    EXPECT_EQ(s.Attr("volume_name").AsString(), "legacy-vol");
    EXPECT_EQ(s.Attr("size_gib"), N(15));
    NoOp(s, Cfg({{"volume_name", S("legacy-vol")}, {"size_gib", N(15)}}));
  }
  Diagnostics d;
  res_->Import(Request("ImportResourceState"), "LON1/a/b", d);
  EXPECT_TRUE(d.HasError());
  Diagnostics d2;
  res_->Import(Request("ImportResourceState"), "LON1/no-such-volume", d2);
  EXPECT_NE(DiagText(d2).find("No volume"), std::string::npos) << DiagText(d2);
}

// ---- civo_ip_address ----

TEST_F(StorageTest, IpAddressCreateRenameDriftAndRules) {
  Use("civo_ip_address");
  EXPECT_TRUE(Validate(Cfg({{"description", S(std::string(101, 'x'))}})).HasError());
  EXPECT_FALSE(Validate(Cfg({{"description", S(std::string(100, 'x'))}})).HasError());
  Diagnostics d;
  const Value cfg = Cfg({{"description", S("front door")}});
  Value state = Create(cfg, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(state.Attr("reserved_ip_id").AsString(), Id(state));
  EXPECT_FALSE(state.Attr("ip_address").AsString().empty());
  EXPECT_FALSE(state.Attr("created_at_rfc3339").AsString().empty());
  EXPECT_EQ(state.Attr("attached_resource_id").AsString(), "");
  NoOp(state, cfg);

  const uint64_t seq = LastSeq();
  Arm502("PUT", "/v2/ips/");  // performed, then 502: read back, not repeated
  state = Update(state, Cfg({{"description", S("back door")}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(MutatingCalls(seq), std::vector<std::string>{"PUT /v2/ips/" + Id(state)});
  EXPECT_EQ(api_->GetReservedIp(Id(state), Opts())->name, "back door");

  // Assigned by an instance outside this resource: seen on refresh.
  const std::string inst = ActiveInstance("web-1");
  ASSERT_TRUE(api_->AssignReservedIp(Id(state), inst, Opts()).ok());
  EXPECT_EQ(Refresh(state, d).Attr("attached_resource_id").AsString(), inst);
  ASSERT_TRUE(api_->UnassignReservedIp(Id(state), Opts()).ok());
  ASSERT_TRUE(api_->DeleteReservedIp(Id(state), Opts()).ok());
  EXPECT_TRUE(Refresh(state, d).is_null());
}

// civo/terraform-provider-civo#252: the IP's instance is being destroyed in
// the same run; Civo still holds the IP for it and refuses the delete. One
// destroy of ours unassigns, waits and deletes.
TEST_F(StorageTest, IpAddressHeldByAnInstanceBeingDeletedNeedsOneDestroy) {
  Use("civo_ip_address");
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.action_time = std::chrono::milliseconds(1500); });
  Diagnostics d;
  Value state = Create(Cfg({{"description", S("held")}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  const std::string inst = ActiveInstance("going-1");
  ASSERT_TRUE(api_->AssignReservedIp(Id(state), inst, Opts()).ok());
  ASSERT_TRUE(api_->DeleteInstance(inst, Opts()).ok());
  // What the upstream provider did: delete at once. Civo refuses.
  auto plain = api_->DeleteReservedIp(Id(state), Opts());
  EXPECT_FALSE(plain.ok());
  ASSERT_TRUE(api_->GetReservedIp(Id(state), Opts()).ok());

  Destroy(state, d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_TRUE(civoapi::IsNotFound(api_->GetReservedIp(Id(state), Opts()).status()));
}

TEST_F(StorageTest, IpAddressAmbiguousDeleteIsReadBack) {
  Use("civo_ip_address");
  Diagnostics d;
  Value state = Create(Cfg({{"description", S("amb-del")}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  const uint64_t seq = LastSeq();
  Arm502("DELETE", "/v2/ips/");
  Destroy(state, d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(CountCalls(seq, "DELETE", "/v2/ips/" + Id(state)), 1u);
}

// ---- data sources ----

TEST_F(StorageTest, DataSourcesFindOneObjectByIdOrName) {
  auto vol = api_->NewVolume({"found-vol", "", 7, ""}, Opts());
  ASSERT_TRUE(vol.ok());
  auto ip = api_->CreateReservedIp("found-ip", Opts());
  ASSERT_TRUE(ip.ok());

  Diagnostics d;
  Value by_name = ReadData("civo_volume", {{"volume_name", S("found-vol")}}, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(by_name.Attr("id").AsString(), vol->id);
  EXPECT_EQ(by_name.Attr("size_gib"), N(7));
  EXPECT_EQ(by_name.Attr("region").AsString(), "LON1");
  Value by_id = ReadData("civo_volume", {{"id", S(vol->id)}}, d);
  EXPECT_EQ(by_id.Attr("volume_name").AsString(), "found-vol");

  Value ip_by_name = ReadData("civo_ip_address", {{"description", S("found-ip")}}, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(ip_by_name.Attr("id").AsString(), ip->id);
  EXPECT_EQ(ip_by_name.Attr("ip_address").AsString(), ip->ip);
  Value ip_by_id = ReadData("civo_ip_address", {{"id", S(ip->id)}}, d);
  EXPECT_EQ(ip_by_id.Attr("description").AsString(), "found-ip");
  ASSERT_FALSE(d.HasError()) << DiagText(d);

  Diagnostics missing;
  ReadData("civo_volume", {{"volume_name", S("nope")}}, missing);
  EXPECT_TRUE(HasDiagAt(missing, Severity::kError, "volume_name", "nope")) << DiagText(missing);
  Diagnostics both;
  ReadData("civo_ip_address", {{"id", S(ip->id)}, {"description", S("found-ip")}}, both);
  EXPECT_TRUE(both.HasError());
  Diagnostics neither;
  ReadData("civo_volume", {}, neither);
  EXPECT_TRUE(neither.HasError());
}

TEST_F(StorageTest, CatalogueDataSourcesFilter) {
  Diagnostics d;
  Value sizes = ReadData("civo_sizes", {{"type", S("instance")}, {"min_cpu_cores", N(2)}}, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  std::vector<std::string> names;
  for (const Value& s : sizes.Attr("sizes").Elements()) {
    names.push_back(s.Attr("name").AsString());
    EXPECT_GE(s.Attr("cpu_cores").AsNumber().ToInt64().value_or(0), 2);
    EXPECT_EQ(s.Attr("selectable"), Value::Bool(true));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"g3.medium", "g3.large", "g3.xlarge", "g3.2xlarge"}));
  Value all = ReadData("civo_sizes", {{"selectable_only", Value::Bool(false)}}, d);
  bool legacy = false;
  for (const Value& s : all.Attr("sizes").Elements()) legacy |= s.Attr("name").AsString() == "g2.legacy";
  EXPECT_TRUE(legacy);

  Value images = ReadData("civo_disk_images", {{"name_prefix", S("ubuntu-")}}, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ASSERT_FALSE(images.Attr("disk_images").Elements().empty());
  for (const Value& i : images.Attr("disk_images").Elements()) {
    EXPECT_EQ(i.Attr("name").AsString().rfind("ubuntu-", 0), 0u);
  }
  Value regions = ReadData("civo_regions", {}, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(regions.Attr("regions").Elements().size(), 3u);
  EXPECT_EQ(regions.Attr("default_region").AsString(), "LON1");

  Diagnostics bad;
  ReadData("civo_sizes", {{"region", S("not a region")}}, bad);
  EXPECT_TRUE(HasDiagAt(bad, Severity::kError, "region")) << DiagText(bad);
}

}  // namespace
}  // namespace restest
