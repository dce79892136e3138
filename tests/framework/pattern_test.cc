// The non-backtracking matcher, judged against std::regex (ECMAScript) on
// the patterns the providers use and on generated inputs, and on an input
// that makes a backtracking matcher take exponential time.
#include "tfplugin/framework/pattern.h"

#include <chrono>
#include <random>
#include <regex>
#include <string>

#include "gtest/gtest.h"

namespace {

using tfplugin::fw::Pattern;

Pattern Must(const std::string& p) {
  auto c = Pattern::Compile(p);
  EXPECT_TRUE(c.ok()) << p << ": " << c.status();
  return *c;
}

TEST(Pattern, AgreesWithStdRegexOnGeneratedInputs) {
  const std::vector<std::string> patterns = {
      "^[a-z0-9]([a-z0-9.\\-]*[a-z0-9])?$",  // instance names
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",     // images
      "^[A-Za-z]{2,8}[0-9]{1,3}$",           // regions
      "^[a-z]([a-z0-9-]*[a-z0-9])?$",        // volumes
      "[A-Za-z0-9:_-]+",                     // tags
      "(ab|a)*b?c{0,2}",
      "x(?:y|z)+\\.\\d\\w\\s?",
      "[^a-c]{2,}",
      "a.c|d",
  };
  const std::string alphabet = "abcdxyzAZ09.-_: \t";
  std::mt19937 rng(42);
  for (const std::string& p : patterns) {
    Pattern ours = Must(p);
    std::regex theirs(p);
    for (int i = 0; i < 3000; ++i) {
      std::string s;
      const int len = static_cast<int>(rng() % 12);
      for (int j = 0; j < len; ++j) s += alphabet[rng() % alphabet.size()];
      ASSERT_EQ(ours.FullMatch(s), std::regex_match(s, theirs)) << p << " on \"" << s << "\"";
    }
  }
}

TEST(Pattern, KnownAnswers) {
  Pattern name = Must("^[a-z0-9]([a-z0-9.\\-]*[a-z0-9])?$");
  EXPECT_TRUE(name.FullMatch("web-1"));
  EXPECT_TRUE(name.FullMatch("a"));
  EXPECT_FALSE(name.FullMatch("-web"));
  EXPECT_FALSE(name.FullMatch("web-"));
  EXPECT_FALSE(name.FullMatch("Web"));
  EXPECT_FALSE(name.FullMatch(""));
  Pattern region = Must("^[A-Za-z]{2,8}[0-9]{1,3}$");
  EXPECT_TRUE(region.FullMatch("LON1"));
  EXPECT_TRUE(region.FullMatch("nyc1"));
  EXPECT_FALSE(region.FullMatch("L1"));
  EXPECT_FALSE(region.FullMatch("LON1234"));
}

TEST(Pattern, LongAndHostileInputsFinishQuickly) {
  // (a|a)*b on "aaaa...": exponential for a backtracking matcher.
  Pattern evil = Must("(a|a)*(a|aa)*b");
  const std::string input(200000, 'a');
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(evil.FullMatch(input));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  // A megabyte-long valid name: no stack is used per input character.
  Pattern name = Must("^[a-z0-9]([a-z0-9.\\-]*[a-z0-9])?$");
  EXPECT_TRUE(name.FullMatch(std::string(1 << 20, 'x')));
}

TEST(Pattern, RejectsWhatItDoesNotKnow) {
  for (const char* bad : {"(", "a)", "[a-", "*a", "a{2,1}", "\\q", "a^b", "[z-a]"}) {
    EXPECT_FALSE(Pattern::Compile(bad).ok()) << bad;
  }
}

}  // namespace
