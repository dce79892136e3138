#include "tfplugin/cty/type.h"

#include <gtest/gtest.h>

namespace tfplugin::cty {
namespace {

TEST(TypeTest, JsonRoundTrip) {
  const Type types[] = {
      Type::String(),
      Type::Number(),
      Type::Bool(),
      Type::Dynamic(),
      Type::List(Type::String()),
      Type::Set(Type::Number()),
      Type::Map(Type::Bool()),
      Type::Object({{"b", Type::Number()}, {"a", Type::List(Type::String())}}),
      Type::Tuple({Type::String(), Type::Dynamic()}),
      Type::Object({}),
      Type::Tuple({}),
  };
  for (const Type& t : types) {
    auto back = Type::FromJson(t.ToJson());
    ASSERT_TRUE(back.ok()) << t.ToJson() << ": " << back.status();
    EXPECT_EQ(*back, t) << t.ToJson();
  }
}

TEST(TypeTest, JsonTextIsCtyNotation) {
  EXPECT_EQ(Type::String().ToJson(), R"("string")");
  EXPECT_EQ(Type::List(Type::String()).ToJson(), R"(["list","string"])");
  EXPECT_EQ(Type::Object({{"b", Type::Number()}, {"a", Type::Bool()}}).ToJson(),
            R"(["object",{"a":"bool","b":"number"}])");
  EXPECT_EQ(Type::Tuple({Type::Bool(), Type::Map(Type::Dynamic())}).ToJson(), R"(["tuple",["bool",["map","dynamic"]]])");
  // Go's encoding/json escapes < > & in map keys.
  EXPECT_EQ(Type::Object({{"a<b", Type::String()}}).ToJson(), R"(["object",{"a\u003cb":"string"}])");
}

TEST(TypeTest, ParsesOptionalAttributesThirdElement) {
  auto t = Type::FromJson(R"(["object",{"a":"string","b":"number"},["b"]])");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t, Type::Object({{"a", Type::String()}, {"b", Type::Number()}}));
}

TEST(TypeTest, RejectsInvalid) {
  for (const char* bad : {"", "\"str\"", "[\"list\"]", "[\"list\",\"string\",\"x\"]", "[\"object\",[]]",
                          "[\"tuple\",\"string\"]", "[\"frob\",\"string\"]", "42", "[\"list\",\"string\"] x",
                          "{\"a\":1}"}) {
    EXPECT_FALSE(Type::FromJson(bad).ok()) << bad;
  }
  std::string deep;
  for (int i = 0; i < 1000; ++i) deep += "[\"list\",";
  deep += "\"string\"";
  for (int i = 0; i < 1000; ++i) deep += "]";
  EXPECT_FALSE(Type::FromJson(deep).ok());
}

TEST(TypeTest, EqualityAndFriendlyName) {
  EXPECT_EQ(Type::List(Type::String()), Type::List(Type::String()));
  EXPECT_FALSE(Type::List(Type::String()) == Type::Set(Type::String()));
  EXPECT_FALSE(Type::Object({{"a", Type::String()}}) == Type::Object({{"a", Type::Number()}}));
  EXPECT_EQ(Type(), Type::Dynamic());
  EXPECT_EQ(Type::List(Type::Map(Type::String())).FriendlyName(), "list of map of string");
  EXPECT_EQ(Type::Object({}).FriendlyName(), "object");
  EXPECT_EQ(Type::Dynamic().FriendlyName(), "dynamic");
  EXPECT_TRUE(Type::Bool().is_primitive());
  EXPECT_TRUE(Type::Set(Type::Bool()).is_collection());
  EXPECT_FALSE(Type::Tuple({}).is_collection());
}

}  // namespace
}  // namespace tfplugin::cty
