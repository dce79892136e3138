// The poll schedule as pure arithmetic: no clock, no simulator.
#include "civoapi/poll_schedule.h"

#include <gtest/gtest.h>

namespace {

using civoapi::PollSchedule;
using civoapi::StatusDwellTimes;
using ms = std::chrono::milliseconds;

TEST(PollSchedule, WithoutExpectationPollsSteadilyThenBacksOffToTheCap) {
  PollSchedule s(std::nullopt);
  EXPECT_EQ(s.Next(ms(0)), PollSchedule::kEarly);
  EXPECT_EQ(s.Next(ms(4900)), PollSchedule::kEarly);
  ms prev = s.Next(ms(5000));
  for (int i = 0; i < 20; ++i) {
    ms next = s.Next(ms(6000 + i * 1000));
    EXPECT_GE(next, prev);
    EXPECT_LE(next, PollSchedule::kCap);
    prev = next;
  }
  EXPECT_EQ(prev, PollSchedule::kCap);
}

TEST(PollSchedule, WithExpectationSleepsUntilShortlyBeforeItThenPollsFinely) {
  PollSchedule s(ms(2000));
  EXPECT_EQ(s.Next(ms(10)), ms(1890));
  EXPECT_EQ(s.Next(ms(1900)), PollSchedule::kFine);
  EXPECT_EQ(s.Next(ms(2500)), PollSchedule::kFine);
  // Much later than expected: back off instead of polling finely forever.
  EXPECT_GT(s.Next(ms(60000)), PollSchedule::kFine);
}

TEST(StatusDwellTimes, LearnsPerStatusFromTheMidpointOfTheChangeWindow) {
  StatusDwellTimes d;
  EXPECT_FALSE(d.Expected("instance:BUILDING").has_value());
  d.Record("instance:BUILDING", ms(1900), ms(2100));
  ASSERT_TRUE(d.Expected("instance:BUILDING").has_value());
  EXPECT_EQ(*d.Expected("instance:BUILDING"), ms(2000));
  EXPECT_FALSE(d.Expected("instance:REBOOTING").has_value());
  // A weighted mean: one odd sample moves it, but not all the way.
  d.Record("instance:BUILDING", ms(3000), ms(3000));
  ms e = *d.Expected("instance:BUILDING");
  EXPECT_GT(e, ms(2000));
  EXPECT_LT(e, ms(3000));
}

}  // namespace
