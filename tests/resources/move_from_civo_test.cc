// MoveResourceState from the official provider's civo_instance: the pure
// translation of its stored JSON (every attribute, every refusal), and, in
// process against the simulator, that the moved state refreshes unchanged
// and plans no change for the equivalent configuration, with no API write.
#include "resources/compute_instance/move_from_civo.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "resources/compute_instance/declaration.h"
#include "tests/resources/fixture.h"
#include "tfplugin/cty/codec.h"

namespace restest {
namespace {

using resources::compute_instance::InstanceObject;
using resources::compute_instance::MoveFromCivoInstance;
using resources::compute_instance::MoveInputs;
using resources::ValueOrRef;
using ::testing::IsEmpty;
using tfplugin::Diagnostics;
using tfplugin::MoveStateRequest;
using tfplugin::Severity;

constexpr char kOfficial[] = "registry.terraform.io/civo/civo";
constexpr char kImageId[] = "9d5ea2e3-0a6c-4f43-a45e-06a5e2a9c9b1";

// A civo_instance as the official provider (SDKv2) stores it: every
// attribute present, unset optional strings as "" (some as null), tags a
// set, timeouts a block, the password written because write_password was on.
std::string OfficialState() {
  return absl::StrCat(R"({
    "id": "0f5a1d58-1e0c-4d7a-a0b5-4e3c2b1a0001",
    "region": "LON1",
    "hostname": "web-1",
    "reverse_dns": "",
    "size": "g3.small",
    "public_ip_required": "create",
    "network_id": "7b2c58b3-0a3b-4d7c-9a55-0e6f4b0c0002",
    "disk_image": ")", kImageId, R"(",
    "initial_user": "civo",
    "notes": "",
    "sshkey_id": "5c8f1c2e-2f0d-4b7e-8c11-9a7d6e5f0003",
    "firewall_id": "a1b2c3d4-e5f6-4789-abcd-ef0123450004",
    "volume_type": "",
    "tags": ["web", "prod"],
    "script": "#!/bin/sh\necho hi\n",
    "cpu_cores": 1,
    "ram_mb": 2048,
    "disk_gb": 25,
    "source_type": "diskimage",
    "source_id": "ubuntu-jammy",
    "initial_password": "s3cret-pw-from-official",
    "write_password": true,
    "private_ip": "192.168.1.4",
    "public_ip": "74.220.1.2",
    "status": "ACTIVE",
    "created_at": "2024-05-01 10:20:30.123 +0000 UTC",
    "private_ipv4": null,
    "reserved_ipv4": null,
    "timeouts": null})");
}

// The state with one attribute's value replaced (each sits on its own line
// of OfficialState, ending with a comma but the last).
std::string WithAttr(const std::string& json, const std::string& name, const std::string& value) {
  const std::string key = absl::StrCat("\"", name, "\": ");
  const size_t at = json.find(key);
  if (at == std::string::npos) return json;
  const size_t line_end = json.find('\n', at);
  const size_t end = line_end == std::string::npos ? json.rfind('}') : line_end - 1;
  return json.substr(0, at + key.size()) + value + json.substr(end);
}

MoveStateRequest Req(const std::string& json, const std::string& address = kOfficial,
                     const std::string& type = "civo_instance", int64_t version = 0) {
  MoveStateRequest r;
  r.source_provider_address = address;
  r.source_type_name = type;
  r.source_schema_version = version;
  r.source_state_json = json;
  return r;
}

std::string Texts(const Diagnostics& d) { return DiagText(d); }

TEST(MoveFromCivo, MapsEveryArgumentAndComputedValue) {
  Diagnostics d;
  auto moved = MoveFromCivoInstance(Req(OfficialState()), MoveInputs{"FRA1", nullptr}, d);
  ASSERT_TRUE(moved.has_value()) << Texts(d);
  const auto& m = moved->state;
  EXPECT_EQ(m.id.value, "0f5a1d58-1e0c-4d7a-a0b5-4e3c2b1a0001");
  EXPECT_EQ(m.instance_id, m.id);
  EXPECT_EQ(m.instance_name.value, "web-1");
  EXPECT_EQ(m.region.value, "LON1");  // the source's, not the provider's default
  EXPECT_EQ(m.size.value, "g3.small");
  EXPECT_EQ(m.image.value, kImageId);
  EXPECT_EQ(m.disk_image_id.value, kImageId);
  EXPECT_EQ(m.network.form, ValueOrRef::Form::kValue);
  EXPECT_EQ(m.network.value, "7b2c58b3-0a3b-4d7c-9a55-0e6f4b0c0002");
  EXPECT_EQ(m.network_id.value, "7b2c58b3-0a3b-4d7c-9a55-0e6f4b0c0002");
  ASSERT_TRUE(m.ssh_key_ids.is_known());
  EXPECT_EQ(m.ssh_key_ids.value, std::vector<std::string>{"5c8f1c2e-2f0d-4b7e-8c11-9a7d6e5f0003"});
  ASSERT_TRUE(m.firewall_ids.is_known());
  ASSERT_EQ(m.firewall_ids.value.size(), 1u);
  EXPECT_EQ(m.firewall_ids.value[0].value, "a1b2c3d4-e5f6-4789-abcd-ef0123450004");
  EXPECT_EQ(m.firewall_id.value, "a1b2c3d4-e5f6-4789-abcd-ef0123450004");
  EXPECT_FALSE(moved->private_data.empty());  // firewall_ids marked as read from the API
  EXPECT_EQ(m.tags.value, (std::vector<std::string>{"web", "prod"}));
  EXPECT_EQ(m.user_data.value, "#!/bin/sh\necho hi\n");
  EXPECT_TRUE(m.reserved_ip.is_null());
  EXPECT_TRUE(m.volume_ids.is_null());  // never managed through civo_instance
  EXPECT_EQ(m.public_ipv4.value, "74.220.1.2");
  EXPECT_EQ(m.private_ipv4.value, "192.168.1.4");
  EXPECT_EQ(m.status.value, "ACTIVE");
  EXPECT_EQ(m.created_at_rfc3339.value, "2024-05-01T10:20:30Z");
  EXPECT_EQ(m.initial_user.value, "civo");
  EXPECT_EQ(m.cpu_cores.value, 1);
  EXPECT_EQ(m.ram_mb.value, 2048);
  EXPECT_EQ(m.disk_gb.value, 25);
  EXPECT_TRUE(m.timeouts.is_null());
  // write_password was on: a warning points to civo_instance_password.
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "", "civo_instance_password")) << Texts(d);
  EXPECT_FALSE(d.HasError()) << Texts(d);
}

