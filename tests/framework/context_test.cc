#include "tfplugin/framework/context.h"

#include <memory>

#include "gtest/gtest.h"

namespace {

using tfplugin::fw::Context;
using tfplugin::fw::ProviderLink;

TEST(Context, AStopCancelsOnlyTheRequestsInFlight) {
  auto link = std::make_shared<ProviderLink>();
  Context before("ApplyResourceChange", "tiny_note", link);
  EXPECT_FALSE(before.cancelled());
  link->stops.fetch_add(1);  // what fw::Provider::Stop does
  EXPECT_TRUE(before.cancelled());
  Context after("ApplyResourceChange", "tiny_note", link);
  EXPECT_FALSE(after.cancelled());  // the next run works again
  EXPECT_EQ(after.rpc(), "ApplyResourceChange");
  EXPECT_EQ(after.type_name(), "tiny_note");
  EXPECT_FALSE(after.provider_configured());
  link->configured.store(true);
  EXPECT_TRUE(after.provider_configured());
}

}  // namespace
