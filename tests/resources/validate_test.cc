// Every static rule of SPEC.md's civo_compute_instance table, with the
// attribute path and message of its diagnostic; unknown values skipped.
#include <string>

#include "gtest/gtest.h"
#include "resources/compute_instance/spec.h"
#include "resources/compute_instance/validate.h"
#include "tests/resources/fixture.h"

namespace restest {
namespace {

using resources::compute_instance::ValidateConfig;
using tfplugin::Diagnostics;
using tfplugin::Severity;

Value Base(const std::map<std::string, Value>& overrides = {}) {
  Value v = resources::compute_instance::NullObject();
  v = v.WithAttr("instance_name", Value::String("web-1"));
  v = v.WithAttr("size", Value::String("g3.small"));
  v = v.WithAttr("image", Value::String("ubuntu-jammy"));
  v = v.WithAttr("network", Ref("net-1"));
  for (const auto& [k, x] : overrides) v = v.WithAttr(k, x);
  return v;
}

Diagnostics Validate(const Value& v) {
  Diagnostics d;
  ValidateConfig(v, d);
  return d;
}

TEST(Validate, MinimalConfigIsValid) {
  Diagnostics d = Validate(Base());
  EXPECT_TRUE(d.empty()) << DiagText(d);
}

TEST(Validate, InstanceNamePattern) {
  for (const char* bad : {"Web-1", "-web", "web-", "web_1", "web 1", ""}) {
    Diagnostics d = Validate(Base({{"instance_name", Value::String(bad)}}));
    EXPECT_TRUE(HasDiagAt(d, Severity::kError, "instance_name", "does not match")) << bad << "\n"
                                                                                   << DiagText(d);
  }
  for (const char* good : {"a", "web-1", "web.example.com", "0a"}) {
    EXPECT_FALSE(Validate(Base({{"instance_name", Value::String(good)}})).HasError()) << good;
  }
}

TEST(Validate, InstanceNameAtMost63Characters) {
  EXPECT_FALSE(Validate(Base({{"instance_name", Value::String(std::string(63, 'a'))}})).HasError());
  Diagnostics d = Validate(Base({{"instance_name", Value::String(std::string(64, 'a'))}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "instance_name", "at most 63 characters"))
      << DiagText(d);
}

TEST(Validate, SizeAndImagePatterns) {
  Diagnostics d = Validate(Base({{"size", Value::String("G3.Small")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "size", "does not match")) << DiagText(d);
  // Image names have no dots.
  d = Validate(Base({{"image", Value::String("ubuntu.jammy")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "image", "does not match")) << DiagText(d);
  EXPECT_FALSE(Validate(Base({{"size", Value::String("g3.k3s.small")}})).HasError());
  EXPECT_FALSE(Validate(Base({{"image", Value::String("9d5ea2e3-0a6c-4f43")}})).HasError());
}

TEST(Validate, RegionLooksLikeARegionCode) {
  EXPECT_FALSE(Validate(Base({{"region", Value::String("lon1")}})).HasError());
  Diagnostics d = Validate(Base({{"region", Value::String("london")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "region", "region code")) << DiagText(d);
}

TEST(Validate, ExactlyOneOfValueAndValueFrom) {
  Value both = Value::Object({{"value", Value::String("id")},
                              {"value_from", Value::Object({{"kind", Value::Null()},
                                                            {"name", Value::String("n")}})}});
  Diagnostics d = Validate(Base({{"network", both}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network", "exactly one")) << DiagText(d);
  Value neither = Value::Object({{"value", Value::Null()}, {"value_from", Value::Null()}});
  d = Validate(Base({{"reserved_ip_id", neither}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "reserved_ip_id", "exactly one")) << DiagText(d);
}

TEST(Validate, ValueFromKindMustBeTheFieldsKind) {
  Diagnostics d = Validate(Base({{"network", RefByName("main", "CivoFirewall")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network.value_from.kind", "CivoVpc"))
      << DiagText(d);
  EXPECT_FALSE(Validate(Base({{"network", RefByName("main", "CivoVpc")}})).HasError());
  EXPECT_FALSE(Validate(Base({{"network", RefByName("main")}})).HasError());

  d = Validate(Base({{"firewall_ids", Value::List({RefByName("a", "CivoFirewall"),
                                                   RefByName("b", "CivoVolume")})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "firewall_ids[1].value_from.kind", "CivoFirewall"))
      << DiagText(d);
  d = Validate(Base({{"volume_ids", Value::List({RefByName("v", "CivoVpc")})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "volume_ids[0].value_from.kind", "CivoVolume"))
      << DiagText(d);
  d = Validate(Base({{"reserved_ip_id", RefByName("ip", "CivoVolume")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "reserved_ip_id.value_from.kind", "CivoIpAddress"))
      << DiagText(d);
  EXPECT_FALSE(Validate(Base({{"reserved_ip_id", RefByName("ip", "CivoIpAddress")}})).HasError());
}

TEST(Validate, EmptyReferenceValue) {
  Diagnostics d = Validate(Base({{"network", Ref("")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network.value", "empty")) << DiagText(d);
}

TEST(Validate, TagsUniqueNotEmptyNoWhitespace) {
  Diagnostics d = Validate(Base({{"tags", Strings({"a", "b", "a"})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[2]", "more than once")) << DiagText(d);
  d = Validate(Base({{"tags", Strings({""})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[0]", "empty")) << DiagText(d);
  d = Validate(Base({{"tags", Strings({"ok", "has space"})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[1]", "whitespace")) << DiagText(d);
  d = Validate(Base({{"tags", Strings({"tab\there"})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[0]", "whitespace")) << DiagText(d);
  EXPECT_FALSE(Validate(Base({{"tags", Strings({"a", "b"})}})).HasError());
}

TEST(Validate, UserDataAtMost32768Bytes) {
  EXPECT_FALSE(Validate(Base({{"user_data", Value::String(std::string(32768, 'x'))}})).HasError());
  Diagnostics d = Validate(Base({{"user_data", Value::String(std::string(32769, 'x'))}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "user_data", "32768 bytes")) << DiagText(d);
  // Bytes, not characters: 16385 two-byte characters are 32770 bytes.
  std::string wide;
  for (int i = 0; i < 16385; ++i) wide += "\xc3\xa9";
  EXPECT_TRUE(Validate(Base({{"user_data", Value::String(wide)}})).HasError());
}

TEST(Validate, TimeoutsAreDurations) {
  Value ok = Value::Object({{"create", Value::String("1h30m")},
                            {"update", Value::String("45s")},
                            {"delete", Value::String("30m")}});
  EXPECT_FALSE(Validate(Base({{"timeouts", ok}})).HasError());
  Value bad = Value::Object({{"create", Value::String("soon")},
                             {"update", Value::Null()},
                             {"delete", Value::String("-5m")}});
  Diagnostics d = Validate(Base({{"timeouts", bad}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "timeouts.create", "not a duration")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "timeouts.delete", "positive")) << DiagText(d);
}

TEST(Validate, SecondSshKeyOrFirewallIsAWarning) {
  Diagnostics d = Validate(Base({{"ssh_key_ids", Strings({"k1", "k2"})}}));
  EXPECT_FALSE(d.HasError());
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "ssh_key_ids",
                        "Civo takes one; the first is used; add more keys through user_data"))
      << DiagText(d);
  d = Validate(Base({{"firewall_ids", Value::List({Ref("f1"), Ref("f2")})}}));
  EXPECT_FALSE(d.HasError());
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "firewall_ids", "Civo takes one; the first is used"))
      << DiagText(d);
  EXPECT_TRUE(Validate(Base({{"ssh_key_ids", Strings({"k1"})}})).empty());
}

TEST(Validate, UnknownValuesAreSkipped) {
  Diagnostics d = Validate(Base({{"instance_name", Value::Unknown()},
                                 {"network", Value::Unknown()},
                                 {"tags", Value::List({Value::String("a"), Value::Unknown()})},
                                 {"user_data", Value::Unknown()},
                                 {"firewall_ids", Value::Unknown()},
                                 {"reserved_ip_id", Value::Object({{"value", Value::Unknown()},
                                                                   {"value_from", Value::Null()}})},
                                 {"timeouts", Value::Object({{"create", Value::Unknown()},
                                                             {"update", Value::Null()},
                                                             {"delete", Value::Null()}})}}));
  EXPECT_TRUE(d.empty()) << DiagText(d);
}

}  // namespace
}  // namespace restest
