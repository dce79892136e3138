// End-to-end: create, no-op re-plan, in-place updates, destroy, drift and
// import of civo_compute_instance, through tfdriver against civo-sim.
#include <string>

#include "tests/e2e/fixture.h"

namespace e2e {
namespace {

using Lifecycle = E2ETest;

// A plan marks only what really changes: every changed attribute is one of
// `allowed` (or inside one of them), so unrelated computed values keep their
// prior values instead of becoming unknown.
void ExpectOnlyChanged(const TfResult& r, const std::vector<std::string>& allowed) {
  for (const auto& attr : r.ChangedAttributes(kWeb)) {
    bool ok = false;
    for (const auto& a : allowed) {
      ok |= attr == a || attr.rfind(a + "[", 0) == 0 || attr.rfind(a + ".", 0) == 0;
    }
    EXPECT_TRUE(ok) << "plan changes " << attr << " too; allowed " << Join(allowed) << "\n"
                    << r.Describe();
  }
}

TEST_F(Lifecycle, CreateThenReplanIsNoOp) {
  SetWeb(BaseFields());
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "create") << apply.Describe();

  // State: the promised computed attributes, filled from the API.
  std::string id = StateId();
  ASSERT_FALSE(id.empty()) << "no id in state.json";
  EXPECT_EQ(StateAttr(kWeb, "instance_id"), id);
  EXPECT_EQ(StateAttr(kWeb, "status"), "ACTIVE");
  EXPECT_EQ(StateAttr(kWeb, "instance_name"), "web-1");
  EXPECT_EQ(StateAttr(kWeb, "region"), "LON1");
  EXPECT_EQ(StateAttr(kWeb, "network_id"), net_);
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), sim_->DefaultFirewallId(net_))
      << "no firewall configured: the network's default firewall";
  EXPECT_FALSE(StateAttr(kWeb, "public_ipv4").empty());
  EXPECT_FALSE(StateAttr(kWeb, "private_ipv4").empty());
  EXPECT_FALSE(StateAttr(kWeb, "created_at_rfc3339").empty());
  EXPECT_FALSE(StateAttr(kWeb, "disk_image_id").empty());
  for (const auto& s : sim_->Sizes()) {
    if (s.name != size_small_) continue;
    EXPECT_EQ(StateAttr(kWeb, "cpu_cores"), std::to_string(s.cpu));
    EXPECT_EQ(StateAttr(kWeb, "ram_mb"), std::to_string(s.ram_mb));
    EXPECT_EQ(StateAttr(kWeb, "disk_gb"), std::to_string(s.disk_gb));
  }

  // Simulator: exactly one instance, ACTIVE, made by exactly one create call.
  auto log = sim_->Log();
  long post = FindCall(log, 0, "POST", {"/v2/instances"});
  ASSERT_GE(post, 0) << Sim::Describe(log);
  EXPECT_EQ(FindCall(log, post + 1, "POST", {"/v2/instances"}, {"/v2/instances/"}), -1)
      << "instance created twice:\n" << Sim::Describe(log);
  ASSERT_EQ(sim_->InstanceIds(), std::vector<std::string>{id});
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "hostname"), "web-1");
  EXPECT_EQ(Str(inst->root(), "status"), "ACTIVE");
  EXPECT_EQ(Str(inst->root(), "size"), size_small_);
  // Whatever made the create call recognisable is gone once ACTIVE.
  EXPECT_TRUE(StrList(inst->root(), "tags").empty()) << Dump(inst->root());
  EXPECT_EQ(StateAttr(kWeb, "tags"), "null");

  // Re-plan and re-apply: nothing to do, nothing changed at the API.
  size_t mark = sim_->Log().size();
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
  TfResult again = TfOk("apply");
  EXPECT_EQ(again.Action(kWeb), "no-op") << again.Describe();
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty())
      << "a no-op plan/apply changed something:\n" << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_EQ(StateId(), id);
}

