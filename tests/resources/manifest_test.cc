// provider::civo::manifest's parser: both casings, valueFrom, the
// resource's rules reported at manifest paths, and bounded input.
#include <chrono>
#include <cstdlib>
#include <random>
#include <set>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "resources/compute_instance/declaration.h"
#include "resources/manifest/manifest_function.h"
#include "resources/manifest/manifest_kinds.h"
#include "resources/manifest/manifest_parser.h"
#include "resources/manifest/yaml_bounds.h"
#include "tfplugin/cty/codec.h"
#include "tfplugin/request_context.h"

namespace {

using resources::manifest::Manifest;
using resources::manifest::ParseManifest;
using tfplugin::cty::Value;

constexpr char kHeader[] =
    "apiVersion: civo.project-planton.org/v1\nkind: CivoComputeInstance\nmetadata:\n  name: web\n";

const char kCamel[] = R"(apiVersion: civo.project-planton.org/v1
kind: CivoComputeInstance
metadata:
  name: web-prod-01
  description: Production web server
spec:
  instanceName: web-prod-01
  region: LON1
  size: g3.large
  image: ubuntu-jammy
  network:
    value: prod-network-id
  sshKeyIds:
    - team-ssh-key-id
  firewallIds:
    - value: web-firewall-id
  volumeIds:
    - valueFrom:
        kind: CivoVolume
        env: prod
        name: data-1
        fieldPath: status.outputs.volume_id
  reservedIpId:
    valueFrom:
      name: web-ip
  tags:
    - env:prod
    - service:web
  userData: |
    #!/bin/bash
    apt-get install -y nginx
)";

const char kSnake[] = R"(api_version: civo.project-planton.org/v1
kind: CivoComputeInstance
metadata: {name: web-prod-01}
spec:
  instance_name: web-prod-01
  region: LON1
  size: g3.large
  image: ubuntu-jammy
  network: {value: prod-network-id}
  ssh_key_ids: [team-ssh-key-id]
  firewall_ids: [{value: web-firewall-id}]
  volume_ids:
    - value_from: {kind: CivoVolume, env: prod, name: data-1, field_path: status.outputs.volume_id}
  reserved_ip_id: {value_from: {name: web-ip}}
  tags: ["env:prod", "service:web"]
  user_data: "#!/bin/bash\napt-get install -y nginx\n"
)";

Manifest MustParse(const std::string& text) {
  absl::StatusOr<Manifest> m = ParseManifest(text);
  EXPECT_TRUE(m.ok()) << m.status();
  return m.ok() ? *m : Manifest{};
}

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<Manifest> m = ParseManifest(text);
  EXPECT_FALSE(m.ok()) << "accepted:\n" << text;
  return m.ok() ? "" : std::string(m.status().message());
}

std::string Spec(const std::string& body) { return absl::StrCat(kHeader, "spec:\n", body); }
std::string Minimal(const std::string& extra = "") {
  return Spec(absl::StrCat(
      "  instanceName: web-1\n  size: g3.small\n  image: ubuntu-jammy\n  network: {value: n-1}\n",
      extra));
}

Value Ref(const std::string& id) {
  return Value::Object({{"value", Value::String(id)}, {"value_from", Value::Null()}});
}
Value RefFrom(const std::string& kind, const std::string& name) {
  return Value::Object(
      {{"value", Value::Null()},
       {"value_from", Value::Object({{"kind", kind.empty() ? Value::Null() : Value::String(kind)},
                                     {"name", Value::String(name)}})}});
}

