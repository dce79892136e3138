// civo_vpc, civo_firewall and civo_ssh_key (resources and data sources)
// against the in-process simulator: the calls each change makes, no-op
// re-plans, replacements, import, drift, deletes that wait for instances
// going away (civo/terraform-provider-civo#410), and mutating calls that are
// never repeated blindly after an ambiguous failure.
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "civoapi/errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/resources/fixture.h"
#include "tfplugin/data_source.h"

namespace restest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using tfplugin::Diagnostics;
using tfplugin::Severity;

constexpr char kKey[] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKindsTestKey kinds@test";

Value S(const std::string& s) { return Value::String(s); }

// {protocol, port_range, cidrs, action, label}; "" leaves a member null.
Value Rule(const std::string& protocol, const std::string& ports, const std::vector<std::string>& cidrs,
           const std::string& action = "", const std::string& label = "") {
  auto opt = [](const std::string& v) { return v.empty() ? Value::Null() : Value::String(v); };
  return Value::Object({{"protocol", S(protocol)},
                        {"port_range", opt(ports)},
                        {"cidrs", Strings(cidrs)},
                        {"action", opt(action)},
                        {"label", opt(label)}});
}

class NetworkKinds : public ResourceTest {
 protected:
  tfplugin::Resource* R(const std::string& type) {
    tfplugin::Resource* r = provider_->FindResource(type);
    EXPECT_NE(r, nullptr) << type;
    return r;
  }

  // A config of `type`: every attribute null but `attrs`.
  Value Cfg(const std::string& type, const std::map<std::string, Value>& attrs) {
    std::map<std::string, Value> out;
    for (const auto& a : R(type)->schema().block.attributes) out.emplace(a.name, Value::Null());
    for (const auto& [k, v] : attrs) out[k] = v;
    return Value::Object(std::move(out));
  }

  Value Proposed(tfplugin::Resource* r, const Value& prior, const Value& config) {
    return ProposedNewState(r->schema().block, prior, config);
  }

  tfplugin::PlanResponse PlanOf(tfplugin::Resource* r, const Value& prior, const Value& config, Diagnostics& d) {
    tfplugin::PlanRequest req;
    req.prior_state = prior;
    req.config = config;
    req.proposed_new_state = Proposed(r, prior, config);
    return r->Plan(tfplugin::RequestContext("PlanResourceChange", "t"), req, d);
  }

  tfplugin::ApplyResponse ApplyOf(tfplugin::Resource* r, const Value& prior, const Value& planned,
                                  const Value& config, Diagnostics& d) {
    tfplugin::ApplyRequest req;
    req.prior_state = prior;
    req.planned_state = planned;
    req.config = config;
    return r->Apply(tfplugin::RequestContext("ApplyResourceChange", "t"), req, d);
  }

  // Plan + apply of a create or an in-place update; the result must match the plan.
  Value Converge(const std::string& type, const Value& prior, const Value& config) {
    tfplugin::Resource* r = R(type);
    Diagnostics d;
    auto plan = PlanOf(r, prior, config, d);
    EXPECT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_THAT(plan.requires_replace, IsEmpty());
    auto applied = ApplyOf(r, prior, plan.planned_state, config, d);
    EXPECT_FALSE(d.HasError()) << DiagText(d);
    ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
    return applied.new_state;
  }

  Value ReadOf(const std::string& type, const Value& state, Diagnostics& d) {
    tfplugin::ReadRequest req;
    req.current_state = state;
    return R(type)->Read(tfplugin::RequestContext("ReadResource", type), req, d).new_state;
  }

