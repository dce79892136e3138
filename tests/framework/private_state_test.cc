// Private state as named flags: set, read, cleared, other members kept,
// anything that is not a JSON object read as no flags.
#include <string>

#include "gtest/gtest.h"
#include "tfplugin/framework/private_state.h"

namespace {

using tfplugin::fw::PrivateFlag;
using tfplugin::fw::WithPrivateFlag;

TEST(PrivateState, FlagsSetReadAndCleared) {
  EXPECT_FALSE(PrivateFlag("", "from_api"));
  const std::string on = WithPrivateFlag("", "from_api", true);
  EXPECT_EQ(on, R"({"from_api":true})");
  EXPECT_TRUE(PrivateFlag(on, "from_api"));
  EXPECT_FALSE(PrivateFlag(on, "other"));
  EXPECT_EQ(WithPrivateFlag(on, "from_api", true), on);  // setting twice: one member
  EXPECT_EQ(WithPrivateFlag(on, "from_api", false), "");  // nothing left: empty
  EXPECT_EQ(WithPrivateFlag("", "from_api", false), "");
}

TEST(PrivateState, OtherMembersAreKept) {
  const std::string mixed = R"({"schema":2,"note":"x","from_api":true})";
  const std::string cleared = WithPrivateFlag(mixed, "from_api", false);
  EXPECT_FALSE(PrivateFlag(cleared, "from_api"));
  EXPECT_EQ(cleared, R"({"schema":2,"note":"x"})");
  EXPECT_TRUE(PrivateFlag(WithPrivateFlag(cleared, "from_api", true), "from_api"));
}

TEST(PrivateState, WhatIsNotAnObjectReadsAsNoFlags) {
  for (const char* junk : {"not json", "[true]", "true", "{\"from_api\":1}", "{\"from_api\":"}) {
    EXPECT_FALSE(PrivateFlag(junk, "from_api")) << junk;
  }
  EXPECT_EQ(WithPrivateFlag("not json", "from_api", true), R"({"from_api":true})");
}

}  // namespace