TEST(Manifest, CamelCaseSpecBecomesTheInstanceArguments) {
  Manifest m = MustParse(kCamel);
  ASSERT_NE(m.kind, nullptr);
  EXPECT_EQ(m.kind->kind, "CivoComputeInstance");
  const Value& a = m.arguments;
  EXPECT_EQ(a.Attr("instance_name"), Value::String("web-prod-01"));
  EXPECT_EQ(a.Attr("region"), Value::String("LON1"));
  EXPECT_EQ(a.Attr("size"), Value::String("g3.large"));
  EXPECT_EQ(a.Attr("image"), Value::String("ubuntu-jammy"));
  EXPECT_EQ(a.Attr("network"), Ref("prod-network-id"));
  EXPECT_EQ(a.Attr("ssh_key_ids"), Value::List({Value::String("team-ssh-key-id")}));
  EXPECT_EQ(a.Attr("firewall_ids"), Value::List({Ref("web-firewall-id")}));
  // valueFrom {kind, env, name, fieldPath} -> value_from {kind, name}.
  EXPECT_EQ(a.Attr("volume_ids"), Value::List({RefFrom("CivoVolume", "data-1")}));
  EXPECT_EQ(a.Attr("reserved_ip_id"), RefFrom("", "web-ip"));
  EXPECT_EQ(a.Attr("tags"), Value::List({Value::String("env:prod"), Value::String("service:web")}));
  EXPECT_EQ(a.Attr("user_data"), Value::String("#!/bin/bash\napt-get install -y nginx\n"));
  EXPECT_TRUE(a.Attr("timeouts").is_null());
}

TEST(Manifest, SnakeCaseGivesTheSameObject) {
  EXPECT_EQ(MustParse(kSnake).arguments, MustParse(kCamel).arguments);
}

TEST(Manifest, AttributesAreTheResourcesArgumentsAndTheValueHasTheirType) {
  Manifest m = MustParse(Minimal());
  std::set<std::string> want;
  for (const auto& a : resources::compute_instance::InstanceSchema().block.attributes) {
    if (a.required || a.optional) want.insert(a.name);
  }
  std::set<std::string> have;
  for (const auto& [name, v] : m.arguments.Entries()) have.insert(name);
  EXPECT_EQ(have, want);
  EXPECT_EQ(have.count("id"), 0u);
  EXPECT_EQ(have.count("public_ipv4"), 0u);
  EXPECT_TRUE(m.arguments.Attr("region").is_null());
  EXPECT_TRUE(m.arguments.Attr("tags").is_null());

  // The value travels as its own type: encoded and decoded as dynamic, it
  // comes back equal.
  ASSERT_TRUE(m.arguments.dynamic_type().has_value());
  absl::StatusOr<std::string> bytes =
      tfplugin::cty::EncodeMsgpack(m.arguments, tfplugin::cty::Type::Dynamic());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  absl::StatusOr<Value> back = tfplugin::cty::DecodeMsgpack(*bytes, tfplugin::cty::Type::Dynamic());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, m.arguments);
  EXPECT_EQ(back->dynamic_type()->ToJson(), m.arguments.dynamic_type()->ToJson());
}

TEST(Manifest, ValueFromWithoutKindTakesItFromFieldPath) {
  Manifest m = MustParse(Minimal(
      "  firewallIds:\n    - valueFrom: {name: web-fw, fieldPath: status.outputs.firewall_id}\n"));
  EXPECT_EQ(m.arguments.Attr("firewall_ids"), Value::List({RefFrom("CivoFirewall", "web-fw")}));
}

TEST(Manifest, ScalarsAreStringsAsWritten) {
  Manifest m = MustParse(Spec(
      "  instanceName: '1'\n  size: g3.small\n  image: ubuntu-jammy\n  network: {value: 123}\n"));
  EXPECT_EQ(m.arguments.Attr("instance_name"), Value::String("1"));
  EXPECT_EQ(m.arguments.Attr("network"), Ref("123"));
}

struct BadCase {
  std::string text;
  std::string path;      // the message starts with "PATH: "
  std::string mentions;  // and contains this
};

