// cty JSON: Terraform's stored state (UpgradeResourceState.raw_state) and
// DynamicValue.json. Expected texts follow go-cty's json.Marshal: compact,
// object attributes sorted and all present, numbers as big.Float
// Text('f', -1), strings escaped as Go's encoding/json does, dynamic
// values as {"value":...,"type":...}.
#include <gtest/gtest.h>

#include "tfplugin/cty/codec.h"

namespace tfplugin::cty {
namespace {

const Type& InstanceType() {
  static const Type* const kType = new Type(Type::Object({
      {"id", Type::String()},
      {"size", Type::String()},
      {"disk_gb", Type::Number()},
      {"price", Type::Number()},
      {"big", Type::Number()},
      {"public", Type::Bool()},
      {"tags", Type::Set(Type::String())},
      {"volumes", Type::List(Type::String())},
      {"labels", Type::Map(Type::String())},
      {"network", Type::Object({{"value", Type::String()},
                                {"value_from", Type::Object({{"kind", Type::String()}, {"name", Type::String()}})}})},
      {"extra", Type::Dynamic()},
      {"added_later", Type::String()},
  }));
  return *kType;
}

TEST(JsonTest, DecodesTerraformStateAndEncodesItBack) {
  // As Terraform stores "attributes" in a state file (keys in any order).
  const char* state = R"({
    "id": "b6a1f5e0", "size": "g3.small", "disk_gb": 25, "price": 0.1,
    "big": 123456789012345678901234567890, "public": false,
    "tags": ["web", "prod"], "volumes": null, "labels": {"team": "a", "env": "b"},
    "network": {"value": null, "value_from": {"kind": "network", "name": "default"}},
    "extra": {"value": ["x"], "type": ["list", "string"]}
  })";
  auto v = DecodeJson(state, InstanceType());
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->Attr("id").AsString(), "b6a1f5e0");
  EXPECT_EQ(v->Attr("disk_gb").AsNumber().ToInt64(), 25);
  EXPECT_EQ(v->Attr("price").AsNumber().ToString(), "0.1");
  EXPECT_EQ(v->Attr("big").AsNumber().ToString(), "123456789012345678901234567890");
  EXPECT_FALSE(v->Attr("public").AsBool());
  EXPECT_EQ(v->Attr("tags"), Value::Set({Value::String("prod"), Value::String("web")}));
  EXPECT_TRUE(v->Attr("volumes").is_null());
  EXPECT_EQ(v->Attr("network").Attr("value_from").Attr("name").AsString(), "default");
  ASSERT_TRUE(v->Attr("extra").dynamic_type().has_value());
  EXPECT_EQ(*v->Attr("extra").dynamic_type(), Type::List(Type::String()));
  // Attributes the stored state lacks (added by a newer schema) are null.
  EXPECT_TRUE(v->Attr("added_later").is_null());
  EXPECT_EQ(v->Entries().size(), InstanceType().attributes().size());

  auto json = EncodeJson(*v, InstanceType());
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(*json,
            R"({"added_later":null,"big":123456789012345678901234567890,"disk_gb":25,)"
            R"("extra":{"value":["x"],"type":["list","string"]},"id":"b6a1f5e0",)"
            R"("labels":{"env":"b","team":"a"},)"
            R"("network":{"value":null,"value_from":{"kind":"network","name":"default"}},)"
            R"("price":0.1,"public":false,"size":"g3.small","tags":["prod","web"],"volumes":null})");
  auto again = DecodeJson(*json, InstanceType());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *v);
}

TEST(JsonTest, PrimitiveConversionsAsCtyAllows) {
  // Numbers from JSON strings; strings from JSON numbers (their text) and bools.
  EXPECT_EQ(DecodeJson(R"("5")", Type::Number())->AsNumber().ToString(), "5");
  EXPECT_EQ(DecodeJson("1.50e2", Type::Number())->AsNumber().ToString(), "150");
  EXPECT_EQ(DecodeJson("1e400", Type::Number())->AsNumber().ToString(), "1" + std::string(400, '0'));
  EXPECT_EQ(DecodeJson("42.0", Type::String())->AsString(), "42.0");
  EXPECT_EQ(DecodeJson("true", Type::String())->AsString(), "true");
  EXPECT_TRUE(DecodeJson(R"("true")", Type::Bool())->AsBool());
  EXPECT_FALSE(DecodeJson(R"("0")", Type::Bool())->AsBool());
  EXPECT_TRUE(DecodeJson("null", Type::Bool())->is_null());
  EXPECT_FALSE(DecodeJson(R"("yes")", Type::Bool()).ok());
  EXPECT_FALSE(DecodeJson("1", Type::Bool()).ok());
  EXPECT_FALSE(DecodeJson(R"("12abc")", Type::Number()).ok());
  EXPECT_FALSE(DecodeJson("[]", Type::String()).ok());
}

TEST(JsonTest, NumbersBeyondDoubleRangeKeepTheirValue) {
  // RapidJSON alone cannot parse these; the codec must still read them exactly.
  auto v = DecodeJson(R"({"id":"q\"1e999 -0.001","big":1e400,"price":-2E+500,"disk_gb":-0.001})", InstanceType());
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->Attr("id").AsString(), "q\"1e999 -0.001");
  EXPECT_EQ(v->Attr("big").AsNumber().ToString(), "1" + std::string(400, '0'));
  EXPECT_EQ(v->Attr("price").AsNumber().ToString(), "-2" + std::string(500, '0'));
  EXPECT_EQ(v->Attr("disk_gb").AsNumber().ToString(), "-0.001");
  EXPECT_FALSE(DecodeJson(R"({"big":1e400,})", InstanceType()).ok());
}