TEST_F(Lifecycle, ResizeIsInPlace) {
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  ASSERT_FALSE(id.empty());

  size_t mark = sim_->Log().size();
  SetWeb(With(BaseFields(), {{"size", Quote(size_big_)}}));
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "update") << apply.Describe();
  EXPECT_TRUE(apply.RequiresReplace(kWeb).empty()) << Join(apply.RequiresReplace(kWeb));
  ExpectOnlyChanged(apply, {"size", "cpu_cores", "ram_mb", "disk_gb", "status"});
  EXPECT_EQ(StateId(), id) << "resize must keep the instance";

  Sim::SizeInfo big;
  for (const auto& s : sim_->Sizes()) {
    if (s.name == size_big_) big = s;
  }
  EXPECT_EQ(StateAttr(kWeb, "size"), size_big_);
  EXPECT_EQ(StateAttr(kWeb, "cpu_cores"), std::to_string(big.cpu));
  EXPECT_EQ(StateAttr(kWeb, "ram_mb"), std::to_string(big.ram_mb));
  EXPECT_EQ(StateAttr(kWeb, "disk_gb"), std::to_string(big.disk_gb));
  EXPECT_EQ(StateAttr(kWeb, "status"), "ACTIVE");

  auto calls = sim_->MutatingCalls(mark);
  auto log = sim_->Log();
  EXPECT_GE(FindCall(log, mark, "PUT", {"/v2/instances/" + id + "/resize"}), 0)
      << Sim::Describe(calls);
  EXPECT_EQ(FindCall(log, mark, "POST", {"/v2/instances"}), -1) << Sim::Describe(calls);
  EXPECT_EQ(FindCall(log, mark, "DELETE", {"/v2/instances"}), -1) << Sim::Describe(calls);
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "size"), size_big_);

  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
}

TEST_F(Lifecycle, UpdatesMakeOnlyTheCallsTheDiffNeeds) {
  SetWeb(With(BaseFields(), {{"tags", R"(["a"])"}}));
  TfOk("apply");
  std::string id = StateId();
  ASSERT_FALSE(id.empty());

  // Tags only: one tags call, nothing else that changes anything.
  size_t mark = sim_->Log().size();
  SetWeb(With(BaseFields(), {{"tags", R"(["a", "b"])"}}));
  TfResult tags = TfOk("apply");
  EXPECT_EQ(tags.Action(kWeb), "update") << tags.Describe();
  ExpectOnlyChanged(tags, {"tags"});
  auto calls = sim_->MutatingCalls(mark);
  ASSERT_EQ(calls.size(), 1u) << "expected exactly the tags call:\n" << Sim::Describe(calls);
  EXPECT_NE(calls[0].path.find("/v2/instances/" + id + "/tags"), std::string::npos)
      << calls[0].ToString();
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(StrList(inst->root(), "tags"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(StateAttr(kWeb, "tags"), R"(["a","b"])");

  // Hostname only: one hostname call (PUT on the instance itself).
  mark = sim_->Log().size();
  SetWeb(With(BaseFields("web-2"), {{"tags", R"(["a", "b"])"}}));
  TfResult rename = TfOk("apply");
  EXPECT_EQ(rename.Action(kWeb), "update") << rename.Describe();
  ExpectOnlyChanged(rename, {"instance_name"});
  calls = sim_->MutatingCalls(mark);
  ASSERT_EQ(calls.size(), 1u) << "expected exactly the hostname call:\n" << Sim::Describe(calls);
  EXPECT_EQ(calls[0].method, "PUT");
  EXPECT_NE(calls[0].path.find("/v2/instances/" + id), std::string::npos) << calls[0].ToString();
  inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "hostname"), "web-2");

  // Firewall: in place, one firewall call.
  std::string fw = sim_->CreateFirewall("web-fw", net_);
  ASSERT_FALSE(fw.empty());
  mark = sim_->Log().size();
  SetWeb(With(BaseFields("web-2"), {{"tags", R"(["a", "b"])"},
                                    {"firewall_ids", "[{\"value\": " + Quote(fw) + "}]"}}));
  TfResult firewall = TfOk("apply");
  EXPECT_EQ(firewall.Action(kWeb), "update") << firewall.Describe();
  ExpectOnlyChanged(firewall, {"firewall_ids", "firewall_id"});
  calls = sim_->MutatingCalls(mark);
  ASSERT_EQ(calls.size(), 1u) << "expected exactly the firewall call:\n" << Sim::Describe(calls);
  EXPECT_NE(calls[0].path.find("/v2/instances/" + id + "/firewall"), std::string::npos)
      << calls[0].ToString();
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), fw);
  EXPECT_EQ(StateId(), id);
  inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "firewall_id"), fw);

  // An empty firewall list: back to the network's default firewall, by
  // Civo's `default` value.
  mark = sim_->Log().size();
  SetWeb(With(BaseFields("web-2"), {{"tags", R"(["a", "b"])"}, {"firewall_ids", "[]"}}));
  TfResult back = TfOk("apply");
  EXPECT_EQ(back.Action(kWeb), "update") << back.Describe();
  calls = sim_->MutatingCalls(mark);
  ASSERT_EQ(calls.size(), 1u) << Sim::Describe(calls);
  EXPECT_NE(calls[0].path.find("/firewall"), std::string::npos) << calls[0].ToString();
  EXPECT_NE(calls[0].body.find("\"default\""), std::string::npos) << calls[0].ToString();
  EXPECT_EQ(Str(sim_->Instance(id)->root(), "firewall_id"), sim_->DefaultFirewallId(net_));
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), sim_->DefaultFirewallId(net_));

  // Timeouts only: nothing to do at the API.
  mark = sim_->Log().size();
  SetWeb(With(BaseFields("web-2"), {{"tags", R"(["a", "b"])"},
                                    {"firewall_ids", "[]"},
                                    {"timeouts", R"({"create": "10m", "delete": "5m"})"}}));
  TfResult timeouts = TfOk("apply");
  EXPECT_NE(timeouts.Action(kWeb), "replace") << timeouts.Describe();
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
  EXPECT_EQ(StateId(), id);
}