TEST(Manifest, EveryErrorNamesItsManifestPath) {
  const std::string long_name(64, 'a');
  const BadCase cases[] = {
      // The resource's rules, reported where the manifest wrote the value.
      {Spec("  instanceName: " + long_name +
            "\n  size: g3.small\n  image: ubuntu-jammy\n  network: {value: n}\n"),
       "spec.instanceName", "63"},
      {Spec("  instance_name: Web_1\n  size: g3.small\n  image: ubuntu-jammy\n  network: {value: "
            "n}\n"),
       "spec.instance_name", "does not match"},
      {Minimal("  tags: [a, a]\n"), "spec.tags[1]", "more than once"},
      {Minimal("  firewallIds: [{value: f-1}, {value: ''}]\n"), "spec.firewallIds[1].value",
       "empty"},
      {Minimal("  reservedIpId: {valueFrom: {kind: CivoVpc, name: ip}}\n"),
       "spec.reservedIpId.valueFrom.kind", "CivoIpAddress"},
      {Minimal("  reservedIpId: {value: x, valueFrom: {name: ip}}\n"), "spec.reservedIpId",
       "exactly one"},
      {Minimal("  reservedIpId: {}\n"), "spec.reservedIpId", "exactly one"},
      {Minimal("  userData: \"" + std::string(40000, 'x') + "\"\n"), "spec.userData", "32768"},
      {Minimal("  timeouts: {create: soon}\n"), "spec.timeouts.create", ""},
      // fieldPath must be the referenced kind's id output.
      {Minimal("  volumeIds: [{valueFrom: {kind: CivoVolume, name: v, fieldPath: "
               "status.outputs.device_path}}]\n"),
       "spec.volumeIds[0].valueFrom.fieldPath", "status.outputs.volume_id"},
      {Spec("  instanceName: web-1\n  size: g3.small\n  image: ubuntu-jammy\n  network:\n    "
            "valueFrom: {name: n, fieldPath: status.outputs.firewall_id}\n"),
       "spec.network.valueFrom.fieldPath",
       "\"status.outputs.firewall_id\" is CivoFirewall's id output: value_from.kind is "
       "\"CivoFirewall\", but network refers to a CivoVpc"},
      {Minimal("  network2: {}\n"), "spec.network2", "unknown field"},
      {Minimal("  reservedIpId: {valueFrom: {name: ip, nmae: x}}\n"),
       "spec.reservedIpId.valueFrom.nmae", "unknown field"},
      {Minimal("  instance_name: web-2\n"), "spec.instance_name", "given twice"},
      {Spec("  size: g3.small\n  image: ubuntu-jammy\n  network: {value: n}\n"),
       "spec.instanceName", "required"},
      {Minimal("  reservedIpId: {valueFrom: {kind: CivoIpAddress}}\n"),
       "spec.reservedIpId.valueFrom.name", "required"},
      {Minimal("  tags: {a: b}\n"), "spec.tags", "expected a list"},
      {Minimal("  tags: [[a]]\n"), "spec.tags[0]", "expected a string"},
      {Minimal("  tags: [a, ~]\n"), "spec.tags[1]", "empty"},
      {Spec("  instanceName: web-1\n  size: g3.small\n  image: ubuntu-jammy\n  network: n-1\n"),
       "spec.network", "expected a mapping"},
      {Minimal("  sshKeyIds: k-1\n"), "spec.sshKeyIds", "expected a list"},
      {Minimal("  volumeIds: [{valueFrom: {name: v, env: [a]}}]\n"),
       "spec.volumeIds[0].valueFrom.env", "expected a string"},
      // The envelope.
      {"apiVersion: civo.project-planton.org/v2\nkind: CivoComputeInstance\nspec: {}\n",
       "apiVersion", "civo.project-planton.org/v1"},
      {"kind: CivoComputeInstance\nspec: {}\n", "apiVersion", "required"},
      {"apiVersion: civo.project-planton.org/v1\nkind: AwsEc2Instance\nspec: {}\n", "kind",
       "CivoComputeInstance"},
      {"apiVersion: civo.project-planton.org/v1\nkind: CivoComputeInstance\n", "spec",
       "required"},
      {"apiVersion: civo.project-planton.org/v1\nkind: CivoComputeInstance\nmetadata: []\nspec: "
       "{}\n",
       "metadata", "mapping"},
      {std::string(kHeader) + "spec: {}\nextra: 1\n", "extra", "unknown field"},
      {"- a\n- b\n", "manifest", "mapping"},
      {"", "manifest", "mapping"},
      {"spec: {a: [1, 2}\n", "manifest", "not valid YAML"},
  };
  for (const BadCase& c : cases) {
    const std::string error = ErrorOf(c.text);
    EXPECT_TRUE(absl::StartsWith(error, c.path + ": ")) << error;
    EXPECT_TRUE(absl::StrContains(error, c.mentions)) << error;
    EXPECT_LE(error.size(), 300u) << error;
    EXPECT_FALSE(absl::EndsWith(error, ".")) << "Terraform adds the period: " << error;
  }
}

