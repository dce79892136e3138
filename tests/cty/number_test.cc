#include "tfplugin/cty/number.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "tfplugin/cty/number_ops.h"

namespace tfplugin::cty {
namespace {

std::string Canon(std::string_view text) {
  auto n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text << ": " << n.status();
  return n.ok() ? n->ToString() : "";
}

TEST(NumberTest, ParseGivesCanonicalPositionalText) {
  EXPECT_EQ(Canon("12"), "12");
  EXPECT_EQ(Canon("-1.5"), "-1.5");
  EXPECT_EQ(Canon("+007"), "7");
  EXPECT_EQ(Canon("1.2500"), "1.25");
  EXPECT_EQ(Canon("-0"), "0");
  EXPECT_EQ(Canon("0.000"), "0");
  EXPECT_EQ(Canon("1e3"), "1000");
  EXPECT_EQ(Canon("1.5E-3"), "0.0015");
  EXPECT_EQ(Canon(".5"), "0.5");
  EXPECT_EQ(Canon("5."), "5");
  EXPECT_EQ(Canon("123456789012345678901234567890"), "123456789012345678901234567890");
  EXPECT_EQ(Canon("1e400"), "1" + std::string(400, '0'));
  EXPECT_EQ(Canon("+Inf"), "+Inf");
  EXPECT_EQ(Canon("-inf"), "-Inf");
}

TEST(NumberTest, ParseRejectsJunk) {
  for (const char* junk : {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "12a", " 1", "1 ", "0x10", "NaN",
                           "1_000", "--1", "Infinity", "1e5.5"}) {
    EXPECT_FALSE(Number::Parse(junk).ok()) << junk;
  }
  // Absurd exponents would need gigabytes of digits.
  EXPECT_FALSE(Number::Parse("1e1000000000").ok());
}

TEST(NumberTest, FromDoubleIsShortestRoundTrip) {
  EXPECT_EQ(Number::FromDouble(0.1).ToString(), "0.1");
  EXPECT_EQ(Number::FromDouble(1.5).ToString(), "1.5");
  EXPECT_EQ(Number::FromDouble(-2.0).ToString(), "-2");
  EXPECT_EQ(Number::FromDouble(1e21).ToString(), "1000000000000000000000");
  EXPECT_EQ(Number::FromDouble(1e-7).ToString(), "0.0000001");
  EXPECT_EQ(Number::FromDouble(-0.0).ToString(), "0");
  EXPECT_EQ(Number::FromDouble(0.30000000000000004).ToString(), "0.30000000000000004");
  EXPECT_EQ(Number::FromDouble(static_cast<double>(0.1f)).ToString(), "0.10000000149011612");
  for (double d : {0.1, 1.0 / 3, 123456.789, 5e-324, 1.7976931348623157e308}) {
    EXPECT_EQ(Number::FromDouble(d).ToDouble(), d);
  }
}

TEST(NumberTest, IntegersAndInt64Range) {
  EXPECT_EQ(Number::FromInt(-42).ToString(), "-42");
  EXPECT_EQ(Number::FromUint(18446744073709551615u).ToString(), "18446744073709551615");
  EXPECT_EQ(Number::FromInt(std::numeric_limits<int64_t>::min()).ToInt64(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Canon("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(Number::Parse("9223372036854775807")->ToInt64(), std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(Number::Parse("9223372036854775808")->ToInt64().has_value());
  EXPECT_FALSE(Number::Parse("1.5")->ToInt64().has_value());
  EXPECT_EQ(Number::Parse("1.0")->ToInt64(), 1);
  EXPECT_EQ(Number().ToInt64(), 0);
}

TEST(NumberTest, ExactDouble) {
  EXPECT_TRUE(Number::Parse("0.5")->IsExactDouble());
  EXPECT_TRUE(Number::Parse("-1.25")->IsExactDouble());
  EXPECT_FALSE(Number::Parse("0.1")->IsExactDouble());  // 0.1 has no finite binary form
  EXPECT_TRUE(Number::Parse("0.1000000000000000055511151231257827021181583404541015625")->IsExactDouble());
  EXPECT_FALSE(Number::Parse("1e400")->IsExactDouble());
  EXPECT_TRUE(Number::Parse("9007199254740992")->IsExactDouble());
  EXPECT_FALSE(Number::Parse("9007199254740993")->IsExactDouble());
  EXPECT_TRUE(std::isinf(Number::Parse("1e400")->ToDouble()));
  EXPECT_EQ(Number::Parse("1e-400")->ToDouble(), 0.0);
}

TEST(NumberTest, CompareIsNumeric) {
  auto n = [](const char* s) { return *Number::Parse(s); };
  EXPECT_LT(CompareNumbers(n("2"), n("10")), 0);
  EXPECT_GT(CompareNumbers(n("-2"), n("-10")), 0);
  EXPECT_LT(CompareNumbers(n("-1"), n("0")), 0);
  EXPECT_LT(CompareNumbers(n("0.09"), n("0.1")), 0);
  EXPECT_EQ(CompareNumbers(n("1.50"), n("1.5")), 0);
  EXPECT_LT(CompareNumbers(n("1e400"), n("+Inf")), 0);
  EXPECT_LT(CompareNumbers(n("-Inf"), n("-1e400")), 0);
}

// big.Float.String() is Text('g', 10); these are values Go prints.
TEST(NumberTest, GoFloatStringMatchesGo) {
  auto g = [](const char* s) { return GoFloatString(*Number::Parse(s)); };
  EXPECT_EQ(g("0"), "0");
  EXPECT_EQ(g("100"), "100");
  EXPECT_EQ(g("1.5"), "1.5");
  EXPECT_EQ(g("-0.25"), "-0.25");
  EXPECT_EQ(g("1234567890"), "1234567890");
  EXPECT_EQ(g("12345678901"), "1.23456789e+10");
  EXPECT_EQ(g("1234567890123"), "1.23456789e+12");
  EXPECT_EQ(g("0.0001"), "0.0001");
  EXPECT_EQ(g("0.00001"), "1e-05");
  EXPECT_EQ(g("3.14159265358979"), "3.141592654");
  EXPECT_EQ(g("9999999999.9"), "1e+10");
}

}  // namespace
}  // namespace tfplugin::cty
