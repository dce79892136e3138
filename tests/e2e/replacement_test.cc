// End-to-end: which changes replace the instance and which do not, judged by
// what references resolve to; downsizing; create_before_destroy handing a
// reserved IP and a volume over to the replacement.
#include <string>

#include "tests/e2e/fixture.h"

namespace e2e {
namespace {

class Replacement : public E2ETest {
 protected:
  // Applies `before`, then `after`; expects a delete-then-create replacement
  // caused by `attr`, and returns the new instance id (the old one checked
  // gone, the new one the only instance left).
  std::string ExpectReplaced(const Fields& before, const Fields& after, const std::string& attr,
                             const std::string& new_region = "LON1") {
    SetWeb(before);
    TfOk("apply");
    std::string old_id = StateId();
    EXPECT_FALSE(old_id.empty());
    if (old_id.empty()) return "";

    SetWeb(after);
    TfResult plan = TfOk("plan");
    EXPECT_EQ(plan.Action(kWeb), "replace") << plan.Describe();
    EXPECT_TRUE(AnyStartsWith(plan.RequiresReplace(kWeb), attr))
        << "requires_replace " << Join(plan.RequiresReplace(kWeb)) << " should name " << attr;

    size_t mark = sim_->Log().size();
    TfResult apply = TfOk("apply");
    EXPECT_EQ(apply.Action(kWeb), "replace") << apply.Describe();
    const auto* entry = apply.ResourceEntry(kWeb);
    EXPECT_EQ(entry ? Str(*entry, "replace_order") : "", "delete-then-create");

    std::string new_id = StateId();
    EXPECT_FALSE(new_id.empty());
    EXPECT_NE(new_id, old_id);
    EXPECT_FALSE(sim_->Instance(old_id, "LON1")) << "old instance still exists";
    std::vector<std::string> all = sim_->InstanceIds("LON1");
    if (new_region != "LON1") {
      for (auto& i : sim_->InstanceIds(new_region)) all.push_back(i);
    }
    EXPECT_EQ(all, std::vector<std::string>{new_id}) << "instances left: " << Join(all);
    auto log = sim_->Log();
    long del = FindCall(log, mark, "DELETE", {"/v2/instances/" + old_id});
    long post = FindCall(log, mark, "POST", {"/v2/instances"}, {"/v2/instances/"});
    EXPECT_GE(del, 0) << Sim::Describe(sim_->MutatingCalls(mark));
    EXPECT_GT(post, del) << "delete-then-create order:\n" << Sim::Describe(sim_->MutatingCalls(mark));

    TfResult replan = TfOk("plan");
    EXPECT_EQ(replan.Action(kWeb), "no-op") << replan.Describe();
    return new_id;
  }
};

TEST_F(Replacement, RegionReplaces) {
  std::string other;
  for (const auto& r : {"NYC1", "FRA1", "PHX1"}) {
    if (!sim_->DefaultNetworkId(r).empty()) {
      other = r;
      break;
    }
  }
  ASSERT_FALSE(other.empty()) << "simulator has no second region with a default network";
  std::string other_net = sim_->DefaultNetworkId(other);
  std::string id = ExpectReplaced(
      With(BaseFields(), {{"region", "\"LON1\""}}),
      With(BaseFields(), {{"region", Quote(other)}, {"network", "{\"value\": " + Quote(other_net) + "}"}}),
      "region", other);
  auto inst = sim_->Instance(id, other);
  ASSERT_TRUE(inst) << "new instance not in " << other;
  EXPECT_EQ(StateAttr(kWeb, "region"), other);
}

TEST_F(Replacement, ImageReplaces) {
  ASSERT_FALSE(image2_.empty()) << "simulator offers only one image";
  std::string id = ExpectReplaced(BaseFields(), With(BaseFields(), {{"image", Quote(image2_)}}),
                                  "image");
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "source_id"), image2_) << Dump(inst->root());
}