TEST(Manifest, OnlyTheFirstErrorIsReportedWithACountOfTheRest) {
  const std::string error =
      ErrorOf(Spec("  instanceName: Web\n  size: G3\n  image: Ubuntu\n  network: {value: n}\n"));
  EXPECT_TRUE(absl::StartsWith(error, "spec.instanceName: ")) << error;
  EXPECT_TRUE(absl::StrContains(error, "(and 2 more)")) << error;
}

TEST(Manifest, AnOddKeyIsQuotedAndCut) {
  const std::string error = ErrorOf(Minimal("  \"" + std::string(900, 'k') + " x\": 1\n"));
  EXPECT_TRUE(absl::StartsWith(error, "spec[\"kkk")) << error.substr(0, 100);
  EXPECT_LE(error.size(), 400u);
}

// Hostile texts: each is one short error, quickly, and the process lives.
TEST(ManifestBounds, DeepHugeAndExplodingTextsAreOneShortError) {
  const std::string deep_flow = Minimal("  tags: " + std::string(100000, '[') + "\n");
  std::string deep_block = Minimal("  tags:\n");
  for (int i = 0; i < 200; ++i) absl::StrAppend(&deep_block, std::string(4 + 2 * i, ' '), "-\n");
  std::string deep_inline = Minimal("  tags:\n  ");
  for (int i = 0; i < 50000; ++i) deep_inline += "- ";
  deep_inline += "x\n";
  std::string deep_map = Minimal("  tags: ");
  for (int i = 0; i < 50000; ++i) deep_map += "{a: ";
  const std::string huge = Minimal("  userData: \"" + std::string(2 << 20, 'x') + "\"\n");
  std::string many = Minimal("  tags: [");
  for (int i = 0; i < 30000; ++i) many += "a,";
  many += "a]\n";
  // "Billion laughs": each level refers to the previous one nine times.
  std::string laughs = absl::StrCat(kHeader, "  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
  for (int i = 1; i < 12; ++i) {
    absl::StrAppend(&laughs, "  a", i, ": &a", i, " [");
    for (int j = 0; j < 9; ++j) absl::StrAppend(&laughs, j ? ", " : "", "*a", i - 1);
    laughs += "]\n";
  }
  laughs += "spec:\n  instanceName: web-1\n  tags: *a11\n";
  std::string laughs_spec = Minimal("  tags: &t [a, b]\n  sshKeyIds: *t\n");
  const std::string two_docs = Minimal() + "---\n" + Minimal();

  const std::pair<std::string, std::string> cases[] = {
      {deep_flow, "nested deeper than 32"}, {deep_block, "nested deeper than 32"},
      {deep_inline, "nested deeper than 32"}, {deep_map, "nested deeper than 32"},
      {huge, "at most 1048576"},           {many, "more than 20000"},
      {laughs, "spec.tags[0]: expected a string"},
      {two_docs, "more than one YAML document"},
  };
  for (const auto& [text, mentions] : cases) {
    const auto start = std::chrono::steady_clock::now();
    const std::string error = ErrorOf(text);
    EXPECT_TRUE(absl::StrContains(error, mentions)) << error.substr(0, 300);
    EXPECT_LE(error.size(), 200u) << error.substr(0, 300);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  }
  // An alias is read as what it names (once, not expanded into a tree).
  Manifest m = MustParse(laughs_spec);
  EXPECT_EQ(m.arguments.Attr("ssh_key_ids"), m.arguments.Attr("tags"));
}

// Mutated manifests (bytes flipped, YAML punctuation inserted, pieces
// repeated): every one is read or is one short error; nothing throws or
// crashes. MANIFEST_MUTATIONS=N runs N of them (default 3000).
TEST(ManifestBounds, MutatedManifestsAreReadOrOneShortError) {
  const char* env = std::getenv("MANIFEST_MUTATIONS");
  const int rounds = env != nullptr ? std::atoi(env) : 3000;
  std::mt19937 rng(12345);
  const std::string seeds[] = {kCamel, kSnake, Minimal("  timeouts: {create: 30m}\n")};
  const std::string punctuation = "[]{}:,-?&*!|>'\"%@`#\n\t ~\\";
  int accepted = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string text = seeds[rng() % 3];
    const int edits = 1 + static_cast<int>(rng() % 8);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const size_t at = rng() % text.size();
      switch (rng() % 4) {
        case 0:
          text[at] = static_cast<char>(rng() % 256);
          break;
        case 1:
          text.insert(at, 1, punctuation[rng() % punctuation.size()]);
          break;
        case 2:
          text.erase(at, 1 + rng() % 8);
          break;
        default: {
          const size_t len = std::min<size_t>(text.size() - at, 1 + rng() % 40);
          text.insert(at, text.substr(at, len));
        }
      }
    }
    absl::StatusOr<Manifest> m = ParseManifest(text);
    if (m.ok()) {
      ++accepted;
      continue;
    }
    const std::string error(m.status().message());
    EXPECT_LE(error.size(), 400u) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
  // The mutations are small: some texts stay valid manifests.
  if (rounds >= 1000) {
    EXPECT_GT(accepted, 0);
  }
}

