// Byte-exact msgpack encodings. Every expected byte string is derived by
// hand from the MessagePack spec and go-cty's msgpack.Marshal rules:
//   - null: nil (c0); bool: c2/c3
//   - strings: fixstr a0|len (<32), str8 d9 (<256), str16 da
//   - numbers: an exact int64 in the most compact int form (positive values
//     use fixint/uint8 cc/uint16 cd/uint32 ce/uint64 cf, negative ones
//     fixint e0..ff/int8 d0/int16 d1/int32 d2/int64 d3); a non-integer
//     exactly representable as float64 as float64 (cb + 8 bytes big endian);
//     anything else as a string of its decimal text (big.Float Text('f',-1))
//   - list/set/tuple: fixarray 90|n (<16), array16 dc; map/object: fixmap
//     80|n, map16 de; object keys sorted, every attribute present
//   - unknown: fixext1 d4, type 00, body 00; unknown known not to be null:
//     ext8 c7, length 03, type 0c, body = map {1: false} = 81 01 c2
//   - a value in a dynamic position: fixarray 92, the type JSON as msgpack
//     bin (c4 len ...), then the value encoded with that type.
#include <gtest/gtest.h>

#include "tests/cty/test_util.h"
#include "tfplugin/cty/codec.h"

namespace tfplugin::cty {
namespace {

using testing::Hex;
using testing::Str;
using testing::ToHex;

Value Num(const char* text) { return Value::NumberValue(*Number::Parse(text)); }

// Encodes `v`, checks the exact bytes, decodes them back and checks the value.
void ExpectRoundTrip(const Value& v, const Type& type, const std::string& expected_bytes) {
  auto bytes = EncodeMsgpack(v, type);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(ToHex(*bytes), ToHex(expected_bytes)) << v.DebugString();
  auto back = DecodeMsgpack(*bytes, type);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, v) << back->DebugString() << " vs " << v.DebugString();
}

Value Decode(std::string_view bytes, const Type& type) {
  auto v = DecodeMsgpack(bytes, type);
  EXPECT_TRUE(v.ok()) << ToHex(bytes) << ": " << v.status();
  return v.ok() ? *v : Value::Unknown();
}

TEST(MsgpackTest, Primitives) {
  ExpectRoundTrip(Value::Null(), Type::String(), Hex("c0"));
  ExpectRoundTrip(Value::String(""), Type::String(), Hex("a0"));
  ExpectRoundTrip(Value::String("hello"), Type::String(), Hex("a5 68 65 6c 6c 6f"));
  ExpectRoundTrip(Value::Bool(true), Type::Bool(), Hex("c3"));
  ExpectRoundTrip(Value::Bool(false), Type::Bool(), Hex("c2"));
  // 31 bytes still fit fixstr (bf); 32 need str8 (d9 20); 256 need str16 (da 01 00).
  ExpectRoundTrip(Value::String(std::string(31, 'x')), Type::String(), Hex("bf") + std::string(31, 'x'));
  ExpectRoundTrip(Value::String(std::string(32, 'x')), Type::String(), Hex("d9 20") + std::string(32, 'x'));
  ExpectRoundTrip(Value::String(std::string(256, 'x')), Type::String(), Hex("da 01 00") + std::string(256, 'x'));
}

TEST(MsgpackTest, IntegersUseTheMostCompactForm) {
  const struct {
    const char* number;
    const char* hex;
  } cases[] = {
      {"0", "00"},
      {"127", "7f"},                                  // positive fixint
      {"128", "cc 80"},                               // uint8
      {"255", "cc ff"},
      {"256", "cd 01 00"},                            // uint16
      {"65535", "cd ff ff"},
      {"65536", "ce 00 01 00 00"},                    // uint32
      {"4294967296", "cf 00 00 00 01 00 00 00 00"},   // uint64
      {"9223372036854775807", "cf 7f ff ff ff ff ff ff ff"},
      {"-1", "ff"},                                   // negative fixint
      {"-32", "e0"},
      {"-33", "d0 df"},                               // int8
      {"-128", "d0 80"},
      {"-129", "d1 ff 7f"},                           // int16
      {"-32768", "d1 80 00"},
      {"-32769", "d2 ff ff 7f ff"},                   // int32
      {"-2147483649", "d3 ff ff ff ff 7f ff ff ff"},  // int64
      {"-9223372036854775808", "d3 80 00 00 00 00 00 00 00"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.number);
    ExpectRoundTrip(Num(c.number), Type::Number(), Hex(c.hex));
  }
}

TEST(MsgpackTest, NonIntegersAndBigNumbers) {
  // 1.5 is exact in binary: float64 3ff8000000000000.
  ExpectRoundTrip(Num("1.5"), Type::Number(), Hex("cb 3f f8 00 00 00 00 00 00"));
  ExpectRoundTrip(Num("-0.25"), Type::Number(), Hex("cb bf d0 00 00 00 00 00 00"));
  // 0.1 is not exactly a float64: cty writes its decimal text.
  ExpectRoundTrip(Num("0.1"), Type::Number(), Hex("a3") + "0.1");
  // Beyond int64: integers are always text, even when a float64 could hold them.
  ExpectRoundTrip(Num("18446744073709551615"), Type::Number(), Hex("b4") + "18446744073709551615");
  ExpectRoundTrip(Num("9223372036854775808"), Type::Number(), Hex("b3") + "9223372036854775808");
  // 1e400 as 401 digits of text: str16 with length 0x0191.
  ExpectRoundTrip(Num("1e400"), Type::Number(), Hex("da 01 91") + "1" + std::string(400, '0'));
  ExpectRoundTrip(Num("123456789.123456789123456789"), Type::Number(),
                  Hex("bc") + "123456789.123456789123456789");  // 28 bytes: fixstr a0|1c
  // Infinity travels as float64 infinity.
  ExpectRoundTrip(Num("+Inf"), Type::Number(), Hex("cb 7f f0 00 00 00 00 00 00"));
  ExpectRoundTrip(Num("-Inf"), Type::Number(), Hex("cb ff f0 00 00 00 00 00 00"));
}

TEST(MsgpackTest, DecodesEveryNumberWireForm) {
  const Type n = Type::Number();
  const struct {
    const char* hex;
    const char* number;
  } cases[] = {
      {"05", "5"},
      {"f6", "-10"},
      {"cc 05", "5"},
      {"cd 00 05", "5"},
      {"ce 00 00 00 05", "5"},
      {"cf 00 00 00 00 00 00 00 05", "5"},
      {"cf ff ff ff ff ff ff ff ff", "18446744073709551615"},
      {"d0 05", "5"},  // a positive value in a signed form
      {"d0 fb", "-5"},
      {"d1 ff fb", "-5"},
      {"d2 ff ff ff fb", "-5"},
      {"d3 ff ff ff ff ff ff ff fb", "-5"},
      {"ca 3f c0 00 00", "1.5"},                       // float32
      {"ca 3d cc cc cd", "0.10000000149011612"},       // float32 0.1, widened exactly
      {"cb 40 00 00 00 00 00 00 00", "2"},             // float64 holding an integer
      {"cb 3f b9 99 99 99 99 99 9a", "0.1"},           // float64 0.1: shortest text
      {"a2 31 32", "12"},                              // decimal text
      {"a5 31 65 34 30 30", "1e400"},
      {"a4 2b 49 6e 66", "+Inf"},
      {"a4 2d 49 6e 66", "-Inf"},
      {"c4 02 31 32", "12"},                           // text as bin
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.hex);
    Value v = Decode(Hex(c.hex), n);
    ASSERT_EQ(v.kind(), Value::Kind::kNumber);
    EXPECT_EQ(v.AsNumber(), *Number::Parse(c.number));
  }
  // cty re-encodes what it decoded by its own rules: 2.0 becomes int 2, and
  // uint64 max (not an int64) becomes text.
  EXPECT_EQ(ToHex(*EncodeMsgpack(Decode(Hex("cb 40 00 00 00 00 00 00 00"), n), n)), "02");
}