TEST_F(Replacement, NetworkReplaces) {
  std::string net2 = sim_->CreateNetwork("second-net");
  ASSERT_FALSE(net2.empty());
  std::string id = ExpectReplaced(
      BaseFields(), With(BaseFields(), {{"network", "{\"value\": " + Quote(net2) + "}"}}),
      "network");
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "network_id"), net2);
  EXPECT_EQ(StateAttr(kWeb, "network_id"), net2);
}

TEST_F(Replacement, FirstSshKeyReplaces) {
  std::string k1 = sim_->CreateSshKey("key-one");
  std::string k2 = sim_->CreateSshKey("key-two");
  ASSERT_FALSE(k1.empty());
  ASSERT_FALSE(k2.empty());
  std::string id = ExpectReplaced(With(BaseFields(), {{"ssh_key_ids", "[" + Quote(k1) + "]"}}),
                                  With(BaseFields(), {{"ssh_key_ids", "[" + Quote(k2) + "]"}}),
                                  "ssh_key_ids");
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "ssh_key_id"), k2) << Dump(inst->root());
}

TEST_F(Replacement, UserDataReplaces) {
  std::string id = ExpectReplaced(
      With(BaseFields(), {{"user_data", Quote("#cloud-config\nruncmd: [echo one]\n")}}),
      With(BaseFields(), {{"user_data", Quote("#cloud-config\nruncmd: [echo two]\n")}}),
      "user_data");
  auto inst = sim_->Instance(id);
  ASSERT_TRUE(inst);
  // The API returns the script base64-encoded or plain; either way "two".
  std::string script = Str(inst->root(), "script");
  EXPECT_FALSE(script.empty()) << Dump(inst->root());
}

TEST_F(Replacement, SecondSshKeyIsNotReplacement) {
  std::string k1 = sim_->CreateSshKey("key-one");
  std::string k2 = sim_->CreateSshKey("key-two");
  SetWeb(With(BaseFields(), {{"ssh_key_ids", "[" + Quote(k1) + "]"}}));
  TfOk("apply");
  std::string id = StateId();
  SetWeb(With(BaseFields(), {{"ssh_key_ids", "[" + Quote(k1) + ", " + Quote(k2) + "]"}}));
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_NE(apply.Action(kWeb), "replace") << apply.Describe();
  EXPECT_TRUE(apply.RequiresReplace(kWeb).empty()) << Join(apply.RequiresReplace(kWeb));
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_EQ(StateId(), id);
}

TEST_F(Replacement, RegionCaseChangeIsNotReplacement) {
  SetWeb(With(BaseFields(), {{"region", "\"LON1\""}}));
  TfOk("apply");
  std::string id = StateId();
  SetWeb(With(BaseFields(), {{"region", "\"lon1\""}}));
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_NE(apply.Action(kWeb), "replace") << apply.Describe();
  EXPECT_TRUE(apply.RequiresReplace(kWeb).empty()) << Join(apply.RequiresReplace(kWeb));
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_EQ(StateId(), id);
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
}

// Naming the same network another way is never a replacement and makes no
// API call that changes anything.
TEST_F(Replacement, RespelledNetworkReferenceIsNeverReplacement) {
  std::string name = sim_->NetworkName(net_);
  ASSERT_FALSE(name.empty());
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  ASSERT_FALSE(id.empty());

  const std::vector<std::string> spellings = {
      "{\"value_from\": {\"name\": " + Quote(name) + "}}",
      "{\"value_from\": {\"kind\": \"CivoVpc\", \"name\": " + Quote(name) + "}}",
      "{\"value\": " + Quote(net_) + "}",
  };
  for (const auto& spelling : spellings) {
    SCOPED_TRACE("network = " + spelling);
    SetWeb(With(BaseFields(), {{"network", spelling}}));
    TfResult plan = TfOk("plan");
    EXPECT_NE(plan.Action(kWeb), "replace") << plan.Describe();
    EXPECT_TRUE(plan.RequiresReplace(kWeb).empty()) << Join(plan.RequiresReplace(kWeb));
    size_t mark = sim_->Log().size();
    TfResult apply = TfOk("apply");
    EXPECT_NE(apply.Action(kWeb), "replace") << apply.Describe();
    EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
    EXPECT_EQ(StateId(), id);
    EXPECT_EQ(StateAttr(kWeb, "network_id"), net_);
    TfResult replan = TfOk("plan");
    EXPECT_EQ(replan.Action(kWeb), "no-op") << replan.Describe();
  }
}

