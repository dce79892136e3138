// The single-flight cache under failure: a load that throws or is cancelled
// never leaves the key stuck, and a waiter stops waiting when its own
// request is cancelled or its deadline passes, whatever the load it waits
// for is doing.
#include "resources/single_flight_cache.h"

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include "civoapi/cancel.h"
#include "gtest/gtest.h"

namespace {

using resources::SingleFlightCache;
using resources::WaitLimits;
using Cache = SingleFlightCache<int>;
using namespace std::chrono_literals;

constexpr auto kForever = Cache::Clock::duration::max();

// A load that blocks until released, so a test can hold "a load in flight".
class Gate {
 public:
  void Release() { released_.set_value(); }
  void Wait() { opened_.wait(); }

 private:
  std::promise<void> released_;
  std::shared_future<void> opened_ = released_.get_future().share();
};

// Waits until `pred` holds (polling), up to 5 s.
template <typename Pred>
bool Eventually(Pred pred) {
  for (int i = 0; i < 500; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

TEST(SingleFlightCache, ALoadThatThrowsReleasesTheKeyAndWakesItsWaiters) {
  Cache cache;
  Gate gate;
  std::atomic<bool> loading{false};
  // The loader: blocks until the waiter is waiting, then throws.
  auto loader = std::async(std::launch::async, [&] {
    EXPECT_THROW(cache.Get("k", kForever, {},
                           [&]() -> absl::StatusOr<int> {
                             loading = true;
                             gate.Wait();
                             throw std::runtime_error("boom");
                           }),
                 std::runtime_error);
  });
  ASSERT_TRUE(Eventually([&] { return loading.load(); }));
  std::atomic<bool> waiter_loaded{false};
  auto waiter = std::async(std::launch::async, [&] {
    return cache.Get("k", kForever, {}, [&]() -> absl::StatusOr<int> {
      waiter_loaded = true;
      return 7;
    });
  });
  std::this_thread::sleep_for(100ms);  // the waiter is now waiting for the load
  gate.Release();
  ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready) << "the waiter was never woken";
  absl::StatusOr<int> got = waiter.get();
  loader.get();
  EXPECT_FALSE(got.ok()) << "the waiter of a load that threw gets its error";
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInternal);
  EXPECT_NE(got.status().message().find("boom"), std::string::npos) << got.status();
  EXPECT_FALSE(waiter_loaded.load());

  // The key is not stuck: the next caller loads.
  absl::StatusOr<int> next = cache.Get("k", kForever, {}, [] { return absl::StatusOr<int>(9); });
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(*next, 9);
}

TEST(SingleFlightCache, AWaiterIsCancelledWhileAnotherLoadHangs) {
  Cache cache;
  Gate gate;
  std::atomic<bool> loading{false};
  auto loader = std::async(std::launch::async, [&] {
    return cache.Get("k", kForever, {}, [&]() -> absl::StatusOr<int> {
      loading = true;
      gate.Wait();
      return 1;
    });
  });
  ASSERT_TRUE(Eventually([&] { return loading.load(); }));

  civoapi::CancelToken cancel;
  auto waiter = std::async(std::launch::async, [&] {
    return cache.Get("k", kForever, WaitLimits{&cancel},
                     [] { return absl::StatusOr<int>(2); });
  });
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(waiter.wait_for(0ms), std::future_status::timeout) << "the waiter should be waiting";
  const auto cancelled_at = std::chrono::steady_clock::now();
  cancel.Cancel();
  ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready) << "cancellation was ignored";
  EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, 1s);
  absl::StatusOr<int> got = waiter.get();
  EXPECT_EQ(got.status().code(), absl::StatusCode::kCancelled) << got.status();

  gate.Release();  // the hung load finishes for its own caller
  absl::StatusOr<int> loaded = loader.get();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(*loaded, 1);
}

TEST(SingleFlightCache, AWaiterGivesUpAtItsDeadline) {
  Cache cache;
  Gate gate;
  std::atomic<bool> loading{false};
  auto loader = std::async(std::launch::async, [&] {
    return cache.Get("k", kForever, {}, [&]() -> absl::StatusOr<int> {
      loading = true;
      gate.Wait();
      return 1;
    });
  });
  ASSERT_TRUE(Eventually([&] { return loading.load(); }));
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<int> got = cache.Get("k", kForever, WaitLimits{nullptr, start + 200ms},
                                      [] { return absl::StatusOr<int>(2); });
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(got.status().code(), absl::StatusCode::kDeadlineExceeded) << got.status();
  EXPECT_GE(took, 200ms);
  EXPECT_LT(took, 2s);
  gate.Release();
  EXPECT_TRUE(loader.get().ok()) << "the hung load still ends well for its own caller";
}

// A load cancelled for its own caller is not the waiters' failure: one of
// them loads again.
TEST(SingleFlightCache, WaitersOfACancelledLoadLoadAgain) {
  Cache cache;
  Gate gate;
  std::atomic<bool> loading{false};
  auto loader = std::async(std::launch::async, [&] {
    return cache.Get("k", kForever, {}, [&]() -> absl::StatusOr<int> {
      loading = true;
      gate.Wait();
      return absl::CancelledError("the loader's request was cancelled");
    });
  });
  ASSERT_TRUE(Eventually([&] { return loading.load(); }));
  auto waiter = std::async(std::launch::async, [&] {
    return cache.Get("k", kForever, {}, [] { return absl::StatusOr<int>(5); });
  });
  std::this_thread::sleep_for(100ms);
  gate.Release();
  EXPECT_EQ(loader.get().status().code(), absl::StatusCode::kCancelled);
  ASSERT_EQ(waiter.wait_for(5s), std::future_status::ready);
  absl::StatusOr<int> got = waiter.get();
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, 5);
}

TEST(SingleFlightCache, OtherErrorsGoToTheWaitersOfThatLoadAndAreNotKept) {
  Cache cache;
  Gate gate;
  std::atomic<bool> loading{false};
  auto loader = std::async(std::launch::async, [&] {
    return cache.Get("k", kForever, {}, [&]() -> absl::StatusOr<int> {
      loading = true;
      gate.Wait();
      return absl::PermissionDeniedError("401");
    });
  });
  ASSERT_TRUE(Eventually([&] { return loading.load(); }));
  auto waiter = std::async(std::launch::async, [&] {
    return cache.Get("k", kForever, {}, [] { return absl::StatusOr<int>(5); });
  });
  std::this_thread::sleep_for(100ms);
  gate.Release();
  EXPECT_EQ(loader.get().status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(waiter.get().status().code(), absl::StatusCode::kPermissionDenied);
  absl::StatusOr<int> later = cache.Get("k", kForever, {}, [] { return absl::StatusOr<int>(6); });
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(*later, 6);
}

TEST(SingleFlightCache, CopiesShareEntries) {
  Cache a;
  Cache b = a;
  ASSERT_TRUE(a.Get("k", kForever, {}, [] { return absl::StatusOr<int>(3); }).ok());
  absl::StatusOr<int> got = b.Get("k", kForever, {}, [] { return absl::StatusOr<int>(4); });
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, 3);
}

}  // namespace