TEST(MsgpackTest, Unknowns) {
  ExpectRoundTrip(Value::Unknown(), Type::String(), Hex("d4 00 00"));
  ExpectRoundTrip(Value::Unknown(true), Type::String(), Hex("c7 03 0c 81 01 c2"));
  ExpectRoundTrip(Value::Unknown(true), Type::List(Type::String()), Hex("c7 03 0c 81 01 c2"));
  // Terraform's refined unknowns carry more refinements (here a string
  // prefix, key 2, and length bounds, keys 5 and 6): the nullness is kept.
  Value v = Decode(Hex("c7 08 0c 82 01 c2 02 a3 70 72 65"), Type::String());
  EXPECT_TRUE(v.is_unknown());
  EXPECT_TRUE(v.unknown_not_null());
  v = Decode(Hex("c7 07 0c 83 05 01 06 0a 01 c2"), Type::List(Type::String()));
  EXPECT_TRUE(v.unknown_not_null());
  // Keys we do not know are ignored.
  v = Decode(Hex("c7 05 0c 82 63 c0 01 c2"), Type::String());
  EXPECT_TRUE(v.unknown_not_null());
  // A refinement map without the nullness key: a plain unknown.
  v = Decode(Hex("c7 03 0c 81 02 a0"), Type::String());
  EXPECT_TRUE(v.is_unknown());
  EXPECT_FALSE(v.unknown_not_null());
  // "Is null" collapses to null, as in cty.
  EXPECT_TRUE(Decode(Hex("c7 03 0c 81 01 c3"), Type::String()).is_null());
  // Zero- and one-byte bodies are plain unknowns whatever the ext type.
  EXPECT_TRUE(Decode(Hex("c7 00 00"), Type::Number()).is_unknown());
  EXPECT_TRUE(Decode(Hex("d4 05 ff"), Type::Number()).is_unknown());
  // Unknowns in a dynamic position never carry refinements.
  auto dyn = EncodeMsgpack(Value::Unknown(true), Type::Dynamic());
  ASSERT_TRUE(dyn.ok());
  EXPECT_EQ(ToHex(*dyn), "d4 00 00");
  v = Decode(Hex("c7 03 0c 81 01 c2"), Type::Dynamic());
  EXPECT_TRUE(v.is_unknown());
  EXPECT_FALSE(v.unknown_not_null());
}

