#include "tfplugin/framework/context.h"

#include <memory>

#include "gtest/gtest.h"

namespace {

using tfplugin::CancelCause;
using tfplugin::RequestContext;
using tfplugin::fw::Context;
using tfplugin::fw::ProviderLink;

TEST(Context, ForwardsTheRequestAndKnowsTheProvider) {
  auto link = std::make_shared<ProviderLink>();
  RequestContext request("ApplyResourceChange", "tiny_note");
  Context ctx(request, link);
  EXPECT_EQ(ctx.rpc(), "ApplyResourceChange");
  EXPECT_EQ(ctx.type_name(), "tiny_note");
  EXPECT_FALSE(ctx.cancelled());
  EXPECT_FALSE(ctx.provider_configured());
  link->configured.store(true);
  EXPECT_TRUE(ctx.provider_configured());
  request.Cancel(CancelCause::kStopProvider);  // what StopProvider does to requests in flight
  EXPECT_TRUE(ctx.cancelled());
  RequestContext next("ApplyResourceChange", "tiny_note");
  EXPECT_FALSE(Context(next, link).cancelled());  // the next request starts uncancelled
}

}  // namespace