TEST(MoveFromCivo, ThePasswordIsNeverCarriedOver) {
  Diagnostics d;
  auto moved = MoveFromCivoInstance(Req(OfficialState()), MoveInputs{"LON1", nullptr}, d);
  ASSERT_TRUE(moved.has_value()) << Texts(d);
  const Value state = InstanceObject().Encode(moved->state);
  auto json = tfplugin::cty::EncodeJson(resources::UnknownsToNull(state),
                                        tfplugin::ImpliedType(
                                            resources::compute_instance::InstanceSchema().block));
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(json->find("s3cret-pw-from-official"), std::string::npos) << *json;
  EXPECT_EQ(json->find("initial_password"), std::string::npos) << *json;
  EXPECT_EQ(moved->private_data.find("s3cret-pw-from-official"), std::string::npos);
}

TEST(MoveFromCivo, EmptyOptionalsBecomeNullAndTheRegionDefaults) {
  std::string json = OfficialState();
  for (const char* name : {"region", "sshkey_id", "firewall_id", "script"}) {
    json = WithAttr(json, name, "\"\"");
  }
  json = WithAttr(json, "tags", "[]");
  json = WithAttr(json, "created_at", "\"not a time\"");
  Diagnostics d;
  auto moved = MoveFromCivoInstance(Req(json), MoveInputs{"NYC1", nullptr}, d);
  ASSERT_TRUE(moved.has_value()) << Texts(d);
  const auto& m = moved->state;
  EXPECT_EQ(m.region.value, "NYC1");
  EXPECT_TRUE(m.ssh_key_ids.is_null());
  EXPECT_TRUE(m.firewall_ids.is_null());
  EXPECT_TRUE(m.firewall_id.is_null());
  EXPECT_TRUE(m.tags.is_null());
  EXPECT_TRUE(m.user_data.is_null());
  EXPECT_TRUE(m.created_at_rfc3339.is_null());  // the refresh fills it

  Diagnostics none;
  EXPECT_FALSE(MoveFromCivoInstance(Req(json), MoveInputs{"", nullptr}, none).has_value());
  EXPECT_TRUE(HasDiagAt(none, Severity::kError, "", "no `region`")) << Texts(none);
}