  // Refresh changes nothing and the plan is a no-op.
  void ExpectNoOp(const std::string& type, const Value& state, const Value& config) {
    Diagnostics d;
    Value refreshed = ReadOf(type, state, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_EQ(refreshed, state) << state.DebugString() << "\n" << refreshed.DebugString();
    auto plan = PlanOf(R(type), refreshed, config, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_THAT(plan.requires_replace, IsEmpty());
    EXPECT_EQ(plan.planned_state, refreshed) << plan.planned_state.DebugString();
  }

  Diagnostics Destroy(const std::string& type, const Value& prior) {
    Diagnostics d;
    auto applied = ApplyOf(R(type), prior, Value::Null(), Value::Null(), d);
    if (!d.HasError()) {
      EXPECT_TRUE(applied.new_state.is_null());
    }
    return d;
  }

  Value Import(const std::string& type, const std::string& id, Diagnostics& d) {
    auto objs = R(type)->Import(tfplugin::RequestContext("ImportResourceState", type), id, d);
    if (objs.empty()) return Value::Null();
    return ReadOf(type, objs.front().state, d);
  }

  Value ReadData(const std::string& type, const std::map<std::string, Value>& attrs, Diagnostics& d) {
    tfplugin::DataSource* ds = provider_->FindDataSource(type);
    EXPECT_NE(ds, nullptr) << type;
    std::map<std::string, Value> out;
    for (const auto& a : ds->schema().block.attributes) out.emplace(a.name, Value::Null());
    for (const auto& [k, v] : attrs) out[k] = v;
    return ds->Read(tfplugin::RequestContext("ReadDataSource", type), Value::Object(std::move(out)), d);
  }

  Value VpcConfig(const std::string& name, const std::map<std::string, Value>& more = {}) {
    std::map<std::string, Value> a = {{"network_name", S(name)}};
    for (const auto& [k, v] : more) a[k] = v;
    return Cfg("civo_vpc", a);
  }

  Value FirewallConfig(const std::string& name, const Value& network, const std::vector<Value>& inbound,
                       const std::vector<Value>& outbound = {}) {
    return Cfg("civo_firewall", {{"name", S(name)},
                                 {"network_id", network},
                                 {"inbound_rules", Value::List(inbound)},
                                 {"outbound_rules", outbound.empty() ? Value::Null() : Value::List(outbound)}});
  }

  // An ACTIVE instance on `network` with `firewall` (empty: the default).
  std::string Instance(const std::string& name, const std::string& network, const std::string& firewall = "") {
    civoapi::CreateInstanceRequest req;
    req.hostname = name;
    req.size = "g3.small";
    req.network_id = network;
    req.template_id = "ubuntu-jammy";
    req.firewall_id = firewall;
    auto made = api_->CreateInstance(req, Opts());
    EXPECT_TRUE(made.ok()) << made.status();
    if (!made.ok()) return "";
    auto active = api_->WaitInstance(made->id, [](const civoapi::Instance& i) { return i.status == "ACTIVE"; },
                                     Opts());
    EXPECT_TRUE(active.ok()) << active.status();
    return made->id;
  }

  // Requests the simulator carried out and answered 5xx (ambiguous_next).
  size_t AmbiguousAnswers(uint64_t after_seq) const {
    size_t n = 0;
    for (const auto& e : sim_->Log()) n += e.seq > after_seq && e.fault == "ambiguous" ? 1 : 0;
    return n;
  }

  std::vector<civoapi::FirewallRule> RulesAtCivo(const std::string& firewall_id) {
    auto f = api_->GetFirewall(firewall_id, Opts());
    EXPECT_TRUE(f.ok()) << f.status();
    return f.ok() ? f->rules : std::vector<civoapi::FirewallRule>{};
  }
};

// ---------------------------------------------------------------- civo_vpc

TEST_F(NetworkKinds, VpcCreateRenameInPlaceReplaceOnCidrAndDelete) {
  uint64_t before = LastSeq();
  Value state = Converge("civo_vpc", Value::Null(),
                         VpcConfig("main", {{"ip_range_cidr", S("10.20.0.0/24")}, {"description", S("app")}}));
  const std::string id = Id(state);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("POST /v2/networks"));
  EXPECT_EQ(state.Attr("network_id"), S(id));
  EXPECT_EQ(state.Attr("cidr_block"), S("10.20.0.0/24"));
  EXPECT_EQ(state.Attr("region"), S("LON1"));
  EXPECT_EQ(state.Attr("is_default_for_region"), Value::Bool(false));
  EXPECT_TRUE(state.Attr("created_at_rfc3339").is_null());
  auto body = CallBodies(before, "POST", "/v2/networks");
  ASSERT_EQ(body.size(), 1u);
  EXPECT_TRUE(absl::StrContains(body[0], "\"cidr_v4\":\"10.20.0.0/24\"")) << body[0];
  ExpectNoOp("civo_vpc", state,
             VpcConfig("main", {{"ip_range_cidr", S("10.20.0.0/24")}, {"description", S("app")}}));

  before = LastSeq();
  Value renamed = Converge("civo_vpc", state,
                           VpcConfig("main-2", {{"ip_range_cidr", S("10.20.0.0/24")}, {"description", S("app")}}));
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/networks/" + id));
  EXPECT_EQ(api_->GetNetwork(id, Opts())->name, "main-2");
  EXPECT_EQ(Id(renamed), id);

  Diagnostics d;
  auto plan = PlanOf(R("civo_vpc"), renamed, VpcConfig("main-2", {{"ip_range_cidr", S("10.30.0.0/24")}}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ASSERT_EQ(plan.requires_replace.size(), 1u);
  EXPECT_EQ(plan.requires_replace[0].ToString(), "ip_range_cidr");
  // The region's letter case is no replacement.
  plan = PlanOf(R("civo_vpc"), renamed,
                VpcConfig("main-2", {{"ip_range_cidr", S("10.20.0.0/24")}, {"region", S("lon1")},
                                     {"description", S("app")}}),
                d);
  EXPECT_THAT(plan.requires_replace, IsEmpty());

  before = LastSeq();
  Diagnostics del = Destroy("civo_vpc", renamed);
  EXPECT_FALSE(del.HasError()) << DiagText(del);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("DELETE /v2/networks/" + id));
  EXPECT_TRUE(civoapi::IsNotFound(api_->GetNetwork(id, Opts()).status()));
}

TEST_F(NetworkKinds, VpcImportBothFormsAndDriftGoneIsRemoved) {
  Value state = Converge("civo_vpc", Value::Null(), VpcConfig("imported"));
  const std::string id = Id(state);
  for (const std::string& form : {"LON1/" + id, id}) {
    Diagnostics d;
    Value imported = Import("civo_vpc", form, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_EQ(imported.Attr("network_name"), S("imported"));
    EXPECT_EQ(imported.Attr("region"), S("LON1"));
    auto plan = PlanOf(R("civo_vpc"), imported, VpcConfig("imported"), d);
    EXPECT_THAT(plan.requires_replace, IsEmpty());
    EXPECT_EQ(plan.planned_state, imported);
  }
  Diagnostics bad;
  Import("civo_vpc", "LON1/a/b", bad);
  EXPECT_TRUE(bad.HasError());

  ASSERT_TRUE(api_->DeleteNetwork(id, Opts()).ok());
  Diagnostics d;
  EXPECT_TRUE(ReadOf("civo_vpc", state, d).is_null());
  EXPECT_FALSE(d.HasError()) << DiagText(d);
}

TEST_F(NetworkKinds, VpcDeleteWaitsForInstancesBeingDeletedAndNamesOthers) {
  Value state = Converge("civo_vpc", Value::Null(), VpcConfig("busy"));
  const std::string net = Id(state);
  const std::string staying = Instance("stays-1", net);
  Diagnostics refused = Destroy("civo_vpc", state);
  EXPECT_TRUE(refused.HasError());
  EXPECT_TRUE(absl::StrContains(DiagText(refused), "stays-1")) << DiagText(refused);
  EXPECT_FALSE(civoapi::IsNotFound(api_->GetNetwork(net, Opts()).status()));

  sim_->UpdateConfig([](civosim::SimConfig& c) { c.action_time = std::chrono::milliseconds(1500); });
  ASSERT_TRUE(api_->DeleteInstance(staying, Opts()).ok());
  const auto start = std::chrono::steady_clock::now();
  Diagnostics d = Destroy("civo_vpc", state);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1000));
  EXPECT_TRUE(civoapi::IsNotFound(api_->GetNetwork(net, Opts()).status()));
}

TEST_F(NetworkKinds, VpcAmbiguousCreateIsAdoptedNotRepeated) {
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.ambiguous_next = 1;
    c.ambiguous_method = "POST";
    c.ambiguous_path_prefix = "/v2/networks";
  });
  const uint64_t before = LastSeq();
  Value state = Converge("civo_vpc", Value::Null(), VpcConfig("once"));
  EXPECT_EQ(AmbiguousAnswers(before), 1u);
  EXPECT_EQ(CountCalls(before, "POST", "/v2/networks"), 1u);
  auto networks = api_->ListNetworks(Opts());
  ASSERT_TRUE(networks.ok()) << networks.status();
  int named = 0;
  for (const auto& n : *networks) named += n.name == "once" ? 1 : 0;
  EXPECT_EQ(named, 1);
  EXPECT_EQ(api_->GetNetwork(Id(state), Opts())->name, "once");
}