// The other kinds: each reads its resource's arguments, in both casings,
// and breaks its resource's rules at the manifest path.
std::string OfKind(const std::string& kind, const std::string& spec) {
  return absl::StrCat("apiVersion: civo.project-planton.org/v1\nkind: ", kind,
                      "\nmetadata:\n  name: x\nspec:\n", spec);
}

// The attributes a manifest of `kind` yields: the arguments of its resource.
std::set<std::string> ArgumentsOf(const std::string& kind) {
  const resources::manifest::ManifestKind* k = resources::manifest::FindManifestKind(kind);
  std::set<std::string> names;
  if (k == nullptr) return names;
  const auto spec = k->spec();  // held: a kind may build its declaration per call
  for (const auto& a : spec->attributes) {
    if (a.required || a.optional) names.insert(a.name);
  }
  return names;
}
std::set<std::string> AttributesOf(const Value& v) {
  std::set<std::string> names;
  for (const auto& [name, _] : v.Entries()) names.insert(name);
  return names;
}

TEST(ManifestKinds, EveryKindOfTheStackIsRead) {
  EXPECT_EQ(resources::manifest::ManifestKindNames(),
            "CivoComputeInstance, CivoVpc, CivoFirewall, CivoVolume, CivoIpAddress");
  const std::pair<std::string, std::string> types[] = {
      {"CivoVpc", "civo_vpc"},
      {"CivoFirewall", "civo_firewall"},
      {"CivoVolume", "civo_volume"},
      {"CivoIpAddress", "civo_ip_address"}};
  for (const auto& [kind, type] : types) {
    const resources::manifest::ManifestKind* k = resources::manifest::FindManifestKind(kind);
    ASSERT_NE(k, nullptr) << kind;
    EXPECT_EQ(k->resource_type, type);
  }
}

TEST(ManifestKinds, VpcInBothCasings) {
  Manifest camel = MustParse(OfKind("CivoVpc",
                                    "  networkName: prod-net\n  region: LON1\n  ipRangeCidr: "
                                    "10.10.1.0/24\n  isDefaultForRegion: false\n  description: "
                                    "Production network\n"));
  Manifest snake = MustParse(OfKind("CivoVpc",
                                    "  network_name: prod-net\n  region: LON1\n  ip_range_cidr: "
                                    "10.10.1.0/24\n  is_default_for_region: false\n  description: "
                                    "Production network\n"));
  ASSERT_NE(camel.kind, nullptr);
  EXPECT_EQ(camel.kind->resource_type, "civo_vpc");
  const Value& a = camel.arguments;
  EXPECT_EQ(a.Attr("network_name"), Value::String("prod-net"));
  EXPECT_EQ(a.Attr("region"), Value::String("LON1"));
  EXPECT_EQ(a.Attr("ip_range_cidr"), Value::String("10.10.1.0/24"));
  EXPECT_EQ(a.Attr("is_default_for_region"), Value::Bool(false));
  EXPECT_EQ(a.Attr("description"), Value::String("Production network"));
  EXPECT_EQ(snake.arguments, camel.arguments);
  EXPECT_EQ(AttributesOf(a), ArgumentsOf("CivoVpc"));
  EXPECT_EQ(AttributesOf(a).count("network_id"), 0u);  // an output, not an argument
  EXPECT_EQ(AttributesOf(a).count("cidr_block"), 0u);
}

