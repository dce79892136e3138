// The provider block: fallbacks, the missing-token error, unknown values, and
// the schema table matching SPEC.md.
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "gtest/gtest.h"
#include "resources/civo_provider.h"
#include "resources/compute_instance/spec.h"
#include "resources/provider_config.h"
#include "tests/resources/fixture.h"

namespace restest {
namespace {

using resources::ResolveProviderConfig;
using tfplugin::Diagnostics;
using tfplugin::Severity;

resources::EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

Value ProviderBlock(Value token, Value region, Value endpoint) {
  return Value::Object({{"token", token}, {"region", region}, {"api_endpoint", endpoint}});
}

TEST(ProviderConfig, MissingTokenEverywhereIsAnErrorOnToken) {
  Diagnostics d;
  ResolveProviderConfig(ProviderBlock(Value::Null(), Value::Null(), Value::Null()), Env({}), d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "token", "CIVO_TOKEN")) << DiagText(d);
}

TEST(ProviderConfig, EnvironmentFallbacksAndDefaults) {
  Diagnostics d;
  auto s = ResolveProviderConfig(ProviderBlock(Value::Null(), Value::Null(), Value::Null()),
                                 Env({{"CIVO_TOKEN", "t-env"}}), d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(s.token, "t-env");
  EXPECT_EQ(s.region, "LON1");
  EXPECT_EQ(s.api_url, "https://api.civo.com");

  s = ResolveProviderConfig(ProviderBlock(Value::Null(), Value::Null(), Value::Null()),
                            Env({{"CIVO_TOKEN", "t"}, {"CIVO_REGION", "fra1"},
                                 {"CIVO_API_URL", "http://127.0.0.1:1"}}),
                            d);
  EXPECT_EQ(s.region, "FRA1");
  EXPECT_EQ(s.api_url, "http://127.0.0.1:1");

  // The block wins over the environment.
  s = ResolveProviderConfig(ProviderBlock(Value::String("t-block"), Value::String("NYC1"),
                                          Value::Null()),
                            Env({{"CIVO_TOKEN", "t-env"}, {"CIVO_REGION", "FRA1"}}), d);
  EXPECT_EQ(s.token, "t-block");
  EXPECT_EQ(s.region, "NYC1");
  EXPECT_FALSE(d.HasError());
}

TEST(ProviderConfig, UnknownValuesAreNotAnError) {
  Diagnostics d;
  auto s = ResolveProviderConfig(ProviderBlock(Value::Unknown(), Value::Null(), Value::Null()),
                                 Env({}), d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_FALSE(s.fully_known);
}

TEST(ProviderConfig, ValidateRejectsBadRegionAndEndpoint) {
  Diagnostics d;
  resources::ValidateProviderConfig(
      ProviderBlock(Value::Null(), Value::String("not a region"), Value::String("ftp://x")), d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "region")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "api_endpoint")) << DiagText(d);
}

TEST(ProviderConfig, TokenIsSensitive) {
  const auto* token = tfplugin::FindAttribute(resources::ProviderConfigSchema().block, "token");
  ASSERT_NE(token, nullptr);
  EXPECT_TRUE(token->sensitive);
  EXPECT_TRUE(token->optional);
}

TEST(ProviderConfig, ConfigureWithoutTokenFailsAndResourceIsRegistered) {
  auto p = resources::NewCivoProvider(Env({}));
  Diagnostics d;
  p->Configure(Request("ConfigureProvider"),
               ProviderBlock(Value::Null(), Value::Null(), Value::Null()), "1.9.0", d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "token")) << DiagText(d);
  ASSERT_NE(p->FindResource("civo_compute_instance"), nullptr);
}