TEST_F(NetworkKinds, VpcValidation) {
  Diagnostics d;
  R("civo_vpc")->Validate(tfplugin::RequestContext("ValidateResourceConfig", "civo_vpc"),
                          VpcConfig("v", {{"ip_range_cidr", S("10.0.0.0/33")},
                                          {"description", S(std::string(101, 'x'))},
                                          {"region", S("not a region")}}),
                          d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "ip_range_cidr")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "description")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "region")) << DiagText(d);
}

// ---------------------------------------------------------------- civo_firewall

TEST_F(NetworkKinds, FirewallHasExactlyTheDeclaredRulesAndChangesThemInPlace) {
  Value vpc = Converge("civo_vpc", Value::Null(), VpcConfig("fw-net"));
  const std::string net = Id(vpc);
  const std::vector<Value> inbound = {Rule("tcp", "22", {"203.0.113.0/24"}, "", "ssh"),
                                      Rule("tcp", "443", {"0.0.0.0/0"}, "allow", "https")};
  const std::vector<Value> outbound = {Rule("udp", "", {"0.0.0.0/0"})};
  uint64_t before = LastSeq();
  Value config = FirewallConfig("web", Ref(net), inbound, outbound);
  Value state = Converge("civo_firewall", Value::Null(), config);
  const std::string id = Id(state);
  EXPECT_THAT(MutatingCalls(before),
              ElementsAre("POST /v2/firewalls", "POST /v2/firewalls/" + id + "/rules",
                          "POST /v2/firewalls/" + id + "/rules", "POST /v2/firewalls/" + id + "/rules"));
  auto body = CallBodies(before, "POST", "/v2/firewalls");
  ASSERT_EQ(body.size(), 1u);
  EXPECT_TRUE(absl::StrContains(body[0], "\"create_rules\":false")) << body[0];
  // No hidden default rules: exactly the three declared.
  std::vector<std::string> at_civo;
  for (const auto& r : RulesAtCivo(id)) {
    at_civo.push_back(r.direction + " " + r.protocol + " " + r.start_port + "-" + r.end_port + " " + r.action);
  }
  EXPECT_THAT(at_civo, UnorderedElementsAre("ingress tcp 22-22 allow", "ingress tcp 443-443 allow",
                                            "egress udp 1-65535 allow"));
  EXPECT_EQ(state.Attr("firewall_id"), S(id));
  ExpectNoOp("civo_firewall", state, config);

  // One rule changed, the name changed: one rename, one new rule, one deleted rule.
  const std::string old_rule = [&] {
    for (const auto& r : RulesAtCivo(id)) {
      if (r.start_port == "443") return r.id;
    }
    return std::string();
  }();
  before = LastSeq();
  Value changed = FirewallConfig("web-2", Ref(net),
                                 {inbound[0], Rule("tcp", "8443", {"0.0.0.0/0"}, "allow", "https")}, outbound);
  Value updated = Converge("civo_firewall", state, changed);
  EXPECT_THAT(MutatingCalls(before),
              ElementsAre("PUT /v2/firewalls/" + id, "POST /v2/firewalls/" + id + "/rules",
                          "DELETE /v2/firewalls/" + id + "/rules/" + old_rule));
  EXPECT_EQ(Id(updated), id);
  EXPECT_EQ(RulesAtCivo(id).size(), 3u);
  ExpectNoOp("civo_firewall", updated, changed);

  // Drift: a rule added behind Terraform's back shows up, and apply removes it.
  civoapi::FirewallRule extra;
  extra.protocol = "tcp";
  extra.start_port = extra.end_port = "3306";
  extra.cidr = {"0.0.0.0/0"};
  extra.direction = "ingress";
  extra.action = "allow";
  ASSERT_TRUE(api_->CreateFirewallRule(id, extra, Opts()).ok());
  Diagnostics d;
  Value drifted = ReadOf("civo_firewall", updated, d);
  ASSERT_EQ(drifted.Attr("inbound_rules").Elements().size(), 3u) << drifted.DebugString();
  before = LastSeq();
  Converge("civo_firewall", drifted, changed);
  ASSERT_EQ(MutatingCalls(before).size(), 1u);
  EXPECT_TRUE(absl::StartsWith(MutatingCalls(before)[0], "DELETE /v2/firewalls/" + id + "/rules/"));
  EXPECT_EQ(RulesAtCivo(id).size(), 3u);
}