TEST(ManifestKinds, FirewallWithNestedRulesInBothCasings) {
  const std::string camel = OfKind("CivoFirewall", R"(  name: web-fw
  networkId:
    valueFrom:
      kind: CivoVpc
      env: prod
      name: prod-net
      fieldPath: status.outputs.network_id
  inboundRules:
    - protocol: tcp
      portRange: "443"
      cidrs: [0.0.0.0/0]
      action: allow
      label: https
    - protocol: icmp
      cidrs: [10.0.0.0/8]
  outboundRules:
    - protocol: tcp
      portRange: 1-65535
      cidrs: [0.0.0.0/0]
  tags: [web]
)");
  const std::string snake = OfKind("CivoFirewall", R"(  name: web-fw
  network_id: {value_from: {kind: CivoVpc, env: prod, name: prod-net, field_path: status.outputs.network_id}}
  inbound_rules:
    - {protocol: tcp, port_range: "443", cidrs: [0.0.0.0/0], action: allow, label: https}
    - {protocol: icmp, cidrs: [10.0.0.0/8]}
  outbound_rules:
    - {protocol: tcp, port_range: 1-65535, cidrs: [0.0.0.0/0]}
  tags: [web]
)");
  Manifest m = MustParse(camel);
  ASSERT_NE(m.kind, nullptr);
  EXPECT_EQ(m.kind->resource_type, "civo_firewall");
  const Value& a = m.arguments;
  EXPECT_EQ(a.Attr("name"), Value::String("web-fw"));
  // valueFrom {kind, env, name, fieldPath} -> value_from {kind, name}.
  EXPECT_EQ(a.Attr("network_id"), RefFrom("CivoVpc", "prod-net"));
  auto rule = [](const char* protocol, Value ports, const char* cidr, Value action, Value label) {
    return Value::Object({{"protocol", Value::String(protocol)},
                          {"port_range", std::move(ports)},
                          {"cidrs", Value::List({Value::String(cidr)})},
                          {"action", std::move(action)},
                          {"label", std::move(label)}});
  };
  EXPECT_EQ(a.Attr("inbound_rules"),
            Value::List({rule("tcp", Value::String("443"), "0.0.0.0/0", Value::String("allow"),
                              Value::String("https")),
                         rule("icmp", Value::Null(), "10.0.0.0/8", Value::Null(), Value::Null())}));
  EXPECT_EQ(a.Attr("outbound_rules"),
            Value::List({rule("tcp", Value::String("1-65535"), "0.0.0.0/0", Value::Null(),
                              Value::Null())}));
  EXPECT_EQ(a.Attr("tags"), Value::List({Value::String("web")}));
  EXPECT_EQ(MustParse(snake).arguments, a);
  EXPECT_EQ(AttributesOf(a), ArgumentsOf("CivoFirewall"));
}

TEST(ManifestKinds, FirewallNetworkByValueOrByFieldPathAlone) {
  Manifest by_value = MustParse(
      OfKind("CivoFirewall", "  name: fw\n  networkId: {value: net-123}\n"));
  EXPECT_EQ(by_value.arguments.Attr("network_id"), Ref("net-123"));
  // No rules written: null, which the resource reads as "none".
  EXPECT_TRUE(by_value.arguments.Attr("inbound_rules").is_null());
  EXPECT_TRUE(by_value.arguments.Attr("outbound_rules").is_null());
  // fieldPath alone tells the kind.
  Manifest by_path = MustParse(OfKind(
      "CivoFirewall",
      "  name: fw\n  networkId: {valueFrom: {name: prod-net, fieldPath: status.outputs.network_id}}\n"));
  EXPECT_EQ(by_path.arguments.Attr("network_id"), RefFrom("CivoVpc", "prod-net"));
}