// An image named by its id is the same image as by its name.
TEST_F(Replacement, ImageRespelledAsIdIsNeverReplacement) {
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  std::string image_id = StateAttr(kWeb, "disk_image_id");
  ASSERT_FALSE(image_id.empty());
  ASSERT_NE(image_id, image_);
  SetWeb(With(BaseFields(), {{"image", Quote(image_id)}}));
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_NE(apply.Action(kWeb), "replace") << apply.Describe();
  EXPECT_TRUE(apply.RequiresReplace(kWeb).empty()) << Join(apply.RequiresReplace(kWeb));
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
  EXPECT_EQ(StateId(), id);
  TfResult plan = TfOk("plan");
  EXPECT_EQ(plan.Action(kWeb), "no-op") << plan.Describe();
}

TEST_F(Replacement, DownsizeReplacesWithWarning) {
  SetWeb(With(BaseFields(), {{"size", Quote(size_big_)}}));
  TfOk("apply");
  std::string old_id = StateId();
  ASSERT_FALSE(old_id.empty());

  SetWeb(BaseFields());  // size_small_: a smaller disk
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "replace") << apply.Describe();
  EXPECT_TRUE(AnyStartsWith(apply.RequiresReplace(kWeb), "size"))
      << Join(apply.RequiresReplace(kWeb));
  bool warned = false;
  for (const auto& d : apply.Warnings()) {
    if (d.step == "plan" && ContainsNoCase(d.summary + " " + d.detail, "disk")) warned = true;
  }
  EXPECT_TRUE(warned) << "no plan warning explaining the disk is smaller:\n" << apply.Describe();

  auto log = sim_->Log();
  EXPECT_EQ(FindCall(log, mark, "PUT", {"/resize"}), -1) << "tried to resize downwards";
  std::string new_id = StateId();
  EXPECT_NE(new_id, old_id);
  EXPECT_EQ(sim_->InstanceIds(), std::vector<std::string>{new_id});
  auto inst = sim_->Instance(new_id);
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "size"), size_small_);
}

TEST_F(Replacement, ResizeWithinSameDiskIsInPlace) {
  if (size_same_disk_.empty()) GTEST_SKIP() << "no two sizes with the same disk in the simulator";
  SetWeb(BaseFields());
  TfOk("apply");
  std::string id = StateId();
  SetWeb(With(BaseFields(), {{"size", Quote(size_same_disk_)}}));
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "update") << apply.Describe();
  EXPECT_EQ(StateId(), id);
}

