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

// One wait played out: a poll sent at t is answered at t + round_trip and
// sees the object as it is then; the next is sent the schedule's pause after
// that answer. Returns the answers, up to the first that sees the change.
std::vector<ms> Answers(PollSchedule s, ms ready, ms round_trip, ms first_send = ms(0)) {
  std::vector<ms> answers;
  ms send = first_send;
  for (int i = 0; i < 10000; ++i) {
    const ms answer = send + round_trip;
    answers.push_back(answer);
    if (answer >= ready) break;
    send = answer + s.Next(answer);
  }
  return answers;
}

TEST(PollSchedule, WithExpectationTheFirstFinePollIsAnsweredHalfAPeriodAfterIt) {
  // Started with a known status (no first poll): the first pause leads to
  // a poll answered half a period after the expected moment.
  PollSchedule s(ms(2000), ms(50));
  EXPECT_EQ(s.Next(ms(0)), ms(2000 + 25 - 50));
  // Its answer missed the change: the next goes at once (a round trip is a
  // period here), and so on.
  EXPECT_EQ(s.Next(ms(2025)), PollSchedule::kMinPause);
  EXPECT_EQ(s.Next(ms(2075)), PollSchedule::kMinPause);
  // Much later than expected: back off instead of polling finely forever.
  EXPECT_GT(s.Next(ms(60000)), PollSchedule::kFinePeriod);
}

TEST(PollSchedule, AChangeNearTheExpectedMomentIsSeenWithinAPeriod) {
  for (ms round_trip : {ms(5), ms(50), ms(120)}) {
    const ms period = std::max(round_trip, PollSchedule::kFinePeriod);
    // At or a little before the expected moment: one fine poll sees it.
    for (ms ready : {ms(1490), ms(1500), ms(1510)}) {
      PollSchedule s(ms(1500), round_trip);
      auto answers = Answers(s, ready, round_trip, s.Next(ms(0)));
      EXPECT_EQ(answers.size(), 1u) << "round trip " << round_trip.count() << ", ready " << ready.count();
      EXPECT_LE(answers.back() - ready, period) << "round trip " << round_trip.count();
    }
    // Later than the first fine poll: the next, a period on, sees it.
    PollSchedule s(ms(1500), round_trip);
    const ms later = ms(1500) + period / 2 + ms(10);
    auto answers = Answers(s, later, round_trip, s.Next(ms(0)));
    EXPECT_EQ(answers.size(), 2u) << "round trip " << round_trip.count();
    EXPECT_LE(answers.back() - later, period) << "round trip " << round_trip.count();
  }
}

TEST(PollSchedule, APollAnsweredEarlyForAnotherWaiterKeepsTheGrid) {
  // A list another waiter sent answered this one before its first fine
  // poll was due: the first fine poll still goes when it was due.
  PollSchedule s(ms(2000), ms(50));
  EXPECT_EQ(s.Next(ms(1900)), ms(75));
}

TEST(StatusDwellTimes, LearnsPerStatusFromTheMidpointOfTheChangeWindow) {
  StatusDwellTimes d;
  EXPECT_FALSE(d.Expected("instance:BUILDING").has_value());
  d.Record("instance:BUILDING", ms(1950), ms(2050), ms(100));
  ASSERT_TRUE(d.Expected("instance:BUILDING").has_value());
  EXPECT_EQ(*d.Expected("instance:BUILDING"), ms(2000));
  EXPECT_FALSE(d.Expected("instance:REBOOTING").has_value());
  // A weighted mean: one odd sample moves it, but not all the way.
  d.Record("instance:BUILDING", ms(3000), ms(3000), ms(100));
  ms e = *d.Expected("instance:BUILDING");
  EXPECT_GT(e, ms(2000));
  EXPECT_LT(e, ms(3000));
}

TEST(StatusDwellTimes, AWaitWithoutAMissCountsAsAChangeShortlyBeforeItsFirstPoll) {
  // The first poll of a wait saw the change: the window reaches back to
  // the start. Its midpoint (1000) would nearly halve what was learned.
  StatusDwellTimes d;
  d.Record("k", std::nullopt, ms(2000), ms(50));
  EXPECT_EQ(*d.Expected("k"), ms(1950));
  // With a miss, however early: the midpoint.
  StatusDwellTimes d2;
  d2.Record("k", ms(1700), ms(2000), ms(50));
  EXPECT_EQ(*d2.Expected("k"), ms(1850));
}