TEST(ManifestKinds, VolumeInBothCasings) {
  Manifest camel = MustParse(OfKind("CivoVolume",
                                    "  volumeName: data-1\n  region: lon1\n  sizeGib: 50\n  "
                                    "filesystemType: ext4\n  snapshotId: snap-1\n  tags: [env:prod]\n"));
  Manifest snake = MustParse(OfKind("CivoVolume",
                                    "  volume_name: data-1\n  region: lon1\n  size_gib: 50\n  "
                                    "filesystem_type: ext4\n  snapshot_id: snap-1\n  tags: [env:prod]\n"));
  ASSERT_NE(camel.kind, nullptr);
  EXPECT_EQ(camel.kind->resource_type, "civo_volume");
  const Value& a = camel.arguments;
  EXPECT_EQ(a.Attr("volume_name"), Value::String("data-1"));
  EXPECT_EQ(a.Attr("size_gib"), Value::NumberValue(*tfplugin::cty::Number::Parse("50")));
  EXPECT_EQ(a.Attr("filesystem_type"), Value::String("ext4"));
  EXPECT_EQ(a.Attr("snapshot_id"), Value::String("snap-1"));
  EXPECT_EQ(a.Attr("tags"), Value::List({Value::String("env:prod")}));
  EXPECT_EQ(snake.arguments, a);
  EXPECT_EQ(AttributesOf(a), ArgumentsOf("CivoVolume"));
  EXPECT_EQ(AttributesOf(a).count("volume_id"), 0u);
}

TEST(ManifestKinds, VolumeFilesystemTypeInPlantonsEnumNames) {
  // protojson writes CivoVolumeFilesystemType by name: NONE, EXT4, XFS.
  const std::pair<std::string, std::string> names[] = {
      {"NONE", "unformatted"}, {"EXT4", "ext4"}, {"XFS", "xfs"}, {"xfs", "xfs"}};
  for (const auto& [planton, value] : names) {
    Manifest m = MustParse(OfKind(
        "CivoVolume", "  volumeName: data\n  sizeGib: 1\n  filesystemType: " + planton + "\n"));
    EXPECT_EQ(m.arguments.Attr("filesystem_type"), Value::String(value)) << planton;
  }
  const std::string error =
      ErrorOf(OfKind("CivoVolume", "  volumeName: data\n  sizeGib: 1\n  filesystemType: Ext4\n"));
  EXPECT_TRUE(absl::StartsWith(error, "spec.filesystemType: ")) << error;
}

TEST(ManifestKinds, IpAddressInBothCasings) {
  Manifest camel = MustParse(OfKind("CivoIpAddress", "  description: web ip\n  region: LON1\n"));
  Manifest snake = MustParse(OfKind("CivoIpAddress", "  description: web ip\n  Region: LON1\n"));
  ASSERT_NE(camel.kind, nullptr);
  EXPECT_EQ(camel.kind->resource_type, "civo_ip_address");
  EXPECT_EQ(camel.arguments.Attr("description"), Value::String("web ip"));
  EXPECT_EQ(camel.arguments.Attr("region"), Value::String("LON1"));
  EXPECT_EQ(AttributesOf(camel.arguments), ArgumentsOf("CivoIpAddress"));
  EXPECT_EQ(AttributesOf(camel.arguments).count("ip_address"), 0u);
  // An IP with nothing set is a valid spec (Civo names it).
  Manifest empty = MustParse(OfKind("CivoIpAddress", "  {}\n"));
  EXPECT_TRUE(empty.arguments.Attr("description").is_null());
  (void)snake;
}