TEST_F(Lifecycle, DestroyLeavesVolumesAndReservedIp) {
  std::string vol = sim_->CreateVolume("data-1", net_);
  std::string ip = sim_->CreateReservedIp("web-ip");
  ASSERT_FALSE(vol.empty());
  ASSERT_FALSE(ip.empty());
  SetWeb(With(BaseFields(), {{"volume_ids", "[{\"value\": " + Quote(vol) + "}]"},
                             {"reserved_ip_id", "{\"value\": " + Quote(ip) + "}"}}));
  TfOk("apply");
  std::string id = StateId();
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(StateAttr(kWeb, "attached_volume_ids"), "[" + Quote(vol) + "]");
  auto rip = sim_->ReservedIp(ip);
  ASSERT_TRUE(rip);
  EXPECT_EQ(Str(rip->root(), "assigned_to_id"), id) << Dump(rip->root());
  EXPECT_EQ(StateAttr(kWeb, "reserved_ip_address"), Str(rip->root(), "ip"));
  auto v = sim_->Volume(vol);
  ASSERT_TRUE(v);
  EXPECT_EQ(Str(v->root(), "instance_id"), id) << Dump(v->root());

  size_t mark = sim_->Log().size();
  TfResult destroy = TfOk("destroy");
  EXPECT_EQ(destroy.Action(kWeb, "destroy-plan"), "delete") << destroy.Describe();
  EXPECT_TRUE(sim_->InstanceIds().empty()) << "instance not deleted";
  const Json final_state = ws_->State();
  EXPECT_TRUE(StateObjects(final_state, kWeb).empty()) << ReadFile(ws_->dir() + "/state.json");

  // The volume and the IP persist, free.
  v = sim_->Volume(vol);
  ASSERT_TRUE(v) << "volume was deleted with the instance";
  EXPECT_EQ(Str(v->root(), "instance_id"), "") << Dump(v->root());
  rip = sim_->ReservedIp(ip);
  ASSERT_TRUE(rip) << "reserved IP was deleted with the instance";
  EXPECT_EQ(Str(rip->root(), "assigned_to_id"), "") << Dump(rip->root());

  // ... because the provider released them first (not only because the API
  // cleans up after a deleted instance).
  auto log = sim_->Log();
  long detach = FindCall(log, mark, "PUT", {"/v2/volumes/" + vol + "/detach"});
  long unassign = FindCall(log, mark, "POST", {ip, "unassign"});
  long del = FindCall(log, mark, "DELETE", {"/v2/instances/" + id});
  EXPECT_GE(detach, 0) << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_GE(unassign, 0) << Sim::Describe(sim_->MutatingCalls(mark));
  ASSERT_GE(del, 0) << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_LT(detach, del);
  EXPECT_LT(unassign, del);
  EXPECT_EQ(FindCall(log, mark, "DELETE", {"/v2/volumes"}), -1);
  EXPECT_EQ(FindCall(log, mark, "DELETE", {"/ips/"}), -1);
}

