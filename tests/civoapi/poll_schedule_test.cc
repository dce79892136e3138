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
  EXPECT_EQ(s.Next(ms(10)), ms(2000) - PollSchedule::kFine - ms(10));
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

TEST(PollSchedule, NoPauseIsLongerThanTheCapWhateverWasLearned) {
  for (std::optional<ms> expected :
       {std::optional<ms>(), std::optional<ms>(ms(2000)), std::optional<ms>(ms(90'000)),
        std::optional<ms>(ms(3'600'000))}) {
    PollSchedule s(expected);
    for (ms t(0); t < ms(200'000); t += ms(37)) {
      ms next = s.Next(t);
      EXPECT_GT(next, ms(0));
      EXPECT_LE(next, PollSchedule::kCap) << "at " << t.count() << " ms";
    }
  }
  EXPECT_LE(PollSchedule::kCap, ms(5000)) << "a few seconds at most between polls";
}

// Plays a wait: polls at 0 and after each pause; returns when the first poll
// at or after `ready` happens.
ms NoticedAt(PollSchedule s, ms ready) {
  ms t(0);
  while (t < ready) t += s.Next(t);
  return t;
}

TEST(PollSchedule, AfterALearnedNinetySecondBuildATwentySecondBuildIsNoticedWithinTheCap) {
  StatusDwellTimes d;
  const std::string key = StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.small/ubuntu");
  d.Record(key, ms(89'900), ms(90'100));
  ASSERT_EQ(d.Expected(key), ms(90'000));
  // The same size and image, quicker this time.
  ms noticed = NoticedAt(PollSchedule(d.Expected(key)), ms(20'000));
  EXPECT_LE(noticed - ms(20'000), PollSchedule::kCap);
  // The expected 90 s build itself is still noticed finely.
  ms on_time = NoticedAt(PollSchedule(d.Expected(key)), ms(90'050));
  EXPECT_LE(on_time - ms(90'050), PollSchedule::kFine);
}

TEST(StatusDwellTimes, WhatOneSizeOrImageTaughtDoesNotApplyToAnother) {
  StatusDwellTimes d;
  d.Record(StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.xlarge/windows"), ms(89'900),
           ms(90'100));
  EXPECT_FALSE(d.Expected(StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.small/ubuntu"))
                   .has_value());
  EXPECT_FALSE(d.Expected(StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.xlarge/ubuntu"))
                   .has_value());
  EXPECT_TRUE(d.Expected(StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.xlarge/windows"))
                  .has_value());
}

}  // namespace