TEST(MsgpackTest, MalformedRefinementsAreErrorsNotCrashes) {
  const char* bad[] = {
      "c7 02 0c ff ff",        // body is not a map
      "c7 02 0c 81 01",        // truncated map
      "c7 03 0c 81 a1 61",     // non-integer key (and truncated)
      "c7 04 0c 81 a1 61 c2",  // non-integer key
      "c7 03 0c 81 01 a0",     // nullness not a bool
      "c7 03 05 81 01 c2",     // long body with an ext type other than 12
  };
  for (const char* hex : bad) {
    auto v = DecodeMsgpack(Hex(hex), Type::String());
    EXPECT_FALSE(v.ok()) << hex;
    if (!v.ok()) {
      EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
  // Oversize refinement payload (> 1 KiB) is refused.
  std::string big = Hex("c8 04 01 0c");
  big += std::string(1025, '\xc0');
  EXPECT_FALSE(DecodeMsgpack(big, Type::String()).ok());
}

TEST(MsgpackTest, Collections) {
  const Type list = Type::List(Type::String());
  ExpectRoundTrip(Value::List({}), list, Hex("90"));
  ExpectRoundTrip(Value::List({Value::String("a"), Value::Null(), Value::Unknown()}), list,
                  Hex("93 a1 61 c0 d4 00 00"));
  // 16 elements need array16 (dc 00 10).
  std::vector<Value> sixteen(16, Value::Bool(true));
  ExpectRoundTrip(Value::List(sixteen), Type::List(Type::Bool()), Hex("dc 00 10") + std::string(16, '\xc3'));
  // Map keys sorted bytewise: "a" then "b".
  ExpectRoundTrip(Value::Map({{"b", Value::Int(1)}, {"a", Value::Int(2)}}), Type::Map(Type::Number()),
                  Hex("82 a1 61 02 a1 62 01"));
  ExpectRoundTrip(Value::Map({}), Type::Map(Type::Number()), Hex("80"));
  ExpectRoundTrip(Value::Tuple({Value::String("a"), Value::Int(1)}), Type::Tuple({Type::String(), Type::Number()}),
                  Hex("92 a1 61 01"));
}

TEST(MsgpackTest, SetsAreWrittenInCtyOrder) {
  // Strings sort bytewise, numbers numerically, false before true;
  // unknowns after known values; nulls last.
  ExpectRoundTrip(Value::Set({Value::String("b"), Value::String("a"), Value::String("c")}), Type::Set(Type::String()),
                  Hex("93 a1 61 a1 62 a1 63"));
  ExpectRoundTrip(Value::Set({Value::Int(10), Value::Int(2), Value::Int(-1)}), Type::Set(Type::Number()),
                  Hex("93 ff 02 0a"));
  ExpectRoundTrip(Value::Set({Value::Bool(true), Value::Bool(false)}), Type::Set(Type::Bool()), Hex("92 c2 c3"));
  ExpectRoundTrip(Value::Set({Value::Null(), Value::Unknown(), Value::String("z")}), Type::Set(Type::String()),
                  Hex("93 a1 7a d4 00 00 c0"));
  // Objects sort by cty's set hash string: <"a";10;> < <"a";2;> < <"b";1;>
  // (bytewise, so 10 before 2).
  const Type obj = Type::Object({{"name", Type::String()}, {"size", Type::Number()}});
  auto o = [](const char* name, int64_t size) {
    return Value::Object({{"name", Value::String(name)}, {"size", Value::Int(size)}});
  };
  ExpectRoundTrip(Value::Set({o("b", 1), o("a", 2), o("a", 10)}), Type::Set(obj),
                  Hex("93") + Hex("82 a4") + "name" + Str("a") + Hex("a4") + "size" + Hex("0a") +  //
                      Hex("82 a4") + "name" + Str("a") + Hex("a4") + "size" + Hex("02") +          //
                      Hex("82 a4") + "name" + Str("b") + Hex("a4") + "size" + Hex("01"));
  // Duplicates collapse when decoding, as cty.SetVal does.
  Value dup = Decode(Hex("92 a1 61 a1 61"), Type::Set(Type::String()));
  EXPECT_EQ(dup.Elements().size(), 1u);
}

TEST(MsgpackTest, ObjectsHaveEveryAttributeSorted) {
  const Type type = Type::Object({{"id", Type::String()},
                                  {"count", Type::Number()},
                                  {"enabled", Type::Bool()},
                                  {"tags", Type::List(Type::String())}});
  Value v = Value::Object({{"id", Value::String("abc")},
                           {"count", Value::Int(5)},
                           {"enabled", Value::Bool(true)},
                           {"tags", Value::List({Value::String("a")})}});
  ExpectRoundTrip(v, type,
                  Hex("84") + Str("count") + Hex("05") + Str("enabled") + Hex("c3") + Str("id") + Str("abc") +
                      Str("tags") + Hex("91") + Str("a"));
  // An attribute missing from the Value is written as nil...
  auto partial = EncodeMsgpack(Value::Object({{"id", Value::String("x")}}), type);
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ(ToHex(*partial),
            ToHex(Hex("84") + Str("count") + Hex("c0") + Str("enabled") + Hex("c0") + Str("id") + Str("x") +
                  Str("tags") + Hex("c0")));
  // ...and an attribute missing on the wire decodes as null.
  Value d = Decode(Hex("81") + Str("id") + Str("x"), type);
  EXPECT_EQ(d.Entries().size(), 4u);
  EXPECT_TRUE(d.Attr("count").is_null());
  EXPECT_EQ(d.Attr("id").AsString(), "x");
  ExpectRoundTrip(Value::Object({}), Type::Object({}), Hex("80"));
}

TEST(MsgpackTest, DynamicValues) {
  const Type dyn = Type::Dynamic();
  // ["string" as bin, "hi"]: 92, c4 08 "\"string\"", a2 "hi".
  ExpectRoundTrip(Value::String("hi").WithDynamicType(Type::String()), dyn,
                  Hex("92 c4 08") + "\"string\"" + Str("hi"));
  // A null with a concrete type keeps it; a null of unknown type is nil.
  ExpectRoundTrip(Value::Null().WithDynamicType(Type::Number()), dyn, Hex("92 c4 08") + "\"number\"" + Hex("c0"));
  ExpectRoundTrip(Value::Null(), dyn, Hex("c0"));
  ExpectRoundTrip(Value::Unknown(), dyn, Hex("d4 00 00"));
  // An unknown of known type inside the wrapper keeps its refinement.
  ExpectRoundTrip(Value::Unknown(true).WithDynamicType(Type::String()), dyn,
                  Hex("92 c4 08") + "\"string\"" + Hex("c7 03 0c 81 01 c2"));
  // Compound type JSON; the type may also arrive as a msgpack str.
  const std::string list_json = R"(["list","string"])";
  Value v = Decode(Hex("92 b1") + list_json + Hex("91 a1 61"), dyn);
  ASSERT_EQ(v.kind(), Value::Kind::kList);
  EXPECT_EQ(v.Elements()[0].AsString(), "a");
  ASSERT_TRUE(v.dynamic_type().has_value());
  EXPECT_EQ(*v.dynamic_type(), Type::List(Type::String()));
  auto again = EncodeMsgpack(v, dyn);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ToHex(*again), ToHex(Hex("92 c4 11") + list_json + Hex("91 a1 61")));
  // Without a remembered type, the type is implied by the value's shape.
  auto implied = EncodeMsgpack(Value::List({Value::String("a")}), dyn);
  ASSERT_TRUE(implied.ok());
  EXPECT_EQ(ToHex(*implied), ToHex(*again));
  // Dynamic inside an object attribute.
  const Type obj = Type::Object({{"v", dyn}});
  ExpectRoundTrip(Value::Object({{"v", Value::Int(7).WithDynamicType(Type::Number())}}), obj,
                  Hex("81 a1 76 92 c4 08") + "\"number\"" + Hex("07"));
}

TEST(MsgpackTest, NestedStructures) {
  const Type ref = Type::Object({{"kind", Type::String()}, {"name", Type::String()}});
  const Type type = Type::Object({
      {"network", Type::Object({{"value", Type::String()}, {"value_from", ref}})},
      {"volumes", Type::Set(Type::Object({{"id", Type::String()}}))},
      {"labels", Type::Map(Type::List(Type::Number()))},
  });
  Value v = Value::Object({
      {"network", Value::Object({{"value", Value::Null()},
                                 {"value_from", Value::Object({{"kind", Value::String("network")},
                                                               {"name", Value::Unknown(true)}})}})},
      {"volumes", Value::Set({Value::Object({{"id", Value::String("v2")}}), Value::Object({{"id", Value::String("v1")}})})},
      {"labels", Value::Map({{"x", Value::List({Value::Int(1), Num("2.5")})}})},
  });
  auto bytes = EncodeMsgpack(v, type);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto back = DecodeMsgpack(*bytes, type);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, v);
  EXPECT_TRUE(back->Attr("network").Attr("value_from").Attr("name").unknown_not_null());
  // Set of objects in hash order: <"v1";> before <"v2";>.
  EXPECT_EQ(back->Attr("volumes").Elements()[0].Attr("id").AsString(), "v1");
  // Encoding is deterministic: decode + encode gives the same bytes.
  EXPECT_EQ(ToHex(*EncodeMsgpack(*back, type)), ToHex(*bytes));
}

