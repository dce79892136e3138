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