TEST(MoveFromCivo, TimeoutsCarryOver) {
  Diagnostics d;
  auto moved = MoveFromCivoInstance(
      Req(WithAttr(OfficialState(), "timeouts", R"({"create": "60m", "update": null, "delete": "10m"})")),
      MoveInputs{"LON1", nullptr}, d);
  ASSERT_TRUE(moved.has_value()) << Texts(d);
  ASSERT_TRUE(moved->state.timeouts.is_known());
  EXPECT_EQ(moved->state.timeouts.value.create.value, "60m");
  EXPECT_TRUE(moved->state.timeouts.value.update.is_null());
  EXPECT_EQ(moved->state.timeouts.value.del.value, "10m");
}

TEST(MoveFromCivo, ReservedIpByIdByNameAndByAddress) {
  const std::string ip_id = "11111111-2222-4333-8444-555555555555";
  auto reserved = [&](const std::string& value, MoveInputs inputs, Diagnostics& d) {
    return MoveFromCivoInstance(Req(WithAttr(OfficialState(), "reserved_ipv4", value)), inputs, d);
  };
  Diagnostics d;
  auto by_id = reserved("\"" + ip_id + "\"", MoveInputs{"LON1", nullptr}, d);
  ASSERT_TRUE(by_id.has_value()) << Texts(d);
  EXPECT_EQ(by_id->state.reserved_ip.form, ValueOrRef::Form::kValue);
  EXPECT_EQ(by_id->state.reserved_ip.value, ip_id);

  auto by_name = reserved("\"office-ip\"", MoveInputs{"LON1", nullptr}, d);
  ASSERT_TRUE(by_name.has_value()) << Texts(d);
  EXPECT_EQ(by_name->state.reserved_ip.form, ValueOrRef::Form::kValueFrom);
  EXPECT_EQ(by_name->state.reserved_ip.name, "office-ip");

  std::string asked;
  MoveInputs lookup{"FRA1", [&](const std::string& address,
                                const std::string& region) -> std::optional<std::string> {
                      asked = address + " in " + region;
                      return ip_id;
                    }};
  auto by_address = reserved("\"74.220.9.9\"", lookup, d);
  ASSERT_TRUE(by_address.has_value()) << Texts(d);
  EXPECT_EQ(asked, "74.220.9.9 in LON1");  // the instance's region
  EXPECT_EQ(by_address->state.reserved_ip.value, ip_id);
  EXPECT_EQ(by_address->state.reserved_ip_address.value, "74.220.9.9");

  Diagnostics unknown;
  auto unresolved = reserved("\"74.220.9.9\"", MoveInputs{"LON1", nullptr}, unknown);
  ASSERT_TRUE(unresolved.has_value()) << Texts(unknown);
  EXPECT_TRUE(unresolved->state.reserved_ip.is_null());
  EXPECT_TRUE(HasDiagAt(unknown, Severity::kWarning, "", "reserved_ipv4")) << Texts(unknown);
}

TEST(MoveFromCivo, UnmanagedArgumentsAreWarningsNamingThem) {
  std::string json = WithAttr(OfficialState(), "notes", "\"keep me\"");
  json = WithAttr(json, "public_ip_required", "\"none\"");
  json = WithAttr(json, "write_password", "false");
  Diagnostics d;
  ASSERT_TRUE(MoveFromCivoInstance(Req(json), MoveInputs{"LON1", nullptr}, d).has_value());
  EXPECT_FALSE(d.HasError());
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "", "`notes`")) << Texts(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "", "`public_ip_required`")) << Texts(d);
  EXPECT_FALSE(HasDiagAt(d, Severity::kWarning, "", "civo_instance_password")) << Texts(d);
}

