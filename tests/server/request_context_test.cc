// tfplugin::RequestContext on its own: cancellation callbacks, sleeps, the
// deadline, the first cause.
#include "tfplugin/request_context.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace {

using namespace std::chrono_literals;
using tfplugin::CancelCause;
using tfplugin::RequestContext;

TEST(RequestContext, StartsUncancelledAndKeepsTheFirstCause) {
  RequestContext ctx("ApplyResourceChange", "civo_compute_instance");
  EXPECT_EQ(ctx.rpc(), "ApplyResourceChange");
  EXPECT_EQ(ctx.type_name(), "civo_compute_instance");
  EXPECT_FALSE(ctx.cancelled());
  EXPECT_FALSE(ctx.deadline().has_value());
  ctx.Cancel(CancelCause::kClientGone);
  ctx.Cancel(CancelCause::kStopProvider);
  EXPECT_TRUE(ctx.cancelled());
  EXPECT_EQ(ctx.cancel_cause(), CancelCause::kClientGone);
}

TEST(RequestContext, CallbacksRunOnceOnCancelAndNotAfterTheirHandleIsGone) {
  RequestContext ctx("ReadResource");
  std::atomic<int> kept{0}, dropped{0};
  RequestContext::CancelCallback keep = ctx.OnCancel([&] { kept.fetch_add(1); });
  { RequestContext::CancelCallback drop = ctx.OnCancel([&] { dropped.fetch_add(1); }); }
  ctx.Cancel(CancelCause::kStopProvider);
  ctx.Cancel(CancelCause::kStopProvider);
  EXPECT_EQ(kept.load(), 1);
  EXPECT_EQ(dropped.load(), 0);
  // Registered after the fact: runs at once.
  std::atomic<int> late{0};
  RequestContext::CancelCallback l = ctx.OnCancel([&] { late.fetch_add(1); });
  EXPECT_EQ(late.load(), 1);
}

TEST(RequestContext, SleepEndsEarlyOnCancel) {
  RequestContext ctx("ApplyResourceChange");
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    ctx.Cancel(CancelCause::kStopProvider);
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(ctx.SleepFor(30s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  canceller.join();
}

TEST(RequestContext, SleepEndsAtTheDeadline) {
  RequestContext ctx("ApplyResourceChange", "", std::chrono::steady_clock::now() + 100ms);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(ctx.SleepFor(30s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  RequestContext roomy("ApplyResourceChange", "", std::chrono::steady_clock::now() + 30s);
  EXPECT_TRUE(roomy.SleepFor(10ms));
}

}  // namespace
