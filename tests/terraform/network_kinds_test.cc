// civo_vpc, civo_firewall and civo_ssh_key driven by real terraform: apply,
// an empty re-plan, a rule and the names changed in place, import with
// REGION/ID and ID (then an empty plan), the data sources, destroy.
#include <algorithm>
#include <string>
#include <vector>

#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

constexpr char kVpc[] = "civo_vpc.main";
constexpr char kFirewall[] = "civo_firewall.web";
constexpr char kKey[] = "civo_ssh_key.admin";

// The stack's network side; `https_port`, `suffix` vary between steps.
std::string StackTf(const std::string& suffix, const std::string& https_port) {
  return Header() + R"(
resource "civo_vpc" "main" {
  network_name  = "tf-net)" + suffix + R"("
  ip_range_cidr = "10.50.0.0/24"
}

resource "civo_firewall" "web" {
  name       = "tf-fw)" + suffix + R"("
  network_id = { value = civo_vpc.main.network_id }
  inbound_rules = [
    { protocol = "tcp", port_range = "22", cidrs = ["203.0.113.0/24"], label = "ssh" },
    { protocol = "tcp", port_range = ")" + https_port + R"(", cidrs = ["0.0.0.0/0"], action = "allow" },
  ]
  outbound_rules = [
    { protocol = "icmp", cidrs = ["0.0.0.0/0"] },
  ]
}

resource "civo_ssh_key" "admin" {
  name       = "tf-key)" + suffix + R"("
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITerraformNetworkKinds tf@test"
}
)";
}

