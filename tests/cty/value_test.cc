#include "tfplugin/cty/value.h"

#include <gtest/gtest.h>

namespace tfplugin::cty {
namespace {

TEST(ValueTest, SetRemovesDuplicatesButKeepsUnknowns) {
  Value s = Value::Set({Value::String("a"), Value::String("b"), Value::String("a")});
  EXPECT_EQ(s.Elements().size(), 2u);
  // An unknown is never known to equal another value: each stays a member.
  Value u = Value::Set({Value::Unknown(), Value::Unknown(), Value::String("a")});
  EXPECT_EQ(u.Elements().size(), 3u);
}

TEST(ValueTest, StructuralEquality) {
  EXPECT_EQ(Value::Set({Value::Int(1), Value::Int(2)}), Value::Set({Value::Int(2), Value::Int(1)}));
  EXPECT_FALSE(Value::List({Value::Int(1), Value::Int(2)}) == Value::List({Value::Int(2), Value::Int(1)}));
  EXPECT_EQ(Value::Object({{"a", Value::Int(1)}}), Value::Object({{"a", Value::Int(1)}}));
  EXPECT_FALSE(Value::Object({{"a", Value::Int(1)}}) == Value::Map({{"a", Value::Int(1)}}));
  EXPECT_EQ(Value::Unknown(true), Value::Unknown(true));
  EXPECT_FALSE(Value::Unknown(true) == Value::Unknown(false));
  EXPECT_FALSE(Value::Null() == Value::Unknown());
  EXPECT_FALSE(Value::String("1") == Value::Int(1));
  EXPECT_EQ(Value::NumberValue(*Number::Parse("1.50")), Value::NumberValue(*Number::Parse("1.5")));
  EXPECT_FALSE(Value::String("x") == Value::String("x").WithDynamicType(Type::String()));
}

TEST(ValueTest, AccessorsAndWholeKnowledge) {
  Value obj = Value::Object({{"name", Value::String("web")}, {"tags", Value::List({Value::Unknown()})}});
  EXPECT_EQ(obj.Attr("name").AsString(), "web");
  EXPECT_TRUE(obj.Attr("missing").is_null());
  EXPECT_TRUE(Value::String("x").Attr("name").is_null());
  EXPECT_FALSE(obj.IsWhollyKnown());
  EXPECT_TRUE(obj.is_known());
  Value fixed = obj.WithAttr("tags", Value::List({}));
  EXPECT_TRUE(fixed.IsWhollyKnown());
  EXPECT_EQ(fixed.Attr("name").AsString(), "web");
  EXPECT_FALSE(obj.Attr("tags").Elements().empty());  // original untouched
  EXPECT_TRUE(Value::Null().Elements().empty());
  EXPECT_TRUE(Value::Unknown(true).unknown_not_null());
}

TEST(ValueTest, DebugString) {
  Value v = Value::Object({{"a", Value::Int(1)},
                           {"b", Value::Unknown()},
                           {"c", Value::List({Value::String("x"), Value::Bool(true), Value::Null()})},
                           {"d", Value::Set({Value::Unknown(true)})}});
  EXPECT_EQ(v.DebugString(), R"({"a"=1, "b"=<unknown>, "c"=["x", true, null], "d"=toset([<unknown, not null>])})");
}

}  // namespace
}  // namespace tfplugin::cty