TEST(ManifestKinds, EachKindsRulesAreReportedAtTheManifestPath) {
  const std::string long_text(101, 'd');
  const BadCase cases[] = {
      {OfKind("CivoVpc", "  networkName: n\n  ipRangeCidr: 10.0.0.0/33\n"), "spec.ipRangeCidr",
       "CIDR"},
      {OfKind("CivoVpc", "  networkName: n\n  description: " + long_text + "\n"),
       "spec.description", "100"},
      {OfKind("CivoVpc", "  ipRangeCidr: 10.0.0.0/24\n"), "spec.networkName", "required"},
      {OfKind("CivoVpc", "  networkName: n\n  isDefaultForRegion: maybe\n"),
       "spec.isDefaultForRegion", "true or false"},
      {OfKind("CivoVpc", "  networkName: n\n  networkId: x\n"), "spec.networkId",
       "unknown field"},
      // Nested firewall rules: the rule's own path.
      {OfKind("CivoFirewall",
              "  name: fw\n  networkId: {value: n}\n  inboundRules:\n    - protocol: sctp\n      "
              "cidrs: [0.0.0.0/0]\n"),
       "spec.inboundRules[0].protocol", "sctp"},
      {OfKind("CivoFirewall",
              "  name: fw\n  network_id: {value: n}\n  outbound_rules:\n    - {protocol: tcp, cidrs: "
              "[0.0.0.0/0]}\n    - {protocol: udp, port_range: 70000, cidrs: [0.0.0.0/0]}\n"),
       "spec.outbound_rules[1].port_range", ""},
      {OfKind("CivoFirewall",
              "  name: fw\n  networkId: {value: n}\n  inboundRules:\n    - {protocol: tcp, cidrs: "
              "[0.0.0.0/0], action: permit}\n"),
       "spec.inboundRules[0].action", "permit"},
      {OfKind("CivoFirewall",
              "  name: fw\n  networkId: {value: n}\n  inboundRules:\n    - {protocol: tcp, cidrs: "
              "[0.0.0.0/0], ports: '80'}\n"),
       "spec.inboundRules[0].ports", "unknown field"},
      {OfKind("CivoFirewall", "  name: fw\n  networkId: {valueFrom: {kind: CivoVolume, name: n}}\n"),
       "spec.networkId.valueFrom.kind", "CivoVpc"},
      {OfKind("CivoFirewall",
              "  name: fw\n  networkId: {valueFrom: {name: n, fieldPath: status.outputs.volume_id}}\n"),
       "spec.networkId.valueFrom.fieldPath", "CivoVolume"},
      {OfKind("CivoFirewall", "  name: fw\n"), "spec.networkId", "required"},
      {OfKind("CivoFirewall", "  name: fw\n  networkId: {value: n, valueFrom: {name: m}}\n"),
       "spec.networkId", "exactly one"},
      {OfKind("CivoVolume", "  volumeName: Data_1\n  sizeGib: 10\n"), "spec.volumeName",
       "lower-case"},
      {OfKind("CivoVolume", "  volumeName: data\n  sizeGib: 16001\n"), "spec.sizeGib", "16000"},
      {OfKind("CivoVolume", "  volumeName: data\n  sizeGib: ten\n"), "spec.sizeGib",
       "not a number"},
      {OfKind("CivoVolume", "  volumeName: data\n  sizeGib: 10\n  filesystemType: ntfs\n"),
       "spec.filesystemType", "ntfs"},
      {OfKind("CivoVolume", "  volumeName: data\n  sizeGib: 10\n  tags: [a, a]\n"),
       "spec.tags[1]", "more than once"},
      {OfKind("CivoIpAddress", "  description: " + long_text + "\n"), "spec.description", "100"},
      {OfKind("CivoIpAddress", "  ipAddress: 1.2.3.4\n"), "spec.ipAddress", "unknown field"},
  };
  for (const BadCase& c : cases) {
    const std::string error = ErrorOf(c.text);
    EXPECT_TRUE(absl::StartsWith(error, c.path + ": ")) << c.path << " <- " << error;
    EXPECT_TRUE(absl::StrContains(error, c.mentions)) << c.mentions << " <- " << error;
    EXPECT_LE(error.size(), 300u) << error;
  }
}

TEST(ManifestFunction, ReturnsTheObjectOrAnErrorOnItsArgument) {
  std::unique_ptr<tfplugin::Function> f = resources::manifest::NewManifestFunction();
  EXPECT_EQ(f->name(), "manifest");
  EXPECT_EQ(f->signature().return_type.kind(), tfplugin::cty::Type::Kind::kDynamic);
  tfplugin::RequestContext ctx("CallFunction", "", std::nullopt);
  std::optional<tfplugin::FunctionError> error;
  Value v = f->Call(ctx, {Value::String(kCamel)}, error);
  EXPECT_FALSE(error.has_value());
  EXPECT_EQ(v, MustParse(kCamel).arguments);

  f->Call(ctx, {Value::String(Minimal("  tags: [a, a]\n"))}, error);
  ASSERT_TRUE(error.has_value());
  EXPECT_TRUE(absl::StartsWith(error->text, "spec.tags[1]: ")) << error->text;
  EXPECT_EQ(error->argument, 0);
}

}  // namespace