TEST(MsgpackTest, WrongTypesNameThePath) {
  const Type type = Type::Object({{"network", Type::Object({{"value", Type::String()}})},
                                  {"tags", Type::List(Type::String())},
                                  {"labels", Type::Map(Type::Bool())}});
  auto expect_error = [&](const std::string& bytes, const std::string& fragment) {
    auto v = DecodeMsgpack(bytes, type);
    ASSERT_FALSE(v.ok()) << ToHex(bytes);
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(v.status().message().find(fragment), std::string::npos) << v.status().message();
  };
  expect_error(Hex("81") + Str("network") + Hex("81") + Str("value") + Hex("05"), ".network.value: string is required");
  expect_error(Hex("81") + Str("tags") + Hex("92 a1 61 c3"), ".tags[1]: string is required");
  expect_error(Hex("81") + Str("labels") + Hex("81 a1 6b 01"), ".labels[\"k\"]: bool is required");
  expect_error(Hex("81") + Str("nope") + Hex("c0"), ".nope: unsupported attribute");
  expect_error(Hex("91 c0"), "an object is required");
  expect_error(Hex("81 01 c0"), "all keys must be strings");
  expect_error(Hex("c3"), "value: an object is required");
  EXPECT_FALSE(DecodeMsgpack(Hex("93 01 02 03"), Type::Tuple({Type::Number()})).ok());
  EXPECT_FALSE(DecodeMsgpack(Hex("a3 61 62 63"), Type::Number()).ok());  // "abc" is no number
  EXPECT_FALSE(DecodeMsgpack(Hex("cb 7f f8 00 00 00 00 00 00"), Type::Number()).ok());  // NaN
  EXPECT_FALSE(DecodeMsgpack(Hex("93 c4 08") + "\"string\"" + Hex("a0 a0"), Type::Dynamic()).ok());
  EXPECT_FALSE(DecodeMsgpack(Hex("92 c4 05") + "\"str\"" + Hex("a0"), Type::Dynamic()).ok());
  EXPECT_FALSE(DecodeMsgpack(Hex("92 05 a0"), Type::Dynamic()).ok());
}

TEST(MsgpackTest, EncodeRejectsValuesThatDoNotConform) {
  const Type type = Type::Object({{"a", Type::Object({{"b", Type::Number()}})}});
  auto r = EncodeMsgpack(Value::Object({{"a", Value::Object({{"b", Value::String("x")}})}}), type);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(".a.b"), std::string::npos) << r.status().message();
  EXPECT_FALSE(EncodeMsgpack(Value::Object({{"zzz", Value::Int(1)}}), type).ok());
  EXPECT_FALSE(EncodeMsgpack(Value::Tuple({}), Type::Tuple({Type::String()})).ok());
  EXPECT_FALSE(EncodeMsgpack(Value::List({}), Type::Set(Type::String())).ok());
}

TEST(MsgpackTest, TrailingBytesAreRejected) {
  auto v = DecodeMsgpack(Hex("a1 61 c0"), Type::String());
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("trailing"), std::string::npos);
  EXPECT_FALSE(DecodeMsgpack("", Type::String()).ok());
}

}  // namespace
}  // namespace tfplugin::cty
