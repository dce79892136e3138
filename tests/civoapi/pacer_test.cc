// The client-wide pacing budget (civoapi/pacer.h).
#include "civoapi/pacer.h"

#include <gtest/gtest.h>

#include <future>
#include <thread>
#include <vector>

#include "tests/civoapi/sim_fixture.h"

namespace civoapi_test {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

TEST(PacerUnit, UnpacedUntilARefusal) {
  civoapi::Pacer p;
  for (int i = 0; i < 100; ++i) p.OnAccepted();
  EXPECT_EQ(p.interval().count(), 0);
  auto start = Clock::now();
  EXPECT_TRUE(p.WaitTurn(nullptr, Clock::now() + std::chrono::seconds(1)));
  EXPECT_LT(Clock::now() - start, milliseconds(50));
}

TEST(PacerUnit, ARefusalHoldsEveryoneAndTeachesTheRate) {
  civoapi::Pacer p;
  for (int i = 0; i < 10; ++i) p.OnAccepted();  // ten accepted within a moment
  p.OnRateLimited(std::chrono::seconds(1));
  // Ten in (at least) a second: one every 100 ms.
  EXPECT_GE(p.interval().count(), 90);
  EXPECT_LE(p.interval().count(), 115);
  auto start = Clock::now();
  EXPECT_TRUE(p.WaitTurn(nullptr, Clock::now() + std::chrono::seconds(5)));
  EXPECT_GE(Clock::now() - start, milliseconds(950));  // Retry-After
  start = Clock::now();
  EXPECT_TRUE(p.WaitTurn(nullptr, Clock::now() + std::chrono::seconds(5)));
  EXPECT_GE(Clock::now() - start, milliseconds(80));  // the learned spacing
}

TEST(PacerUnit, ARateLearnedTooLowClimbsBackWithinSeconds) {
  civoapi::Pacer p;
  p.OnAccepted();  // one request before the refusal: it says little of the limit
  p.OnRateLimited(std::chrono::seconds(1));
  const auto learned = p.interval();
  EXPECT_GE(learned.count(), 900);
  // About four seconds of accepted requests at the climbing pace.
  for (int i = 0; i < 10; ++i) p.OnAccepted();
  EXPECT_LT(p.interval().count(), learned.count() / 2);
}

TEST(PacerUnit, AfterASecondRefusalTheRateCreepsRatherThanGrows) {
  civoapi::Pacer p;
  for (int i = 0; i < 10; ++i) p.OnAccepted();
  p.OnRateLimited(std::chrono::seconds(0));  // 9.5 requests/s, growing
  p.OnRateLimited(std::chrono::seconds(0));  // cut: about 8 requests/s
  const auto cut = p.interval();
  EXPECT_GE(cut.count(), 115);
  // About a second of accepted requests: a little faster, not half again.
  for (int i = 0; i < 8; ++i) p.OnAccepted();
  EXPECT_LT(p.interval(), cut);
  EXPECT_GE(p.interval().count(), 110);
}

TEST(PacerUnit, RefusalsDuringAHoldCutTheRateOnce) {
  civoapi::Pacer p;
  for (int i = 0; i < 10; ++i) p.OnAccepted();
  p.OnRateLimited(std::chrono::seconds(1));
  const auto first = p.interval();
  // The other requests that were in flight come back refused too.
  p.OnRateLimited(std::chrono::seconds(1));
  p.OnRateLimited(std::chrono::seconds(1));
  EXPECT_EQ(p.interval(), first);
}

// A request given a slot before a refusal does not go out during the hold
// that refusal began (it would meet the server's empty budget).
TEST(PacerUnit, ASlotGivenBeforeAHoldWaitsBehindIt) {
  civoapi::Pacer p;
  for (int i = 0; i < 10; ++i) p.OnAccepted();
  p.OnRateLimited(std::chrono::seconds(1));
  EXPECT_TRUE(p.WaitTurn(nullptr, Clock::now() + std::chrono::seconds(5)));  // after the hold
  // The next slot is one interval on; a refusal comes meanwhile.
  auto start = Clock::now();
  std::thread refuse([&] {
    std::this_thread::sleep_for(milliseconds(30));
    p.OnRateLimited(std::chrono::seconds(1));
  });
  EXPECT_TRUE(p.WaitTurn(nullptr, Clock::now() + std::chrono::seconds(5)));
  refuse.join();
  EXPECT_GE(Clock::now() - start, milliseconds(1000));
}

TEST(PacerUnit, ATurnAfterTheDeadlineIsRefusedAtOnce) {
  civoapi::Pacer p;
  p.OnRateLimited(std::chrono::seconds(3));
  auto start = Clock::now();
  EXPECT_FALSE(p.WaitTurn(nullptr, Clock::now() + milliseconds(100)));
  EXPECT_LT(Clock::now() - start, milliseconds(50));
}

TEST(PacerUnit, CancelEndsTheWait) {
  civoapi::Pacer p;
  p.OnRateLimited(std::chrono::seconds(3));
  auto cancel = std::make_shared<civoapi::CancelToken>();
  std::thread t([&] {
    std::this_thread::sleep_for(milliseconds(50));
    cancel->Cancel();
  });
  auto start = Clock::now();
  EXPECT_FALSE(p.WaitTurn(cancel.get(), Clock::now() + std::chrono::seconds(10)));
  EXPECT_LT(Clock::now() - start, milliseconds(1000));
  t.join();
}

// Eight threads against a 5 requests/s limit: every call succeeds, and after
// the first refusals the client keeps under the limit instead of each
// thread finding it again.
TEST_F(SimTest, UnderARateLimitFewRequestsAreRefused) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.rate_limit = 5; });
  sim_->ResetStats();
  std::vector<std::future<bool>> done;
  for (int t = 0; t < 8; ++t) {
    done.push_back(std::async(std::launch::async, [&] {
      for (int i = 0; i < 4; ++i) {
        if (!client_->ListSizes(Opts(std::chrono::seconds(30))).ok()) return false;
      }
      return true;
    }));
  }
  for (auto& d : done) EXPECT_TRUE(d.get());
  auto stats = sim_->Stats();
  // 32 calls; 5 go through at once (the bucket), the rest are paced.
  EXPECT_LE(stats.rate_limited, 10u) << "requests " << stats.requests;
}

}  // namespace
}  // namespace civoapi_test
