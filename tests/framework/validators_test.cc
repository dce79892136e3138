#include "tfplugin/framework/validators.h"

#include <string>

#include "gtest/gtest.h"
#include "tfplugin/framework/text.h"

namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

Diagnostics Check(const fw::ValidatorPtr& v, const Value& value,
                  AttributePath path = AttributePath::Root("name")) {
  Diagnostics d;
  v->Check(value, path, d);
  return d;
}

TEST(Validators, LengthCountsCharactersOrBytes) {
  const std::string e_acute = "\xC3\xA9";  // one character, two bytes
  const std::string s = e_acute + e_acute + e_acute;
  EXPECT_FALSE(Check(fw::LengthBetween(1, 3), Value::String(s)).HasError());
  Diagnostics d = Check(fw::LengthBetween(1, 3, fw::Count::kBytes), Value::String(s));
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d.items()[0].summary, "Invalid name");
  EXPECT_EQ(d.items()[0].detail, "name must be between 1 and 3 bytes; it has 6.");
  EXPECT_EQ(d.items()[0].path, AttributePath::Root("name"));
  EXPECT_TRUE(Check(fw::LengthBetween(1, 3), Value::String("")).HasError());
}

TEST(Validators, QuotesAtMostOneHundredCharacters) {
  const std::string long_value(5000, 'Z');
  Diagnostics d = Check(fw::Matches("[a-z]+", "lower-case letters"), Value::String(long_value));
  ASSERT_TRUE(d.HasError());
  const std::string& detail = d.items()[0].detail;
  EXPECT_NE(detail.find("\"" + std::string(100, 'Z') + "\"..."), std::string::npos) << detail;
  EXPECT_EQ(detail.find(std::string(101, 'Z')), std::string::npos);
  // Cut on a character boundary.
  std::string multi;
  for (int i = 0; i < 150; ++i) multi += "\xC3\xA9";
  EXPECT_EQ(fw::Quote(multi).size(), 2 + 200 + 3);
}

TEST(Validators, OneOfAndIntBetween) {
  EXPECT_FALSE(Check(fw::OneOf({"tcp", "udp"}), Value::String("udp")).HasError());
  Diagnostics d = Check(fw::OneOf({"tcp", "udp"}), Value::String("TCP"));
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d.items()[0].detail, "\"TCP\" is not one of `tcp`, `udp`.");
  EXPECT_FALSE(Check(fw::OneOf({"tcp"}, true), Value::String("TCP")).HasError());
  EXPECT_TRUE(Check(fw::IntBetween(1, 10), Value::Int(11)).HasError());
  EXPECT_FALSE(Check(fw::IntBetween(1, 10), Value::Int(10)).HasError());
}

TEST(Validators, EachAndUniqueNameTheElement) {
  Value list = Value::List({Value::String("a"), Value::String("b c"), Value::String("a")});
  Diagnostics d = Check(fw::UniqueItems(), list, AttributePath::Root("tags"));
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].path, AttributePath::Root("tags").Index(2));
  d = Check(fw::Each(fw::Matches("[a-z]+", "letters")), list, AttributePath::Root("tags"));
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].path, AttributePath::Root("tags").Index(1));
  EXPECT_EQ(d.items()[0].summary, "Invalid tags");
}

TEST(Validators, ExactlyOneOfAndConflictsWith) {
  auto exactly = fw::ExactlyOneOf({"value", "value_from"});
  auto check = [&](const fw::ObjectValidatorPtr& v, Value a, Value b) {
    Diagnostics d;
    v->Check(Value::Object({{"value", a}, {"value_from", b}}), AttributePath::Root("network"), d);
    return d;
  };
  EXPECT_FALSE(check(exactly, Value::String("x"), Value::Null()).HasError());
  EXPECT_TRUE(check(exactly, Value::String("x"), Value::Object({})).HasError());
  Diagnostics none = check(exactly, Value::Null(), Value::Null());
  ASSERT_TRUE(none.HasError());
  EXPECT_EQ(none.items()[0].detail, "Set exactly one of `value`, `value_from` in network.");
  // Unknown may turn out either way: no error yet.
  EXPECT_FALSE(check(exactly, Value::Unknown(), Value::Null()).HasError());
  // Unknown but refined as not null counts as set.
  EXPECT_TRUE(check(exactly, Value::Unknown(true), Value::String("y")).HasError());
  auto conflicts = fw::ConflictsWith({"value", "value_from"});
  EXPECT_FALSE(check(conflicts, Value::Null(), Value::Null()).HasError());
  EXPECT_TRUE(check(conflicts, Value::String("x"), Value::String("y")).HasError());
}

}  // namespace