TEST(StatusDwellTimes, LearnsTheRoundTripAsAWeightedMean) {
  StatusDwellTimes d;
  EXPECT_FALSE(d.RoundTrip().has_value());
  d.RecordRoundTrip(ms(50));
  EXPECT_EQ(d.RoundTrip(), ms(50));
  d.RecordRoundTrip(ms(150));
  EXPECT_GT(*d.RoundTrip(), ms(50));
  EXPECT_LT(*d.RoundTrip(), ms(150));
}

TEST(PollSchedule, LearningFromEachWaitKeepsLaterWaitsAtTwoFinePollsAndWithinAPeriod) {
  // Waits one after another for a change 1000 ms after each start, answered
  // 50 ms after each poll: what each wait teaches the next.
  StatusDwellTimes d;
  const ms ready(1000), round_trip(50);
  size_t polls_last = 0;
  ms late_last(0);
  for (int wait = 0; wait < 20; ++wait) {
    PollSchedule s(d.Expected("k"), round_trip);
    const ms first_send = d.Expected("k").has_value() ? s.Next(ms(0)) : ms(0);
    auto answers = Answers(s, ready, round_trip, first_send);
    const std::optional<ms> last_miss =
        answers.size() >= 2 ? std::optional<ms>(answers[answers.size() - 2]) : std::nullopt;
    d.Record("k", last_miss, answers.back(), s.Resolution());
    polls_last = answers.size();
    late_last = answers.back() - ready;
  }
  EXPECT_LE(polls_last, 2u);
  EXPECT_LE(late_last, PollSchedule::kFinePeriod);
  EXPECT_GE(*d.Expected("k"), ms(900));
  EXPECT_LE(*d.Expected("k"), ms(1100));
}

TEST(PollSchedule, NoPauseIsLongerThanTheCapWhateverWasLearned) {
  for (std::optional<ms> expected :
       {std::optional<ms>(), std::optional<ms>(ms(2000)), std::optional<ms>(ms(90'000)),
        std::optional<ms>(ms(3'600'000))}) {
    for (std::optional<ms> round_trip : {std::optional<ms>(), std::optional<ms>(ms(1)),
                                         std::optional<ms>(ms(300)), std::optional<ms>(ms(60'000))}) {
      PollSchedule s(expected, round_trip);
      for (ms t(0); t < ms(200'000); t += ms(37)) {
        ms next = s.Next(t);
        EXPECT_GT(next, ms(0));
        EXPECT_LE(next, PollSchedule::kCap) << "at " << t.count() << " ms";
      }
    }
  }
  EXPECT_LE(PollSchedule::kCap, ms(5000)) << "a few seconds at most between polls";
}

TEST(PollSchedule, AfterALearnedNinetySecondBuildATwentySecondBuildIsNoticedWithinTheCap) {
  StatusDwellTimes d;
  const std::string key = StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.small/ubuntu");
  d.Record(key, ms(89'950), ms(90'050), ms(50));
  ASSERT_EQ(d.Expected(key), ms(90'000));
  const ms round_trip(50);
  // The same size and image, quicker this time.
  auto quick = Answers(PollSchedule(d.Expected(key), round_trip), ms(20'000), round_trip);
  EXPECT_LE(quick.back() - ms(20'000), PollSchedule::kCap + round_trip);
  // The expected 90 s build itself is still noticed finely.
  PollSchedule s(d.Expected(key), round_trip);
  auto on_time = Answers(s, ms(90'010), round_trip, s.Next(ms(0)));
  EXPECT_LE(on_time.back() - ms(90'010), PollSchedule::kFinePeriod);
}

TEST(StatusDwellTimes, WhatOneSizeOrImageTaughtDoesNotApplyToAnother) {
  StatusDwellTimes d;
  d.Record(StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.xlarge/windows"), ms(89'900),
           ms(90'100), ms(200));
  EXPECT_FALSE(d.Expected(StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.small/ubuntu"))
                   .has_value());
  EXPECT_FALSE(d.Expected(StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.xlarge/ubuntu"))
                   .has_value());
  EXPECT_TRUE(d.Expected(StatusDwellTimes::DwellKey("instance", "BUILDING", "g3.xlarge/windows"))
                  .has_value());
}

}  // namespace