TEST_F(Lifecycle, DriftOutOfBandDeletePlansCreateAndRefreshDropsIt) {
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(sim_->DeleteInstanceOutOfBand(id));
  ASSERT_FALSE(sim_->Instance(id)) << "simulator still finds the instance";

  size_t mark = sim_->Log().size();
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "create") << plan.Describe();
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));

  TfResult refresh = TfOk("refresh");
  const Json final_state = ws_->State();
  EXPECT_TRUE(StateObjects(final_state, kWeb).empty())
      << "refresh kept a deleted instance:\n" << ReadFile(ws_->dir() + "/state.json");

  // And apply brings it back, once.
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "create") << apply.Describe();
  EXPECT_EQ(sim_->InstanceIds().size(), 1u);
  EXPECT_NE(StateId(), id);
}

TEST_F(Lifecycle, DriftOutOfBandHostnameChangeIsAnUpdate) {
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(sim_->SetHostnameOutOfBand(id, "changed-outside"));

  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "update") << plan.Describe();
  EXPECT_TRUE(Contains(plan.ChangedAttributes(kWeb), "instance_name"))
      << Join(plan.ChangedAttributes(kWeb));

  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "update") << apply.Describe();
  auto calls = sim_->MutatingCalls(mark);
  ASSERT_EQ(calls.size(), 1u) << Sim::Describe(calls);
  EXPECT_EQ(calls[0].method, "PUT");
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "hostname"), "web-1");
  EXPECT_EQ(StateId(), id);
}

TEST_F(Lifecycle, VolumesAndReservedIpAttachAndDetachInPlace) {
  std::string vol = sim_->CreateVolume("data-1", net_);
  std::string ip = sim_->CreateReservedIp("web-ip");
  ASSERT_FALSE(vol.empty());
  ASSERT_FALSE(ip.empty());
  SetWeb(With(BaseFields(), {{"volume_ids", "[]"}}));
  TfOk("apply");
  std::string id = StateId();
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(StateAttr(kWeb, "attached_volume_ids"), "[]");

  // Attach and assign in place: only those calls change anything.
  size_t mark = sim_->Log().size();
  SetWeb(With(BaseFields(), {{"volume_ids", "[{\"value\": " + Quote(vol) + "}]"},
                             {"reserved_ip_id", "{\"value\": " + Quote(ip) + "}"}}));
  TfResult attach = TfOk("apply");
  EXPECT_EQ(attach.Action(kWeb), "update") << attach.Describe();
  ExpectOnlyChanged(attach, {"volume_ids", "attached_volume_ids", "reserved_ip_id",
                             "reserved_ip_address", "public_ipv4"});
  auto calls = sim_->MutatingCalls(mark);
  EXPECT_EQ(calls.size(), 2u) << Sim::Describe(calls);
  auto log = sim_->Log();
  EXPECT_GE(FindCall(log, mark, "PUT", {"/v2/volumes/" + vol + "/attach", id}), 0)
      << Sim::Describe(calls);
  EXPECT_GE(FindCall(log, mark, "POST", {ip + "/actions", id}, {"unassign"}), 0)
      << Sim::Describe(calls);
  EXPECT_EQ(StateId(), id);
  EXPECT_EQ(StateAttr(kWeb, "attached_volume_ids"), "[" + Quote(vol) + "]");
  auto r = sim_->ReservedIp(ip);
  ASSERT_TRUE(r);
  EXPECT_EQ(Str(r->root(), "assigned_to_id"), id);
  EXPECT_EQ(StateAttr(kWeb, "reserved_ip_address"), Str(r->root(), "ip"));
  EXPECT_EQ(Str(sim_->Volume(vol)->root(), "instance_id"), id);
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();

  // Respelling the volume by name changes nothing at the API.
  mark = sim_->Log().size();
  SetWeb(With(BaseFields(), {{"volume_ids", R"([{"value_from": {"kind": "CivoVolume", "name": "data-1"}}])"},
                             {"reserved_ip_id", R"({"value_from": {"name": "web-ip"}})"}}));
  TfResult respelled = TfOk("apply");
  EXPECT_NE(respelled.Action(kWeb), "replace") << respelled.Describe();
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));

  // Detach and unassign in place: an empty list means "none attached".
  mark = sim_->Log().size();
  SetWeb(With(BaseFields(), {{"volume_ids", "[]"}}));
  TfResult detach = TfOk("apply");
  EXPECT_EQ(detach.Action(kWeb), "update") << detach.Describe();
  calls = sim_->MutatingCalls(mark);
  EXPECT_EQ(calls.size(), 2u) << Sim::Describe(calls);
  log = sim_->Log();
  EXPECT_GE(FindCall(log, mark, "PUT", {"/v2/volumes/" + vol + "/detach"}), 0) << Sim::Describe(calls);
  EXPECT_GE(FindCall(log, mark, "POST", {ip + "/actions", "unassign"}), 0) << Sim::Describe(calls);
  EXPECT_EQ(StateId(), id);
  EXPECT_EQ(StateAttr(kWeb, "attached_volume_ids"), "[]");
  EXPECT_EQ(Str(sim_->Volume(vol)->root(), "instance_id"), "");
  EXPECT_EQ(Str(sim_->ReservedIp(ip)->root(), "assigned_to_id"), "");
  EXPECT_TRUE(sim_->Volume(vol)) << "detaching must not delete the volume";
  EXPECT_TRUE(sim_->ReservedIp(ip)) << "unassigning must not delete the IP";
}