TEST(MoveFromCivo, RefusesOtherSourcesVersionsAndBrokenStates) {
  struct Case {
    MoveStateRequest req;
    std::string says;
  };
  const std::vector<Case> cases = {
      {Req(OfficialState(), "registry.terraform.io/hashicorp/aws"), "not from `civo_instance`"},
      {Req(OfficialState(), kOfficial, "civo_volume"), "not from `civo_volume`"},
      {Req(OfficialState(), kOfficial, "civo_instance", 1), "schema version 1"},
      {Req("[1,2]"), "not a JSON object"},
      {Req("{not json"), "not a JSON object"},
      {Req(WithAttr(OfficialState(), "size", "42")), "`size`"},
      {Req(WithAttr(OfficialState(), "tags", "\"web\"")), "`tags`"},
      {Req(WithAttr(OfficialState(), "cpu_cores", "\"one\"")), "`cpu_cores`"},
      {Req(WithAttr(OfficialState(), "id", "\"\"")), "no `id`"},
      {Req(WithAttr(OfficialState(), "disk_image", "null")), "no `disk_image`"},
  };
  for (const Case& c : cases) {
    Diagnostics d;
    EXPECT_FALSE(MoveFromCivoInstance(c.req, MoveInputs{"LON1", nullptr}, d).has_value())
        << c.req.source_state_json;
    EXPECT_TRUE(HasDiagAt(d, Severity::kError, "", c.says)) << c.says << "\n" << Texts(d);
  }
  // Deep nesting and invalid UTF-8 are refusals, not crashes.
  {
    Diagnostics d;
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    EXPECT_FALSE(MoveFromCivoInstance(Req(deep), MoveInputs{"LON1", nullptr}, d).has_value());
    EXPECT_TRUE(d.HasError());
    Diagnostics nested;
    const std::string in_attr = "{\"tags\": " + deep + "}";
    EXPECT_FALSE(MoveFromCivoInstance(Req(in_attr), MoveInputs{"LON1", nullptr}, nested).has_value());
    EXPECT_TRUE(HasDiagAt(nested, Severity::kError, "", "`tags`")) << Texts(nested);
    Diagnostics utf8;
    EXPECT_FALSE(MoveFromCivoInstance(Req(WithAttr(OfficialState(), "hostname", "\"w\xff\"")),
                                      MoveInputs{"LON1", nullptr}, utf8)
                     .has_value());
    EXPECT_TRUE(utf8.HasError());
  }
  // OpenTofu's address of the same provider is accepted.
  Diagnostics d;
  EXPECT_TRUE(MoveFromCivoInstance(Req(OfficialState(), "registry.opentofu.org/civo/civo"),
                                   MoveInputs{"LON1", nullptr}, d)
                  .has_value())
      << Texts(d);
}

// --- Through the resource, against the simulator. -------------------------

class MoveTest : public ResourceTest {
 protected:
  // An instance made at Civo as the official provider would have made it.
  civoapi::Instance MakeInstance(const std::string& ssh_key_id) {
    civoapi::CreateInstanceRequest req;
    req.hostname = "old-web";
    req.size = "g3.small";
    req.network_id = default_network_id_;
    req.template_id = kImageId;
    req.ssh_key_id = ssh_key_id;
    req.initial_user = "civo";
    req.tags = {"web", "prod"};
    auto created = api_->CreateInstance(req, Opts());
    EXPECT_TRUE(created.ok()) << created.status();
    auto active = api_->WaitInstance(
        created->id, [](const civoapi::Instance& i) { return i.status == "ACTIVE"; }, Opts());
    EXPECT_TRUE(active.ok()) << active.status();
    return *active;
  }

  // Its civo_instance state, as the official provider's Read writes it.
  static std::string OfficialStateOf(const civoapi::Instance& i) {
    return absl::StrCat(R"({"id":")", i.id, R"(","region":"LON1","hostname":")", i.hostname,
                        R"(","reverse_dns":"","size":")", i.size,
                        R"(","public_ip_required":"create","network_id":")", i.network_id,
                        R"(","disk_image":")", kImageId, R"(","initial_user":")", i.initial_user,
                        R"(","notes":"","sshkey_id":")", i.ssh_key_id, R"(","firewall_id":")",
                        i.firewall_id, R"(","volume_type":"","tags":["prod","web"],)",
                        R"("script":"","cpu_cores":)", i.cpu_cores, R"(,"ram_mb":)", i.ram_mb,
                        R"(,"disk_gb":)", i.disk_gb, R"(,"source_type":"diskimage",)",
                        R"("source_id":"ubuntu-jammy","initial_password":"","write_password":false,)",
                        R"("private_ip":")", i.private_ip, R"(","public_ip":")", i.public_ip,
                        R"(","status":"ACTIVE","created_at":"2024-05-01 10:20:30 +0000 UTC",)",
                        R"("private_ipv4":null,"reserved_ipv4":null,"timeouts":null})");
  }
};