// The framework's guard: without a usable configuration nothing reaches the
// API, and each operation says so (create, update, delete, read, import).
TEST(ProviderConfig, UnconfiguredProviderRefusesEveryOperation) {
  auto p = resources::NewCivoProvider(Env({}));
  Diagnostics configure;
  p->Configure(Request("ConfigureProvider"),
               ProviderBlock(Value::Null(), Value::Null(), Value::Null()), "1.9.0", configure);
  ASSERT_TRUE(configure.HasError());
  tfplugin::Resource* r = p->FindResource("civo_compute_instance");
  ASSERT_NE(r, nullptr);
  const Value state = Value::Object({{"id", Value::String("i-1")}});
  auto expect_refused = [](const Diagnostics& d, const std::string& action) {
    ASSERT_EQ(d.items().size(), 1u) << DiagText(d);
    EXPECT_EQ(d.items()[0].severity, Severity::kError);
    EXPECT_EQ(d.items()[0].summary, "Provider not configured");
    EXPECT_NE(d.items()[0].detail.find("civo_compute_instance cannot be " + action),
              std::string::npos)
        << d.items()[0].detail;
  };
  for (const auto& [prior, planned, action] :
       {std::tuple{Value::Null(), state, "created"}, std::tuple{state, state, "updated"},
        std::tuple{state, Value::Null(), "deleted"}}) {
    tfplugin::ApplyRequest req;
    req.prior_state = prior;
    req.planned_state = planned;
    req.config = planned;
    Diagnostics d;
    auto resp = r->Apply(Request("ApplyResourceChange"), req, d);
    expect_refused(d, action);
    EXPECT_EQ(resp.new_state, prior) << "a refused apply changes nothing";
  }
  Diagnostics read;
  auto resp = r->Read(Request("ReadResource"), tfplugin::ReadRequest{state, ""}, read);
  expect_refused(read, "read");
  EXPECT_EQ(resp.new_state, state);
  Diagnostics import;
  EXPECT_TRUE(r->Import(Request("ImportResourceState"), "i-1", import).empty());
  expect_refused(import, "imported");
}

TEST(ComputeInstanceSchema, MatchesTheSpecTable) {
  const auto& block = resources::compute_instance::ComputeInstanceSchema().block;
  std::set<std::string> required, optional, computed, optional_computed, sensitive;
  for (const auto& a : block.attributes) {
    if (a.required) required.insert(a.name);
    if (a.optional && !a.computed) optional.insert(a.name);
    if (a.computed && !a.optional) computed.insert(a.name);
    if (a.optional && a.computed) optional_computed.insert(a.name);
    if (a.sensitive) sensitive.insert(a.name);
    EXPECT_FALSE(a.description.empty()) << a.name;
  }
  EXPECT_EQ(required, (std::set<std::string>{"instance_name", "size", "image", "network"}));
  EXPECT_EQ(optional, (std::set<std::string>{"ssh_key_ids", "volume_ids", "reserved_ip_id", "tags",
                                             "user_data", "timeouts"}));
  // firewall_ids: unset, it keeps what Civo gave (and what import read).
  EXPECT_EQ(optional_computed, (std::set<std::string>{"region", "firewall_ids"}));
  EXPECT_EQ(computed,
            (std::set<std::string>{"id", "instance_id", "public_ipv4", "private_ipv4", "status",
                                   "created_at_rfc3339", "network_id", "firewall_id",
                                   "attached_volume_ids", "reserved_ip_address", "disk_image_id",
                                   "initial_user", "cpu_cores", "ram_mb",
                                   "disk_gb"}));
  // The initial password is not kept in state (civo_instance_password reads it).
  EXPECT_EQ(sensitive, (std::set<std::string>{"user_data"}));
  EXPECT_EQ(tfplugin::FindAttribute(block, "initial_password"), nullptr);

  // StringValueOrRef: nested SINGLE {value, value_from SINGLE {kind, name (required)}}.
  const auto* network = tfplugin::FindAttribute(block, "network");
  ASSERT_NE(network, nullptr);
  ASSERT_NE(network->nested, nullptr);
  EXPECT_EQ(network->nested->nesting, tfplugin::Nesting::kSingle);
  ASSERT_EQ(network->nested->attributes.size(), 2u);
  const auto& value_from = network->nested->attributes[1];
  EXPECT_EQ(value_from.name, "value_from");
  ASSERT_NE(value_from.nested, nullptr);
  EXPECT_EQ(value_from.nested->attributes[1].name, "name");
  EXPECT_TRUE(value_from.nested->attributes[1].required);
  const auto* firewalls = tfplugin::FindAttribute(block, "firewall_ids");
  ASSERT_NE(firewalls->nested, nullptr);
  EXPECT_EQ(firewalls->nested->nesting, tfplugin::Nesting::kList);
  EXPECT_EQ(tfplugin::FindAttribute(block, "cpu_cores")->type, tfplugin::cty::Type::Number());
  EXPECT_EQ(tfplugin::FindAttribute(block, "attached_volume_ids")->type,
            tfplugin::cty::Type::List(tfplugin::cty::Type::String()));
}

}  // namespace
}  // namespace restest
