// The Civo string shapes on the framework's matcher (each pattern's edges, and
// values far longer than any stack would survive with a recursive matcher),
// and the quoting helper every diagnostic uses for user values.
#include <string>

#include "gtest/gtest.h"
#include "resources/string_rules.h"
#include "tfplugin/quote.h"

namespace restest {
namespace {

using resources::HasWhitespace;
using resources::MatchesImagePattern;
using resources::MatchesNamePattern;
using resources::MatchesRegionPattern;
using tfplugin::CountCharacters;
using tfplugin::QuoteValue;

TEST(NamePattern, Edges) {
  // ^[a-z0-9]([a-z0-9.\-]*[a-z0-9])?$
  for (const char* good : {"a", "0", "ab", "a1", "web-1", "g3.small", "g3.k3s.small", "a..b",
                           "a--b", "a.-b", "0a9"}) {
    EXPECT_TRUE(MatchesNamePattern(good)) << good;
  }
  for (const char* bad : {"", ".", "-", "a.", "a-", ".a", "-a", "A", "aB", "Web-1", "a_b", "a b",
                          "a\n", "\na", "é", "a/b"}) {
    EXPECT_FALSE(MatchesNamePattern(bad)) << bad;
  }
  EXPECT_FALSE(MatchesNamePattern(std::string_view("a\0b", 3)));
  // Length is the spec table's business, not the pattern's.
  EXPECT_TRUE(MatchesNamePattern(std::string(255, 'a')));
  EXPECT_TRUE(MatchesNamePattern(std::string(256, 'a')));
}

TEST(ImagePattern, Edges) {
  // ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ : as names, but no dots.
  for (const char* good : {"a", "9", "ubuntu-jammy", "9d5ea2e3-0a6c-4f43", "a--b"}) {
    EXPECT_TRUE(MatchesImagePattern(good)) << good;
  }
  for (const char* bad : {"", "-", "a-", "-a", "a.b", "a.", "Ubuntu", "ubuntu_jammy", "a b"}) {
    EXPECT_FALSE(MatchesImagePattern(bad)) << bad;
  }
  EXPECT_TRUE(MatchesImagePattern(std::string(256, '7')));
}

TEST(RegionPattern, Edges) {
  // ^[A-Za-z]{2,8}[0-9]{1,3}$
  for (const char* good : {"LON1", "lon1", "Fra1", "ab1", "abcdefgh123", "NYC999"}) {
    EXPECT_TRUE(MatchesRegionPattern(good)) << good;
  }
  for (const char* bad : {"", "L1", "a1", "abcdefghi1", "LON", "LON1234", "1LON", "LON1a", "LO N1",
                          "LON-1", "london", "12"}) {
    EXPECT_FALSE(MatchesRegionPattern(bad)) << bad;
  }
}

TEST(StringRules, HugeValuesAreLinearNotRecursive) {
  // std::regex recursed once per character: 60,000 characters crashed.
  const std::string name(2'000'000, 'a');
  EXPECT_TRUE(MatchesNamePattern(name));
  EXPECT_TRUE(MatchesImagePattern(name));
  EXPECT_FALSE(MatchesNamePattern(name + "-"));
  EXPECT_FALSE(MatchesImagePattern(name + "."));
  EXPECT_FALSE(MatchesRegionPattern(name + "1"));
  EXPECT_FALSE(HasWhitespace(name));
  EXPECT_TRUE(HasWhitespace(name + " "));
}

TEST(StringRules, Whitespace) {
  for (const char* ws : {" ", "\t", "\n", "\r", "\v", "\f", "a b", "a\tb"}) {
    EXPECT_TRUE(HasWhitespace(ws)) << ws;
  }
  for (const char* none : {"", "a", "a-b", "a.b:c"}) EXPECT_FALSE(HasWhitespace(none)) << none;
}

TEST(StringRules, TheRulesCarryTheirPatternsIntoTheMessages) {
  for (const resources::StringRule* r :
       {&resources::kNameRule, &resources::kImageRule, &resources::kRegionRule}) {
    EXPECT_FALSE(std::string(r->pattern).empty());
    EXPECT_FALSE(std::string(r->mismatch).empty());
  }
  EXPECT_NE(std::string(resources::kNameRule.mismatch).find(resources::kNameRule.pattern),
            std::string::npos);
  EXPECT_NE(std::string(resources::kImageRule.mismatch).find(resources::kImageRule.pattern),
            std::string::npos);
  EXPECT_EQ(resources::kNameRule.matches, &MatchesNamePattern);
  EXPECT_EQ(resources::kImageRule.matches, &MatchesImagePattern);
  EXPECT_EQ(resources::kRegionRule.matches, &MatchesRegionPattern);
}

// Whether `s` is well-formed UTF-8 (what protobuf's string fields require).
bool IsValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                                    : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST(Quote, ShortValuesWhole) {
  EXPECT_EQ(QuoteValue(""), "\"\"");
  EXPECT_EQ(QuoteValue("g3.small"), "\"g3.small\"");
  EXPECT_EQ(QuoteValue("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}

TEST(Quote, AtMostTheFirst100Characters) {
  const std::string hundred(100, 'a');
  EXPECT_EQ(QuoteValue(hundred), "\"" + hundred + "\"");
  EXPECT_EQ(QuoteValue(hundred + "b"), "\"" + hundred + "\xE2\x80\xA6\"");
  EXPECT_EQ(QuoteValue(std::string(200'000, 'a')), "\"" + hundred + "\xE2\x80\xA6\"");
  EXPECT_EQ(QuoteValue("abcdef", 3), "\"abc\xE2\x80\xA6\"");
}

TEST(Quote, NeverSplitsAUtf8Sequence) {
  std::string e_acute, emoji;
  for (int i = 0; i < 150; ++i) e_acute += "\xc3\xa9";
  for (int i = 0; i < 150; ++i) emoji += "\xf0\x9f\x98\x80";  // U+1F600
  std::string q = QuoteValue(e_acute);
  EXPECT_TRUE(IsValidUtf8(q));
  EXPECT_EQ(q.size(), 2 + 100 * 2 + 3u);
  q = QuoteValue(emoji);
  EXPECT_TRUE(IsValidUtf8(q));
  EXPECT_EQ(q.size(), 2 + 100 * 4 + 3u);
  // A cut that falls after an odd byte of 'a' + 2-byte characters.
  q = QuoteValue("a" + e_acute);
  EXPECT_TRUE(IsValidUtf8(q));
  EXPECT_EQ(q.size(), 2 + 1 + 99 * 2 + 3u);
}

TEST(Quote, EscapesWhatWouldNotPrintOnOneLine) {
  EXPECT_EQ(QuoteValue("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(QuoteValue("a\nb\tc\r"), "\"a\\nb\\tc\\r\"");
  EXPECT_EQ(QuoteValue("\x1b[31m"), "\"\\x1b[31m\"");
  EXPECT_EQ(QuoteValue(std::string_view("\0", 1)), "\"\\x00\"");
  EXPECT_EQ(QuoteValue("\x7f"), "\"\\x7f\"");
  EXPECT_EQ(QuoteValue("\xc2\x85"), "\"\\u0085\"");  // C1 control NEL
  EXPECT_EQ(QuoteValue("\xc2\xa0"), "\"\xc2\xa0\"");  // NBSP is printable
}

TEST(Quote, InvalidUtf8IsEscapedByteByByte) {
  EXPECT_EQ(QuoteValue("\xff"), "\"\\xff\"");
  EXPECT_EQ(QuoteValue("\xe2\x82"), "\"\\xe2\\x82\"");            // truncated sequence
  EXPECT_EQ(QuoteValue("\xc0\xaf"), "\"\\xc0\\xaf\"");            // overlong '/'
  EXPECT_EQ(QuoteValue("\xed\xa0\x80"), "\"\\xed\\xa0\\x80\"");   // a surrogate
  EXPECT_EQ(QuoteValue("\xf4\x90\x80\x80"), "\"\\xf4\\x90\\x80\\x80\"");  // above U+10FFFF
  EXPECT_TRUE(IsValidUtf8(QuoteValue(std::string(300, '\xff'))));
  EXPECT_EQ(QuoteValue(std::string(300, '\xff')).size(), 2 + 100 * 4 + 3u);
}

TEST(Quote, CountCharacters) {
  EXPECT_EQ(CountCharacters(""), 0u);
  EXPECT_EQ(CountCharacters("abc"), 3u);
  EXPECT_EQ(CountCharacters("caf\xc3\xa9"), 4u);
  EXPECT_EQ(CountCharacters("\xf0\x9f\x98\x80"), 1u);
  EXPECT_EQ(CountCharacters("\xff\xfe"), 2u);
  EXPECT_EQ(CountCharacters("\xe2\x82"), 2u);
}

}  // namespace
}  // namespace restest