TEST_F(NetworkKinds, FirewallNetworkByNameIsNoReplacementAnotherNetworkIs) {
  Value vpc = Converge("civo_vpc", Value::Null(), VpcConfig("ref-net"));
  Value other = Converge("civo_vpc", Value::Null(), VpcConfig("other-net"));
  Value state = Converge("civo_firewall", Value::Null(), FirewallConfig("f", Ref(Id(vpc)), {}));
  Diagnostics d;
  auto plan = PlanOf(R("civo_firewall"), state, FirewallConfig("f", RefByName("ref-net", "CivoVpc"), {}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_THAT(plan.requires_replace, IsEmpty());
  plan = PlanOf(R("civo_firewall"), state, FirewallConfig("f", RefByName("other-net"), {}), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ASSERT_EQ(plan.requires_replace.size(), 1u);
  EXPECT_EQ(plan.requires_replace[0].ToString(), "network_id");
  plan = PlanOf(R("civo_firewall"), state, FirewallConfig("f", RefByName("no-such-net"), {}), d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network_id", "no-such-net")) << DiagText(d);
  (void)other;
}

// civo/terraform-provider-civo#410: Civo refuses to delete a firewall while
// an instance that had it is still being deleted. Ours waits it out.
TEST_F(NetworkKinds, FirewallDeleteWaitsForInstancesGoingAway) {
  Value vpc = Converge("civo_vpc", Value::Null(), VpcConfig("wait-net"));
  Value state = Converge("civo_firewall", Value::Null(), FirewallConfig("wait-fw", Ref(Id(vpc)), {}));
  const std::string id = Id(state);
  const std::string inst = Instance("going-1", Id(vpc), id);

  Diagnostics refused = Destroy("civo_firewall", state);
  EXPECT_TRUE(refused.HasError());
  EXPECT_TRUE(absl::StrContains(DiagText(refused), "going-1")) << DiagText(refused);

  sim_->UpdateConfig([](civosim::SimConfig& c) { c.action_time = std::chrono::milliseconds(1500); });
  ASSERT_TRUE(api_->DeleteInstance(inst, Opts()).ok());
  // What the official provider does: the API refuses the delete now.
  EXPECT_FALSE(api_->DeleteFirewall(id, Opts()).ok());
  const uint64_t before = LastSeq();
  Diagnostics d = Destroy("civo_firewall", state);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(CountCalls(before, "DELETE", "/v2/firewalls/" + id), 1u);
  EXPECT_TRUE(civoapi::IsNotFound(api_->GetFirewall(id, Opts()).status()));
  Diagnostics vd = Destroy("civo_vpc", vpc);
  EXPECT_FALSE(vd.HasError()) << DiagText(vd);
}

TEST_F(NetworkKinds, FirewallAmbiguousCallsAreNotRepeatedBlindly) {
  Value vpc = Converge("civo_vpc", Value::Null(), VpcConfig("amb-net"));
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.ambiguous_next = 2;  // the firewall create and its first rule: done, answered 502
    c.ambiguous_method = "POST";
    c.ambiguous_path_prefix = "/v2/firewalls";
  });
  const uint64_t before = LastSeq();
  Value state = Converge("civo_firewall", Value::Null(),
                         FirewallConfig("amb", Ref(Id(vpc)),
                                        {Rule("tcp", "80", {"0.0.0.0/0"}), Rule("tcp", "443", {"0.0.0.0/0"})}));
  EXPECT_EQ(AmbiguousAnswers(before), 2u);
  EXPECT_EQ(CountCalls(before, "POST", "/v2/firewalls"), 1u);
  EXPECT_EQ(CountCalls(before, "POST", "/v2/firewalls/" + Id(state) + "/rules"), 2u);
  EXPECT_EQ(RulesAtCivo(Id(state)).size(), 2u);
  auto firewalls = api_->ListFirewalls(Opts());
  ASSERT_TRUE(firewalls.ok()) << firewalls.status();
  int named = 0;
  for (const auto& f : *firewalls) named += f.name == "amb" ? 1 : 0;
  EXPECT_EQ(named, 1);
}

TEST_F(NetworkKinds, FirewallImportBothFormsPlansNoChangeAndDrift) {
  Value vpc = Converge("civo_vpc", Value::Null(), VpcConfig("imp-net"));
  Value config = FirewallConfig("imp", Ref(Id(vpc)), {Rule("tcp", "22", {"198.51.100.0/24"}, "", "ssh")});
  Value state = Converge("civo_firewall", Value::Null(), config);
  for (const std::string& form : {"LON1/" + Id(state), Id(state)}) {
    Diagnostics d;
    Value imported = Import("civo_firewall", form, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    auto plan = PlanOf(R("civo_firewall"), imported, config, d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_THAT(plan.requires_replace, IsEmpty());
    EXPECT_EQ(plan.planned_state, imported) << imported.DebugString() << "\n" << plan.planned_state.DebugString();
  }

  // Drift: renamed behind Terraform's back shows as a change; deleted, it
  // leaves the state.
  ASSERT_TRUE(api_->RenameFirewall(Id(state), "renamed", Opts()).ok());
  Diagnostics d;
  Value drifted = ReadOf("civo_firewall", state, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(drifted.Attr("name"), S("renamed"));
  const uint64_t before = LastSeq();
  Value restored = Converge("civo_firewall", drifted, config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/firewalls/" + Id(state)));
  ASSERT_TRUE(api_->DeleteFirewall(Id(state), Opts()).ok());
  EXPECT_TRUE(ReadOf("civo_firewall", restored, d).is_null());
  EXPECT_FALSE(d.HasError()) << DiagText(d);
}

TEST_F(NetworkKinds, FirewallRuleValidationNamesTheMember) {
  Diagnostics d;
  Value config = FirewallConfig("v", Ref("x"),
                                {Rule("sctp", "22", {"0.0.0.0/0"}), Rule("tcp", "70000", {"0.0.0.0/0"}),
                                 Rule("icmp", "22", {"0.0.0.0/0"}), Rule("tcp", "9-8", {"10.0.0.0/8"}),
                                 Rule("tcp", "80", {"300.0.0.0/8"}), Rule("udp", "53", {"::/0"}, "reject")});
  R("civo_firewall")->Validate(tfplugin::RequestContext("ValidateResourceConfig", "civo_firewall"), config, d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "inbound_rules[0].protocol")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "inbound_rules[1].port_range")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "inbound_rules[2].port_range", "icmp")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "inbound_rules[3].port_range")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "inbound_rules[4].cidrs[0]")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "inbound_rules[5].action")) << DiagText(d);
  EXPECT_FALSE(HasDiagAt(d, Severity::kError, "inbound_rules[5].cidrs[0]")) << DiagText(d);
}

