// Hostile and damaged msgpack input: every outcome must be a value or an
// InvalidArgument status, never a crash, hang or huge allocation.
#include <gtest/gtest.h>

#include "tests/cty/test_util.h"
#include "tfplugin/cty/codec.h"

namespace tfplugin::cty {
namespace {

using testing::Hex;
using testing::ToHex;

const Type& SampleType() {
  static const Type* const kType = new Type(Type::Object({
      {"id", Type::String()},
      {"size", Type::Number()},
      {"tags", Type::Set(Type::String())},
      {"meta", Type::Map(Type::Dynamic())},
      {"net", Type::Object({{"value", Type::String()}, {"from", Type::Tuple({Type::String(), Type::Bool()})}})},
      {"list", Type::List(Type::Object({{"n", Type::Number()}}))},
  }));
  return *kType;
}

Value SampleValue() {
  return Value::Object({
      {"id", Value::String("i-123")},
      {"size", Value::NumberValue(*Number::Parse("123456789012345678901234567890.5"))},
      {"tags", Value::Set({Value::String("x"), Value::Unknown(true)})},
      {"meta", Value::Map({{"k", Value::Int(-70000).WithDynamicType(Type::Number())},
                           {"l", Value::List({Value::Bool(true)}).WithDynamicType(Type::List(Type::Bool()))}})},
      {"net", Value::Object({{"value", Value::Unknown()},
                             {"from", Value::Tuple({Value::String("net"), Value::Bool(false)})}})},
      {"list", Value::List({Value::Object({{"n", Value::NumberValue(*Number::Parse("0.5"))}})})},
  });
}

void ExpectCleanOutcome(const absl::StatusOr<Value>& v, std::string_view input) {
  if (!v.ok()) {
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument) << ToHex(input) << v.status();
  }
}

TEST(MsgpackMalformedTest, EveryPrefixFailsCleanly) {
  auto bytes = EncodeMsgpack(SampleValue(), SampleType());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto full = DecodeMsgpack(*bytes, SampleType());
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_EQ(*full, SampleValue());
  // A strict prefix of one msgpack value is never a complete value.
  for (size_t n = 0; n < bytes->size(); ++n) {
    auto v = DecodeMsgpack(std::string_view(*bytes).substr(0, n), SampleType());
    EXPECT_FALSE(v.ok()) << "prefix of length " << n << " decoded";
    ExpectCleanOutcome(v, bytes->substr(0, n));
  }
}

TEST(MsgpackMalformedTest, EverySingleByteCorruptionIsHandled) {
  auto bytes = EncodeMsgpack(SampleValue(), SampleType());
  ASSERT_TRUE(bytes.ok());
  const unsigned char replacements[] = {0x00, 0x7f, 0x80, 0x90, 0xa0, 0xc0, 0xc1, 0xc4, 0xc7, 0xca, 0xcb,
                                        0xcf, 0xd4, 0xd9, 0xdc, 0xdd, 0xde, 0xdf, 0xff};
  for (size_t i = 0; i < bytes->size(); ++i) {
    for (unsigned char r : replacements) {
      std::string damaged = *bytes;
      damaged[i] = static_cast<char>(r);
      auto v = DecodeMsgpack(damaged, SampleType());
      ExpectCleanOutcome(v, damaged);
      if (v.ok()) {
        // Whatever decodes must encode again.
        EXPECT_TRUE(EncodeMsgpack(*v, SampleType()).ok()) << ToHex(damaged);
      }
    }
  }
}

TEST(MsgpackMalformedTest, HugeLengthClaimsDoNotAllocate) {
  for (const char* hex : {"dd ff ff ff ff", "df ff ff ff ff", "db ff ff ff ff", "c6 ff ff ff ff",
                          "c9 ff ff ff ff 0c", "dc ff ff c0"}) {
    auto v = DecodeMsgpack(Hex(hex), Type::List(Type::String()));
    EXPECT_FALSE(v.ok()) << hex;
    ExpectCleanOutcome(v, Hex(hex));
  }
}

TEST(MsgpackMalformedTest, DeepNestingIsRefused) {
  Type deep = Type::String();
  for (int i = 0; i < 300; ++i) deep = Type::List(deep);
  std::string bytes(300, '\x91');
  bytes += Hex("a0");
  auto v = DecodeMsgpack(bytes, deep);
  EXPECT_FALSE(v.ok());
  // Far deeper than any type: refused by the unpacker before we walk it.
  std::string very_deep(200000, '\x91');
  very_deep += Hex("c0");
  EXPECT_FALSE(DecodeMsgpack(very_deep, Type::Dynamic()).ok());
  // Nested dynamic wrappers.
  std::string dyn;
  for (int i = 0; i < 5000; ++i) dyn += Hex("92 c4 09") + "\"dynamic\"";
  dyn += Hex("c0");
  EXPECT_FALSE(DecodeMsgpack(dyn, Type::Dynamic()).ok());
}

TEST(MsgpackMalformedTest, ReservedAndOddCodes) {
  for (const char* hex : {"c1", "c4", "d9", "d9 05 61", "cb 00", "d4", "d8 0c", "c7 05 0c 81"}) {
    auto v = DecodeMsgpack(Hex(hex), Type::String());
    EXPECT_FALSE(v.ok()) << hex;
    ExpectCleanOutcome(v, Hex(hex));
  }
}

}  // namespace
}  // namespace tfplugin::cty