TEST_F(MoveTest, MovedStateRefreshesAndPlansNoChangeForTheEquivalentConfig) {
  const std::string key = NewSshKey("old-key");
  const civoapi::Instance inst = MakeInstance(key);
  ASSERT_FALSE(inst.firewall_id.empty());
  ASSERT_TRUE(res_->SupportsMoveState());

  const uint64_t before = LastSeq();
  Diagnostics d;
  auto moved = res_->MoveState(Request("MoveResourceState"), Req(OfficialStateOf(inst)), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ASSERT_FALSE(moved.target_state.is_null());
  EXPECT_EQ(Id(moved.target_state), inst.id);

  const Value refreshed = Refresh(moved.target_state, d, moved.target_private);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  // The config a user writes for it: the same values under this resource's names.
  const Value equivalent = Config({{"instance_name", Value::String("old-web")},
                                   {"image", Value::String(kImageId)},
                                   {"ssh_key_ids", Strings({key})},
                                   {"tags", Strings({"prod", "web"})}});
  ExpectNoOpPlan(refreshed, equivalent, moved.target_private);
  // Naming the firewall the instance has is the same plan.
  ExpectNoOpPlan(refreshed,
                 Config({{"instance_name", Value::String("old-web")},
                         {"image", Value::String(kImageId)},
                         {"ssh_key_ids", Strings({key})},
                         {"tags", Strings({"prod", "web"})},
                         {"firewall_ids", Value::List({Ref(inst.firewall_id)})}}),
                 moved.target_private);
  EXPECT_THAT(MutatingCalls(before), IsEmpty());

  // The image by name instead of the id the official provider kept: the same
  // image, so an in-place change of `image` only, with no API write.
  const Value by_name = Config({{"instance_name", Value::String("old-web")},
                                {"ssh_key_ids", Strings({key})},
                                {"tags", Strings({"prod", "web"})}});
  auto plan = Plan(refreshed, by_name, d, moved.target_private);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_THAT(plan.requires_replace, IsEmpty());
  std::string private_data = moved.target_private;
  const Value updated = UpdateOk(refreshed, by_name, &private_data);
  EXPECT_EQ(updated.Attr("image"), Value::String("ubuntu-jammy"));
  EXPECT_EQ(Id(updated), inst.id);
  EXPECT_THAT(MutatingCalls(before), IsEmpty());
  ExpectNoOpPlan(updated, by_name, private_data);
}

TEST_F(MoveTest, ReservedIpAddressIsResolvedThroughTheApi) {
  const civoapi::Instance inst = MakeInstance("");
  auto ip = api_->CreateReservedIp("office-ip", Opts());
  ASSERT_TRUE(ip.ok()) << ip.status();
  ASSERT_TRUE(api_->AssignReservedIp(ip->id, inst.id, Opts()).ok());
  std::string json = absl::StrReplaceAll(OfficialStateOf(inst),
                                         {{R"("reserved_ipv4":null)",
                                           absl::StrCat(R"("reserved_ipv4":")", ip->ip, "\"")}});
  Diagnostics d;
  auto moved = res_->MoveState(Request("MoveResourceState"), Req(json), d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(moved.target_state.Attr("reserved_ip_id"), Ref(ip->id));
  const Value refreshed = Refresh(moved.target_state, d, moved.target_private);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  ExpectNoOpPlan(refreshed,
                 Config({{"instance_name", Value::String("old-web")},
                         {"image", Value::String(kImageId)},
                         {"tags", Strings({"prod", "web"})},
                         {"reserved_ip_id", Ref(ip->id)}}),
                 moved.target_private);
}

}  // namespace
}  // namespace restest