// create_before_destroy: the replacement takes the reserved IP and the
// volume over; destroying the deposed instance leaves them with the new one.
TEST_F(Replacement, CreateBeforeDestroyHandsOverReservedIpAndVolume) {
  std::string vol = sim_->CreateVolume("data-1", net_);
  std::string ip = sim_->CreateReservedIp("web-ip");
  ASSERT_FALSE(vol.empty());
  ASSERT_FALSE(ip.empty());
  auto fields = [&](const std::string& script) {
    return With(BaseFields(), {{"volume_ids", "[{\"value\": " + Quote(vol) + "}]"},
                               {"reserved_ip_id", "{\"value\": " + Quote(ip) + "}"},
                               {"user_data", Quote(script)}});
  };
  SetWeb(fields("#cloud-config\n# one\n"), true);
  TfOk("apply");
  std::string old_id = StateId();
  ASSERT_FALSE(old_id.empty());
  {
    auto v = sim_->Volume(vol);
    auto r = sim_->ReservedIp(ip);
    ASSERT_TRUE(v && r);
    ASSERT_EQ(Str(v->root(), "instance_id"), old_id);
    ASSERT_EQ(Str(r->root(), "assigned_to_id"), old_id);
  }

  SetWeb(fields("#cloud-config\n# two\n"), true);
  size_t mark = sim_->Log().size();
  TfResult apply = TfOk("apply");
  EXPECT_EQ(apply.Action(kWeb), "replace") << apply.Describe();
  const auto* entry = apply.ResourceEntry(kWeb);
  EXPECT_EQ(entry ? Str(*entry, "replace_order") : "", "create-then-delete") << apply.Describe();

  std::string new_id = StateId();
  ASSERT_FALSE(new_id.empty());
  ASSERT_NE(new_id, old_id);

  // A warning names the instance the IP / volume came from (by its id: both
  // instances are called web-1).
  bool warned = false;
  for (const auto& d : apply.Warnings()) {
    if ((d.summary + " " + d.detail).find(old_id) != std::string::npos) warned = true;
  }
  EXPECT_TRUE(warned) << "no warning naming the old instance " << old_id << ":\n"
                      << apply.Describe();

  // End state: the old instance is gone, the new one holds both.
  EXPECT_FALSE(sim_->Instance(old_id));
  EXPECT_EQ(sim_->InstanceIds(), std::vector<std::string>{new_id});
  auto v = sim_->Volume(vol);
  auto r = sim_->ReservedIp(ip);
  ASSERT_TRUE(v && r);
  EXPECT_EQ(Str(v->root(), "instance_id"), new_id) << Dump(v->root());
  EXPECT_EQ(Str(r->root(), "assigned_to_id"), new_id) << Dump(r->root());
  EXPECT_EQ(StateAttr(kWeb, "attached_volume_ids"), "[" + Quote(vol) + "]");
  EXPECT_EQ(StateAttr(kWeb, "reserved_ip_address"), Str(r->root(), "ip"));
  const Json final_state = ws_->State();
  for (const auto& o : StateObjects(final_state, kWeb)) {
    EXPECT_TRUE(o.deposed.empty()) << "deposed object left in state";
  }

  // Order: create the new instance, move the IP and volume to it, and only
  // then delete the old one, without releasing what now belongs to the new.
  auto log = sim_->Log();
  std::string calls = Sim::Describe(sim_->MutatingCalls(mark));
  long post = FindCall(log, mark, "POST", {"/v2/instances"}, {"/v2/instances/"});
  long attach = FindCall(log, mark, "PUT", {"/v2/volumes/" + vol + "/attach", new_id});
  long assign = FindCall(log, mark, "POST", {"/ips/" + ip + "/actions", new_id}, {"unassign"});
  long del = FindCall(log, mark, "DELETE", {"/v2/instances/" + old_id});
  ASSERT_GE(post, 0) << calls;
  ASSERT_GE(attach, 0) << calls;
  ASSERT_GE(assign, 0) << calls;
  ASSERT_GE(del, 0) << calls;
  EXPECT_LT(post, attach) << calls;
  EXPECT_LT(post, assign) << calls;
  EXPECT_LT(attach, del) << calls;
  EXPECT_LT(assign, del) << calls;
  size_t handed_over = static_cast<size_t>(std::max(attach, assign)) + 1;
  EXPECT_EQ(FindCall(log, handed_over, "PUT", {"/v2/volumes/" + vol + "/detach"}), -1)
      << "volume detached after it moved to the new instance:\n" << calls;
  EXPECT_EQ(FindCall(log, handed_over, "POST", {ip, "unassign"}), -1)
      << "reserved IP unassigned after it moved to the new instance:\n" << calls;

  TfResult replan = TfOk("plan");
  EXPECT_EQ(replan.Action(kWeb), "no-op") << replan.Describe();
}

}  // namespace
}  // namespace e2e
