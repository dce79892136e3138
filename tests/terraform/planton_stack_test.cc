// examples/planton-stack through real terraform: five Planton manifests
// (CivoVpc, CivoFirewall, CivoVolume, CivoIpAddress, CivoComputeInstance)
// each driven by its module, the instance wired to the others by module
// outputs. Apply, an empty re-plan, the objects as the Civo API shows them,
// the module outputs, and a destroy that leaves nothing at the simulator.
#include <algorithm>
#include <filesystem>
#include <string>

#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

class PlantonStack : public TerraformTest {
 protected:
  // The repository's layout: examples/planton-stack beside modules/.
  WorkDir& ExampleDir() {
    WorkDir& d = NewDir("examples/planton-stack");
    std::error_code ec;
    std::filesystem::copy(SourceDir() + "/examples/planton-stack", d.path(),
                          std::filesystem::copy_options::recursive |
                              std::filesystem::copy_options::overwrite_existing,
                          ec);
    EXPECT_FALSE(ec) << ec.message();
    std::filesystem::copy(SourceDir() + "/modules", root_->path() + "/modules",
                          std::filesystem::copy_options::recursive, ec);
    EXPECT_FALSE(ec) << ec.message();
    return d;
  }
  std::optional<e2e::Json> Get(const std::string& path) {
    e2e::HttpAnswer a = sim_->Api("GET", path);
    if (a.status != 200) return std::nullopt;
    return a.json();
  }
  // How many objects a list call of the simulator answers with.
  size_t Count(const std::string& path, const char* items_key = nullptr) {
    e2e::HttpAnswer a = sim_->Api("GET", path);
    e2e::Json j = a.json();
    if (a.status != 200 || !j.ok()) return 9999;
    const rapidjson::Value* list = items_key ? e2e::Get(j.root(), items_key) : &j.root();
    return list != nullptr && list->IsArray() ? list->Size() : 9999;
  }
  // The firewall's rules as the API lists them: "direction protocol start_port label".
  std::vector<std::string> FirewallRules(const std::string& id) {
    std::vector<std::string> out;
    e2e::Json list = sim_->Api("GET", "/v2/firewalls").json();
    if (!list.ok() || !list.root().IsArray()) return out;
    for (const auto& f : list.root().GetArray()) {
      if (e2e::Str(f, "id") != id) continue;
      const rapidjson::Value* rules = e2e::Get(f, "rules");
      if (rules == nullptr || !rules->IsArray()) continue;
      for (const auto& r : rules->GetArray()) {
        out.push_back(e2e::Str(r, "direction") + " " + e2e::Str(r, "protocol") + " " +
                      e2e::Str(r, "start_port") + " " + e2e::Str(r, "label"));
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(PlantonStack, ManifestsThroughModulesApplyReplanEmptyAndDestroyToNothing) {
  WorkDir& d = ExampleDir();
  const size_t networks_before = Count("/v2/networks");
  ASSERT_TRUE(Init(d));
  CliRun validate = d.Tf({"validate", "-no-color"});
  ASSERT_TRUE(validate.ok()) << validate.Describe();
  ASSERT_TRUE(ApplyThenEmptyPlan(d));
  EXPECT_EQ(ResourceCount(d), 5);

  CliRun out = d.Tf({"output", "-json", "-no-color"});
  ASSERT_TRUE(out.ok()) << out.Describe();
  e2e::Json outputs = e2e::Json::Parse(out.out);
  ASSERT_TRUE(outputs.ok()) << out.out;
  auto output = [&](const char* name) {
    const auto* o = e2e::Get(outputs.root(), name);
    return o == nullptr ? std::string() : e2e::Str(*o, "value");
  };
  const std::string net = output("network_id");
  const std::string fw = output("firewall_id");
  const std::string vol = output("volume_id");
  const std::string ip = output("reserved_ip_id");
  const std::string inst = output("instance_id");
  ASSERT_FALSE(net.empty() || fw.empty() || vol.empty() || ip.empty() || inst.empty()) << out.out;
  EXPECT_EQ(output("cidr_block"), "10.20.0.0/24");

  // The network, from vpc.yaml.
  EXPECT_EQ(sim_->NetworkName(net), "planton-stack-net");
  EXPECT_EQ(Count("/v2/networks"), networks_before + 1);
  // The firewall, on that network, with exactly the rules of firewall.yaml.
  EXPECT_EQ(FirewallRules(fw), (Strings{"egress icmp  ping out", "egress tcp 1 all tcp out",
                                        "ingress tcp 22 ssh from admins", "ingress tcp 443 https"}));
  // The volume and the IP, from their manifests, attached to the instance.
  std::optional<e2e::Json> v = Get("/v2/volumes/" + vol);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(e2e::Str(v->root(), "name"), "planton-stack-data");
  EXPECT_EQ(e2e::Num(v->root(), "size_gb"), 10);
  EXPECT_EQ(e2e::Str(v->root(), "instance_id"), inst);
  std::optional<e2e::Json> r = Get("/v2/ips/" + ip);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(e2e::Str(r->root(), "name"), "planton-stack-web");
  // The instance, from web.yaml, on the stack's network and firewall.
  auto i = SimInstance(inst);
  ASSERT_TRUE(i) << inst;
  EXPECT_EQ(e2e::Str(i->root(), "hostname"), "planton-stack-web-1");
  EXPECT_EQ(e2e::Str(i->root(), "network_id"), net);
  EXPECT_EQ(e2e::Str(i->root(), "firewall_id"), fw);
  EXPECT_EQ(output("public_ipv4"), output("ip_address"));

  // The modules' outputs, once read again: the volume and the IP know
  // their instance (the instance resource owns both attachments).
  CliRun refresh = d.Tf({"apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color"});
  ASSERT_TRUE(refresh.ok()) << refresh.Describe();
  EXPECT_EQ(Attr(d, "module.data.civo_volume.this", "attached_instance_id"), inst);
  EXPECT_FALSE(Attr(d, "module.data.civo_volume.this", "device_path").empty());
  EXPECT_EQ(Attr(d, "module.ip.civo_ip_address.this", "attached_resource_id"), inst);
  EXPECT_TRUE(EmptyPlan(d));

  ASSERT_TRUE(Destroy(d));
  EXPECT_EQ(ResourceCount(d), 0);
  EXPECT_TRUE(SimInstanceIds().empty()) << Join(SimInstanceIds());
  EXPECT_EQ(sim_->Api("GET", "/v2/networks/" + net).status, 404);
  EXPECT_EQ(Count("/v2/networks"), networks_before);
  EXPECT_TRUE(FirewallRules(fw).empty());
  EXPECT_EQ(Count("/v2/volumes"), 0u);
  EXPECT_EQ(Count("/v2/ips", "items"), 0u);
}

}  // namespace
}  // namespace tfcli