TEST_F(Lifecycle, NullVolumeListLeavesAttachmentsUnmanaged) {
  std::string vol = sim_->CreateVolume("data-1", net_);
  SetWeb(BaseFields());  // volume_ids null
  TfOk("apply");
  std::string id = StateId();
  ASSERT_FALSE(id.empty());
  // Someone attaches a volume outside Terraform: with volume_ids null that
  // is not the configuration's business.
  HttpAnswer a = sim_->Api("PUT", "/v2/volumes/" + vol + "/attach",
                           "{\"instance_id\": " + Quote(id) + "}");
  ASSERT_EQ(a.status, 200) << a.body;
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_EQ(Str(sim_->Volume(vol)->root(), "instance_id"), id);
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
}

TEST_F(Lifecycle, DestroyOfAnInstanceAlreadyGoneSucceeds) {
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  ASSERT_TRUE(sim_->DeleteInstanceOutOfBand(id));
  // Without refresh the plan still believes in it; the delete finds it gone.
  TfResult destroy = TfOk("destroy", {}, {"-refresh=false"});
  EXPECT_EQ(destroy.Action(kWeb, "destroy-plan"), "delete") << destroy.Describe();
  const Json final_state = ws_->State();
  EXPECT_TRUE(StateObjects(final_state, kWeb).empty());
  EXPECT_TRUE(sim_->InstanceIds().empty());
}

// Removing firewall_ids from the config puts the instance back on its
// network's default firewall: one call with Civo's `default`, then an
// empty plan.
TEST_F(Lifecycle, RemovingFirewallIdsGoesBackToTheDefaultFirewall) {
  std::string fw = sim_->CreateFirewall("web-fw", net_);
  ASSERT_FALSE(fw.empty());
  SetWeb(With(BaseFields(), {{"firewall_ids", "[{\"value\": " + Quote(fw) + "}]"}}));
  TfOk("apply");
  std::string id = StateId();
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), fw);
  SetWeb(BaseFields());
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "update") << plan.Describe();
  ExpectOnlyChanged(plan, {"firewall_ids", "firewall_id"});
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  auto calls = sim_->MutatingCalls(mark);
  ASSERT_EQ(calls.size(), 1u) << Sim::Describe(calls);
  EXPECT_EQ(calls[0].method, "PUT");
  EXPECT_NE(calls[0].path.find("/v2/instances/" + id + "/firewall"), std::string::npos)
      << calls[0].ToString();
  EXPECT_NE(calls[0].body.find("\"default\""), std::string::npos) << calls[0].ToString();
  const std::string default_fw = sim_->DefaultFirewallId(net_);
  ASSERT_FALSE(default_fw.empty());
  EXPECT_EQ(Str(sim_->Instance(id)->root(), "firewall_id"), default_fw);
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), default_fw);
  EXPECT_EQ(StateAttr(kWeb, "firewall_ids"), "null");
  mark = sim_->Log().size();
  TfResult replan = TfOk("plan");
  EXPECT_EQ(replan.Action(kWeb), "no-op") << replan.Describe();
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
}

