// The ephemeral resource civo_instance_password against the simulator: it
// returns the password Civo reports for the instance (civogo's
// `initial_password`), names `instance_id` when the instance does not
// exist, and needs a configured provider.
#include <map>
#include <string>

#include "gtest/gtest.h"
#include "resources/civo_provider.h"
#include "resources/instance_password/instance_password.h"
#include "tests/resources/fixture.h"
#include "tfplugin/data_source.h"

namespace restest {
namespace {

using tfplugin::Diagnostics;

class InstancePasswordTest : public ResourceTest {
 protected:
  tfplugin::EphemeralResource* Ephemeral() {
    return provider_->FindEphemeralResource("civo_instance_password");
  }
  static Value PasswordConfig(const std::string& id, const Value& region = Value::Null()) {
    return Value::Object({{"instance_id", Value::String(id)},
                          {"region", region},
                          {"initial_user", Value::Null()},
                          {"password", Value::Null()}});
  }
};

TEST_F(InstancePasswordTest, OpenReturnsThePasswordCivoReports) {
  ASSERT_NE(Ephemeral(), nullptr);
  const Value state = CreateOk(Config());
  auto inst = api_->GetInstance(Id(state), Opts());
  ASSERT_TRUE(inst.ok()) << inst.status();
  ASSERT_FALSE(inst->initial_password.empty());
  for (const Value& region : {Value::Null(), Value::String("lon1")}) {
    Diagnostics d;
    auto opened =
        Ephemeral()->Open(tfplugin::RequestContext("OpenEphemeralResource", "civo_instance_password"),
                          PasswordConfig(Id(state), region), d);
    ASSERT_FALSE(d.HasError()) << DiagText(d);
    EXPECT_EQ(opened.result.Attr("password"), Value::String(inst->initial_password));
    EXPECT_EQ(opened.result.Attr("initial_user"), Value::String(inst->initial_user));
    EXPECT_EQ(opened.result.Attr("region"), region);  // as configured
  }
  // The password is marked sensitive in the schema.
  const auto* pw = tfplugin::FindAttribute(Ephemeral()->schema().block, "password");
  ASSERT_NE(pw, nullptr);
  EXPECT_TRUE(pw->sensitive);
  EXPECT_TRUE(pw->computed);
}

TEST_F(InstancePasswordTest, UnknownInstanceIsAnErrorOnInstanceId) {
  Diagnostics d;
  auto opened = Ephemeral()->Open(
      tfplugin::RequestContext("OpenEphemeralResource", "civo_instance_password"),
      PasswordConfig("00000000-0000-4000-8000-000000000000"), d);
  EXPECT_TRUE(HasDiagAt(d, tfplugin::Severity::kError, "instance_id", "No instance"))
      << DiagText(d);
  EXPECT_TRUE(opened.result.is_null());
}

TEST_F(InstancePasswordTest, ValidateNamesBadValuesAndOpenNeedsAConfiguredProvider) {
  Diagnostics d;
  Ephemeral()->Validate(tfplugin::RequestContext("ValidateEphemeralResourceConfig", "x"),
                        PasswordConfig(std::string(300, 'a'), Value::String("not a region")), d);
  EXPECT_TRUE(HasDiagAt(d, tfplugin::Severity::kError, "instance_id")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, tfplugin::Severity::kError, "region")) << DiagText(d);

  auto unconfigured =
      resources::NewCivoProvider([](const char*) { return std::optional<std::string>(); });
  tfplugin::EphemeralResource* e = unconfigured->FindEphemeralResource("civo_instance_password");
  ASSERT_NE(e, nullptr);
  Diagnostics n;
  e->Open(tfplugin::RequestContext("OpenEphemeralResource", "civo_instance_password"),
          PasswordConfig("x"), n);
  EXPECT_TRUE(HasDiagAt(n, tfplugin::Severity::kError, "", "Provider not configured")) << DiagText(n);
}

}  // namespace
}  // namespace restest