TEST(JsonTest, EncodesStringsAsGoDoes) {
  auto json = EncodeJson(Value::String("<a&b>\n\t\"q\"\\ \x01 \xe2\x80\xa8 é"), Type::String());
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(*json, R"("\u003ca\u0026b\u003e\n\t\"q\"\\ \u0001 \u2028 é")");
  auto round = DecodeJson(*json, Type::String());
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->AsString(), "<a&b>\n\t\"q\"\\ \x01 \xe2\x80\xa8 é");
}

TEST(JsonTest, DynamicValues) {
  const Type dyn = Type::Dynamic();
  auto v = DecodeJson(R"({"type":"number","value":7})", dyn);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->AsNumber().ToInt64(), 7);
  EXPECT_EQ(*EncodeJson(*v, dyn), R"({"value":7,"type":"number"})");
  EXPECT_TRUE(DecodeJson("null", dyn)->is_null());
  EXPECT_EQ(*EncodeJson(Value::Null(), dyn), "null");
  EXPECT_EQ(*EncodeJson(Value::Null().WithDynamicType(Type::String()), dyn), R"({"value":null,"type":"string"})");
  EXPECT_EQ(*EncodeJson(Value::Object({{"a", Value::Bool(true)}}), dyn),
            R"({"value":{"a":true},"type":["object",{"a":"bool"}]})");
  EXPECT_FALSE(DecodeJson(R"({"value":7})", dyn).ok());
  EXPECT_FALSE(DecodeJson(R"({"type":"number"})", dyn).ok());
  EXPECT_FALSE(DecodeJson(R"({"type":"number","value":7,"x":1})", dyn).ok());
  EXPECT_FALSE(DecodeJson(R"({"type":"nope","value":7})", dyn).ok());
  EXPECT_FALSE(DecodeJson("7", dyn).ok());
}

TEST(JsonTest, ErrorsNameThePath) {
  auto expect_error = [](const char* json, const std::string& fragment) {
    auto v = DecodeJson(json, InstanceType());
    ASSERT_FALSE(v.ok()) << json;
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(v.status().message().find(fragment), std::string::npos) << v.status().message();
  };
  expect_error(R"({"network":{"value":[1]}})", ".network.value: string is required");
  expect_error(R"({"tags":["a",{}]})", ".tags[1]: string is required");
  expect_error(R"({"labels":{"k":[]}})", ".labels[\"k\"]: string is required");
  expect_error(R"({"disk_gb":"big"})", ".disk_gb: a number is required");
  expect_error(R"({"nope":1})", "unsupported attribute \"nope\"");
  expect_error(R"([])", "missing expected {");
}

TEST(JsonTest, MalformedInputFailsCleanly) {
  for (const char* bad : {"", "{", R"({"id":)", R"({"id":"x"} trailing)", R"({"id":"x",})", "nul", "[1,]",
                          "{\"id\":\"\xff\"}", "NaN", "01"}) {
    auto v = DecodeJson(bad, InstanceType());
    EXPECT_FALSE(v.ok()) << bad;
    if (!v.ok()) {
      EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
  std::string deep(100000, '[');
  EXPECT_FALSE(DecodeJson(deep, Type::Dynamic()).ok());
  // Every prefix of a valid document fails cleanly.
  const std::string doc = R"({"id":"x","tags":["a"],"extra":{"value":1.5,"type":"number"},"price":-2e-3})";
  ASSERT_TRUE(DecodeJson(doc, InstanceType()).ok());
  for (size_t n = 0; n < doc.size(); ++n) {
    EXPECT_FALSE(DecodeJson(doc.substr(0, n), InstanceType()).ok()) << doc.substr(0, n);
  }
}

TEST(JsonTest, LoneLowSurrogateEscapesReadAsReplacementCharacter) {
  // As Go's encoding/json does; never the surrogate's bytes, which are not
  // UTF-8 (found by tests/fuzz/json_fuzz).
  auto v = DecodeJson(R"({"k\ude00":"a\udfffb\ud83d\ude00"})", Type::Map(Type::String()));
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_EQ(v->Entries().size(), 1u);
  EXPECT_EQ(v->Entries().begin()->first, "k\xEF\xBF\xBD");
  // A valid pair (U+1F600) stays as it is.
  EXPECT_EQ(v->Entries().begin()->second.AsString(), "a\xEF\xBF\xBD" "b\xF0\x9F\x98\x80");
  // Encoded and decoded again, it is the same value.
  auto text = EncodeJson(*v, Type::Map(Type::String()));
  ASSERT_TRUE(text.ok());
  auto again = DecodeJson(*text, Type::Map(Type::String()));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *v);
  // A lone high surrogate stays an error.
  EXPECT_FALSE(DecodeJson(R"("\ud800")", Type::String()).ok());
}

TEST(JsonTest, EncodeRefusesUnknownsAndInfinity) {
  const Type type = Type::Object({{"a", Type::List(Type::String())}});
  auto r = EncodeJson(Value::Object({{"a", Value::List({Value::Unknown()})}}), type);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(".a[0]: value is not known"), std::string::npos) << r.status().message();
  EXPECT_FALSE(EncodeJson(Value::NumberValue(*Number::Parse("+Inf")), Type::Number()).ok());
  EXPECT_FALSE(EncodeJson(Value::Int(1), Type::String()).ok());
}

TEST(JsonTest, SetsUseCtyOrder) {
  auto json = EncodeJson(Value::Set({Value::Int(10), Value::Int(9), Value::NumberValue(*Number::Parse("-0.5"))}),
                         Type::Set(Type::Number()));
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(*json, "[-0.5,9,10]");
}

}  // namespace
}  // namespace tfplugin::cty