// A config that names a firewall holds the instance to it: a change made
// outside Terraform is undone by the next apply.
TEST_F(Lifecycle, DriftOutOfBandFirewallChangeIsUndoneWhenConfigured) {
  std::string fw = sim_->CreateFirewall("web-fw", net_);
  std::string other = sim_->CreateFirewall("other-fw", net_);
  ASSERT_FALSE(fw.empty());
  ASSERT_FALSE(other.empty());
  SetWeb(With(BaseFields(), {{"firewall_ids", "[{\"value\": " + Quote(fw) + "}]"}}));
  TfOk("apply");
  std::string id = StateId();
  HttpAnswer a = sim_->Admin("PATCH", "/_sim/instances/" + id, "{\"firewall_id\": " + Quote(other) + "}");
  ASSERT_EQ(a.status, 200) << a.body;
  TfOk("refresh");
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), other) << "refresh did not record the drift";
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "update") << apply.Describe();
  auto calls = sim_->MutatingCalls(mark);
  ASSERT_EQ(calls.size(), 1u) << Sim::Describe(calls);
  EXPECT_NE(calls[0].path.find("/firewall"), std::string::npos) << calls[0].ToString();
  EXPECT_NE(calls[0].body.find(fw), std::string::npos) << calls[0].ToString();
  EXPECT_EQ(Str(sim_->Instance(id)->root(), "firewall_id"), fw);
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), fw);
  TfResult replan = TfOk("plan");
  EXPECT_EQ(replan.Action(kWeb), "no-op") << replan.Describe();
}

// Without firewall_ids the instance keeps whatever firewall it has: a
// change made outside Terraform is recorded and accepted, never undone.
TEST_F(Lifecycle, DriftOutOfBandFirewallChangeIsAcceptedWithoutFirewallIds) {
  std::string other = sim_->CreateFirewall("other-fw", net_);
  ASSERT_FALSE(other.empty());
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), sim_->DefaultFirewallId(net_));
  HttpAnswer a = sim_->Admin("PATCH", "/_sim/instances/" + id, "{\"firewall_id\": " + Quote(other) + "}");
  ASSERT_EQ(a.status, 200) << a.body;
  size_t mark = sim_->Log().size();
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "no-op") << apply.Describe();
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), other);
  EXPECT_EQ(Str(sim_->Instance(id)->root(), "firewall_id"), other);
}

// Import into a fresh working directory an instance made elsewhere.
class Import : public E2ETest {
 protected:
  // Creates the instance with a first workspace and returns its id.
  std::string CreateElsewhere() {
    Workspace other(ProviderBlock());
    other.SetResources({{kWeb, Entry(BaseFields())}});
    TfResult r = other.Run("apply");
    EXPECT_EQ(r.exit_code, 0) << r.Describe();
    const Json state = other.State();
    auto obj = CurrentObject(state, kWeb);
    if (!obj || obj->attributes == nullptr) return "";
    return Str(*obj->attributes, "id");
  }

  void ImportThenNoOp(const std::string& import_id, const std::string& id) {
    ImportThenNoOpWith(BaseFields(), import_id, id);
  }

  void ImportThenNoOpWith(const Fields& fields, const std::string& import_id,
                          const std::string& id) {
    SetWeb(fields);
    TfResult imp = TfOk("import", {kWeb, import_id});
    EXPECT_EQ(imp.Action(kWeb, "import"), "import") << imp.Describe();
    EXPECT_EQ(StateId(), id);
    EXPECT_EQ(StateAttr(kWeb, "instance_name"), "web-1");
    EXPECT_EQ(StateAttr(kWeb, "size"), size_small_);
    EXPECT_EQ(StateAttr(kWeb, "image"), image_);
    EXPECT_EQ(StateAttr(kWeb, "region"), "LON1");
    EXPECT_EQ(StateAttr(kWeb, "network_id"), net_);
    EXPECT_FALSE(StateAttr(kWeb, "public_ipv4").empty());

    size_t mark = sim_->Log().size();
    TfResult plan = TfOk("plan");
    EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
    EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
  }
};

TEST_F(Import, RegionSlashIdThenNoOpPlan) {
  std::string id = CreateElsewhere();
  ASSERT_FALSE(id.empty());
  ImportThenNoOp("LON1/" + id, id);
}

