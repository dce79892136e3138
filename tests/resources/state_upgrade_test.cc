// UpgradeResourceState of civo_compute_instance: a version-0 state (which
// stored `initial_password`) upgrades to version 1 without it and otherwise
// unchanged; the current version decodes as it is; versions this provider
// does not know are errors.
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "resources/compute_instance/state_upgrade.h"
#include "tests/resources/fixture.h"
#include "tfplugin/cty/codec.h"

namespace restest {
namespace {

using tfplugin::Diagnostics;

class StateUpgradeTest : public ResourceTest {
 protected:
  std::string Json(const Value& state) {
    auto json = tfplugin::cty::EncodeJson(state, tfplugin::ImpliedType(res_->schema().block));
    EXPECT_TRUE(json.ok()) << json.status();
    return json.ok() ? *json : "";
  }
  // The JSON of a version-0 state: today's attributes plus the password.
  std::string Version0Json(const Value& state, const std::string& password) {
    std::string json = Json(state);
    return absl::StrCat(json.substr(0, json.size() - 1), R"(,"initial_password":")", password,
                        "\"}");
  }
};

TEST_F(StateUpgradeTest, SchemaVersionIsOneAndHasNoPassword) {
  EXPECT_EQ(res_->schema().version, 1);
  EXPECT_EQ(res_->schema().version, resources::compute_instance::kInstanceSchemaVersion);
  EXPECT_EQ(tfplugin::FindAttribute(res_->schema().block, "initial_password"), nullptr);
}

TEST_F(StateUpgradeTest, Version0DropsThePasswordAndKeepsEverythingElse) {
  const Value state = CreateOk(Config({{"tags", Strings({"web"})}}));
  const std::string v0 = Version0Json(state, "pw-old-secret");
  ASSERT_NE(v0.find("pw-old-secret"), std::string::npos);
  Diagnostics d;
  const Value upgraded = res_->UpgradeState(Request("UpgradeResourceState"), 0, v0, d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(upgraded, state) << upgraded.DebugString();
  EXPECT_EQ(Json(upgraded).find("pw-old-secret"), std::string::npos);
  // And the upgraded state plans no change.
  ExpectNoOpPlan(upgraded, Config({{"tags", Strings({"web"})}}));
}

TEST_F(StateUpgradeTest, CurrentVersionDecodesAsItIs) {
  const Value state = CreateOk(Config());
  Diagnostics d;
  EXPECT_EQ(res_->UpgradeState(Request("UpgradeResourceState"), 1, Json(state), d), state);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  // A version-1 state never holds a password: one that does is not ours.
  Diagnostics bad;
  res_->UpgradeState(Request("UpgradeResourceState"), 1, Version0Json(state, "x"), bad);
  EXPECT_TRUE(bad.HasError());
}

TEST_F(StateUpgradeTest, UnknownVersionsAndBrokenStatesAreErrors) {
  Diagnostics newer;
  EXPECT_TRUE(res_->UpgradeState(Request("UpgradeResourceState"), 2, "{}", newer).is_null());
  EXPECT_TRUE(HasDiagAt(newer, tfplugin::Severity::kError, "", "schema version 2")) << DiagText(newer);
  Diagnostics broken;
  EXPECT_TRUE(res_->UpgradeState(Request("UpgradeResourceState"), 0, "[1]", broken).is_null());
  EXPECT_TRUE(HasDiagAt(broken, tfplugin::Severity::kError, "", "schema version 0"))
      << DiagText(broken);
  Diagnostics deep;
  EXPECT_TRUE(res_->UpgradeState(Request("UpgradeResourceState"), 0,
                                 std::string(200000, '[') + std::string(200000, ']'), deep)
                  .is_null());
  EXPECT_TRUE(deep.HasError());
  Diagnostics typed;
  EXPECT_TRUE(res_->UpgradeState(Request("UpgradeResourceState"), 0,
                                 R"({"instance_name": {"a": 1}, "initial_password": "x"})", typed)
                  .is_null());
  EXPECT_TRUE(typed.HasError());
}

}  // namespace
}  // namespace restest