// ---------------------------------------------------------------- civo_ssh_key

TEST_F(NetworkKinds, SshKeyCreateRenameReplaceImportAndDrift) {
  Value config = Cfg("civo_ssh_key", {{"name", S("deploy")}, {"public_key", S(kKey)}});
  uint64_t before = LastSeq();
  Value state = Converge("civo_ssh_key", Value::Null(), config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("POST /v2/sshkeys"));
  EXPECT_FALSE(state.Attr("fingerprint").AsString().empty());
  ExpectNoOp("civo_ssh_key", state, config);

  Value renamed_config = Cfg("civo_ssh_key", {{"name", S("deploy-2")}, {"public_key", S(kKey)}});
  before = LastSeq();
  Value renamed = Converge("civo_ssh_key", state, renamed_config);
  EXPECT_THAT(MutatingCalls(before), ElementsAre("PUT /v2/sshkeys/" + Id(state)));

  Diagnostics d;
  auto plan = PlanOf(R("civo_ssh_key"), renamed,
                     Cfg("civo_ssh_key", {{"name", S("deploy-2")},
                                          {"public_key", S("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOther o@h")}}),
                     d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ASSERT_EQ(plan.requires_replace.size(), 1u);
  EXPECT_EQ(plan.requires_replace[0].ToString(), "public_key");

  for (const std::string& form : {"LON1/" + Id(state), Id(state)}) {
    Diagnostics di;
    Value imported = Import("civo_ssh_key", form, di);
    ASSERT_FALSE(di.HasError()) << DiagText(di);
    auto p = PlanOf(R("civo_ssh_key"), imported, renamed_config, di);
    EXPECT_THAT(p.requires_replace, IsEmpty());
    EXPECT_EQ(p.planned_state, imported);
  }

  Diagnostics bad;
  R("civo_ssh_key")->Validate(tfplugin::RequestContext("ValidateResourceConfig", "civo_ssh_key"),
                              Cfg("civo_ssh_key", {{"name", S("x")}, {"public_key", S("not a key")}}), bad);
  EXPECT_TRUE(HasDiagAt(bad, Severity::kError, "public_key")) << DiagText(bad);

  ASSERT_TRUE(api_->DeleteSshKey(Id(state), Opts()).ok());
  Diagnostics r;
  EXPECT_TRUE(ReadOf("civo_ssh_key", renamed, r).is_null());
  EXPECT_FALSE(r.HasError()) << DiagText(r);
  Diagnostics gone = Destroy("civo_ssh_key", renamed);
  EXPECT_FALSE(gone.HasError()) << DiagText(gone);
}

// ---------------------------------------------------------------- data sources

TEST_F(NetworkKinds, DataSourcesFindOneObjectByIdOrName) {
  Value vpc = Converge("civo_vpc", Value::Null(), VpcConfig("ds-net", {{"ip_range_cidr", S("10.40.0.0/24")}}));
  Value fw = Converge("civo_firewall", Value::Null(),
                      FirewallConfig("ds-fw", Ref(Id(vpc)), {Rule("tcp", "22", {"0.0.0.0/0"}, "deny")}));
  Value key = Converge("civo_ssh_key", Value::Null(),
                       Cfg("civo_ssh_key", {{"name", S("ds-key")}, {"public_key", S(kKey)}}));

  Diagnostics d;
  Value by_name = ReadData("civo_vpc", {{"name", S("ds-net")}}, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(by_name.Attr("id"), vpc.Attr("id"));
  EXPECT_EQ(by_name.Attr("cidr_block"), S("10.40.0.0/24"));
  Value by_id = ReadData("civo_vpc", {{"id", vpc.Attr("id")}}, d);
  EXPECT_EQ(by_id.Attr("network_name"), S("ds-net"));

  Value f = ReadData("civo_firewall", {{"name", S("ds-fw")}}, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(f.Attr("id"), fw.Attr("id"));
  EXPECT_EQ(f.Attr("network_id"), vpc.Attr("id"));
  ASSERT_EQ(f.Attr("inbound_rules").Elements().size(), 1u);
  EXPECT_EQ(f.Attr("inbound_rules").Elements()[0].Attr("action"), S("deny"));

  Value k = ReadData("civo_ssh_key", {{"name", S("ds-key")}}, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(k.Attr("id"), key.Attr("id"));
  EXPECT_EQ(k.Attr("fingerprint"), key.Attr("fingerprint"));

  // Two networks with one name (made behind the API's duplicate check), none, both given.
  AdminPost("/_sim/networks", R"({"label":"twin"})");
  AdminPost("/_sim/networks", R"({"label":"twin"})");
  Diagnostics twin;
  ReadData("civo_vpc", {{"name", S("twin")}}, twin);
  EXPECT_TRUE(HasDiagAt(twin, Severity::kError, "name", "2 networks")) << DiagText(twin);
  Diagnostics none;
  ReadData("civo_firewall", {{"name", S("nope")}}, none);
  EXPECT_TRUE(HasDiagAt(none, Severity::kError, "name", "nope")) << DiagText(none);
  Diagnostics both;
  ReadData("civo_ssh_key", {{"name", S("ds-key")}, {"id", key.Attr("id")}}, both);
  EXPECT_TRUE(both.HasError());
}

}  // namespace
}  // namespace restest