TEST_F(Import, BareIdThenNoOpPlan) {
  std::string id = CreateElsewhere();
  ASSERT_FALSE(id.empty());
  ImportThenNoOp(id, id);
}

// The firewall: import records the one the instance has; a config without
// firewall_ids (above) and one naming that firewall both plan no change.
TEST_F(Import, ConfigNamingTheInstancesFirewallThenNoOpPlan) {
  std::string id = CreateElsewhere();
  ASSERT_FALSE(id.empty());
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  const std::string fw = Str(inst->root(), "firewall_id");
  ASSERT_FALSE(fw.empty());
  ImportThenNoOpWith(With(BaseFields(), {{"firewall_ids", "[{\"value\": " + Quote(fw) + "}]"}}),
                     "LON1/" + id, id);
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), fw);
  EXPECT_NE(StateAttr(kWeb, "firewall_ids").find(Quote(fw)), std::string::npos)
      << StateAttr(kWeb, "firewall_ids");
}

TEST_F(Import, ConfigNamingNetworkByValueFromIsNeverReplacement) {
  std::string id = CreateElsewhere();
  ASSERT_FALSE(id.empty());
  std::string net_name = sim_->NetworkName(net_);
  ASSERT_FALSE(net_name.empty());
  SetWeb(With(BaseFields(),
              {{"network", "{\"value_from\": {\"name\": " + Quote(net_name) + "}}"}}));
  TfOk("import", {kWeb, "LON1/" + id});
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_NE(apply.Action(kWeb), "replace") << apply.Describe();
  EXPECT_NE(apply.Action(kWeb), "") << apply.Describe();
  EXPECT_TRUE(apply.RequiresReplace(kWeb).empty()) << Join(apply.RequiresReplace(kWeb));
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_EQ(StateId(), id);
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
}

// Import fills every attribute the API can tell: a configuration naming
// the instance's firewall, key, volume, reserved IP, tags and user_data as it
// has them plans no change after import.
TEST_F(Import, FullyEquippedInstanceThenNoOpPlan) {
  std::string fw = sim_->CreateFirewall("web-fw", net_);
  std::string key = sim_->CreateSshKey("key-one");
  std::string vol = sim_->CreateVolume("data-1", net_);
  std::string ip = sim_->CreateReservedIp("web-ip");
  Fields fields = With(BaseFields(), {{"firewall_ids", "[{\"value\": " + Quote(fw) + "}]"},
                                      {"ssh_key_ids", "[" + Quote(key) + "]"},
                                      {"volume_ids", "[{\"value\": " + Quote(vol) + "}]"},
                                      {"reserved_ip_id", "{\"value\": " + Quote(ip) + "}"},
                                      {"tags", R"(["web", "prod"])"},
                                      {"region", "\"LON1\""},
                                      {"user_data", Quote("#cloud-config\nruncmd: [echo hi]\n")}});
  Workspace other(ProviderBlock());
  other.SetResources({{kWeb, Entry(fields)}});
  TfResult made = other.Run("apply");
  ASSERT_EQ(made.exit_code, 0) << made.Describe();
  const Json state = other.State();
  auto obj = CurrentObject(state, kWeb);
  ASSERT_TRUE(obj && obj->attributes);
  std::string id = Str(*obj->attributes, "id");

  SetWeb(fields);
  TfOk("import", {kWeb, "LON1/" + id});
  EXPECT_EQ(StateId(), id);
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), fw);
  EXPECT_EQ(StateAttr(kWeb, "attached_volume_ids"), "[" + Quote(vol) + "]");
  EXPECT_FALSE(StateAttr(kWeb, "reserved_ip_address").empty());
  size_t mark = sim_->Log().size();
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
  EXPECT_TRUE(plan.RequiresReplace(kWeb).empty()) << Join(plan.RequiresReplace(kWeb));
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
}

TEST_F(Import, MissingInstanceIsAnError) {
  SetWeb(BaseFields());
  TfResult imp = Tf("import", {kWeb, "LON1/00000000-0000-0000-0000-000000000000"});
  EXPECT_EQ(imp.exit_code, 1) << imp.Describe();
  EXPECT_EQ(imp.violations(), 0) << imp.Describe();
  EXPECT_GE(imp.errors(), 1) << imp.Describe();
  const Json final_state = ws_->State();
  EXPECT_TRUE(StateObjects(final_state, kWeb).empty());
}

}  // namespace
}  // namespace e2e