class NetworkKinds : public TerraformTest {
 protected:
  // The firewall as the API lists it (rules included).
  std::vector<std::string> FirewallRules(const std::string& id) {
    std::vector<std::string> out;
    e2e::Json list = sim_->Api("GET", "/v2/firewalls").json();
    if (!list.ok() || !list.root().IsArray()) return out;
    for (const auto& f : list.root().GetArray()) {
      if (e2e::Str(f, "id") != id) continue;
      const rapidjson::Value* rules = e2e::Get(f, "rules");
      if (rules == nullptr || !rules->IsArray()) continue;
      for (const auto& r : rules->GetArray()) {
        out.push_back(e2e::Str(r, "direction") + " " + e2e::Str(r, "protocol") + " " + e2e::Str(r, "start_port"));
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  int ApiStatus(const std::string& path) { return sim_->Api("GET", path).status; }
};

TEST_F(NetworkKinds, ApplyReplanChangeInPlaceImportDataSourcesAndDestroy) {
  WorkDir& d = NewDir("stack", StackTf("", "443"));
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(ApplyThenEmptyPlan(d));
  const std::string net = Attr(d, kVpc, "id");
  const std::string fw = Attr(d, kFirewall, "id");
  const std::string key = Attr(d, kKey, "id");
  ASSERT_FALSE(net.empty());
  EXPECT_EQ(Attr(d, kVpc, "network_id"), net);
  EXPECT_EQ(Attr(d, kVpc, "cidr_block"), "10.50.0.0/24");
  EXPECT_EQ(Attr(d, kFirewall, "firewall_id"), fw);
  EXPECT_FALSE(Attr(d, kKey, "fingerprint").empty());
  // Exactly the declared rules: none of Civo's defaults.
  EXPECT_EQ(FirewallRules(fw), (std::vector<std::string>{"egress icmp ", "ingress tcp 22", "ingress tcp 443"}));

  // A rule and every name changed: all in place, nothing replaced.
  d.Write("main.tf", StackTf("-2", "8443"));
  Plan plan = PlanOut(d);
  ASSERT_TRUE(plan.json.ok()) << plan.Describe();
  EXPECT_EQ(plan.Actions(kVpc), Strings{"update"}) << plan.Describe();
  EXPECT_EQ(plan.Actions(kFirewall), Strings{"update"}) << plan.Describe();
  EXPECT_EQ(plan.Actions(kKey), Strings{"update"}) << plan.Describe();
  const size_t before = sim_->Log().size();
  ASSERT_TRUE(ApplySavedThenEmptyPlan(d));
  std::vector<std::string> calls;
  for (const auto& r : sim_->MutatingCalls(before)) calls.push_back(r.method + " " + r.path);
  std::sort(calls.begin(), calls.end());
  EXPECT_EQ(calls.size(), 5u) << e2e::Sim::Describe(sim_->MutatingCalls(before));
  EXPECT_EQ(Attr(d, kFirewall, "id"), fw);
  EXPECT_EQ(Attr(d, kVpc, "network_name"), "tf-net-2");
  EXPECT_EQ(sim_->NetworkName(net), "tf-net-2");
  EXPECT_EQ(FirewallRules(fw), (std::vector<std::string>{"egress icmp ", "ingress tcp 22", "ingress tcp 8443"}));

  // Import into a second working directory: REGION/ID and ID, then no
  // changes. Rules import as Civo has them: an `allow` rule with `action`
  // unset (what unset means), so that configuration leaves it unset.
  std::string imported_tf = StackTf("-2", "8443");
  const std::string explicit_allow = R"(, action = "allow" })";
  ASSERT_NE(imported_tf.find(explicit_allow), std::string::npos);
  imported_tf.replace(imported_tf.find(explicit_allow), explicit_allow.size(), " }");
  WorkDir& imp = NewDir("import", imported_tf);
  ASSERT_TRUE(Init(imp));
  for (const auto& [addr, id] : std::vector<std::pair<std::string, std::string>>{
           {kVpc, "LON1/" + net}, {kFirewall, fw}, {kKey, "lon1/" + key}}) {
    CliRun r = imp.Tf({"import", "-input=false", "-no-color", addr, id});
    ASSERT_TRUE(r.ok()) << r.Describe();
    EXPECT_TRUE(Contains(r.out, "Import successful")) << r.Describe();
  }
  EXPECT_EQ(Attr(imp, kFirewall, "id"), fw);
  const size_t before_plan = sim_->Log().size();
  EXPECT_TRUE(EmptyPlan(imp));
  EXPECT_TRUE(sim_->MutatingCalls(before_plan).empty()) << e2e::Sim::Describe(sim_->MutatingCalls(before_plan));

  // The data sources find each object by name.
  WorkDir& data = NewDir("data", Header() + R"(
data "civo_vpc" "n" {
  name = "tf-net-2"
}
data "civo_firewall" "f" {
  name = "tf-fw-2"
}
data "civo_ssh_key" "k" {
  name = "tf-key-2"
}
output "ids" {
  value = [data.civo_vpc.n.id, data.civo_firewall.f.id, data.civo_ssh_key.k.id,
           length(data.civo_firewall.f.inbound_rules), data.civo_firewall.f.network_id]
}
)");
  ASSERT_TRUE(Init(data));
  ASSERT_TRUE(ApplyThenEmptyPlan(data));
  CliRun out = data.Tf({"output", "-json", "-no-color", "ids"});
  ASSERT_TRUE(out.ok()) << out.Describe();
  EXPECT_TRUE(Contains(out.out, net)) << out.out;
  EXPECT_TRUE(Contains(out.out, fw)) << out.out;
  EXPECT_TRUE(Contains(out.out, key)) << out.out;
  EXPECT_TRUE(Contains(out.out, "2")) << out.out;

  ASSERT_TRUE(Destroy(d));
  EXPECT_EQ(ApiStatus("/v2/networks/" + net), 404);
  EXPECT_TRUE(FirewallRules(fw).empty());
}

// Terraform destroys an instance before the firewall and network it uses
// (no depends_on needed: the references order it); Civo keeps the instance
// DELETING a while (2.5 s here) and refuses to delete the firewall or the
// network until it is gone (civo/terraform-provider-civo#410). One destroy
// is enough. (The in-process NetworkKinds.FirewallDeleteWaitsFor... test
// shows the firewall's own wait, with the instance deleted outside.)
TEST_F(NetworkKinds, DestroyWaitsForTheInstanceUsingTheFirewallToGo) {
  ASSERT_TRUE(sim_->Admin("POST", "/_sim/config", R"({"action_time_ms": 2500})").status == 200);
  WorkDir& d = NewDir("with-instance", StackTf("", "443") + R"(
resource "civo_compute_instance" "web" {
  instance_name = "uses-fw"
  size          = "g3.small"
  image         = "ubuntu-jammy"
  network       = { value = civo_vpc.main.network_id }
  firewall_ids  = [{ value = civo_firewall.web.firewall_id }]
}
)");
  ASSERT_TRUE(Init(d));
  ASSERT_TRUE(ApplyThenEmptyPlan(d));
  const std::string fw = Attr(d, kFirewall, "id");
  ASSERT_TRUE(Destroy(d));
  EXPECT_TRUE(FirewallRules(fw).empty());
  EXPECT_EQ(ResourceCount(d), 0);
}

}  // namespace
}  // namespace tfcli
