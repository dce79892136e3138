// hclog-style JSON lines and level selection.
#include <gtest/gtest.h>

#include <regex>

#include "tfplugin/log.h"

namespace {

using tfplugin::LogField;
using tfplugin::LogLevel;

std::chrono::system_clock::time_point At(int64_t micros) {
  return std::chrono::system_clock::time_point(std::chrono::microseconds(micros));
}

TEST(Log, FormatsHclogJsonWithMicrosecondRfc3339Timestamp) {
  std::string line = tfplugin::FormatLogLine(LogLevel::kInfo, "civo", "instance created",
                                             {{"id", "abc"}, {"n", 3}, {"ok", true}},
                                             At(1700000000123456));
  EXPECT_EQ(line,
            "{\"@level\":\"info\",\"@message\":\"instance created\",\"@module\":\"civo\","
            "\"@timestamp\":\"2023-11-14T22:13:20.123456Z\",\"id\":\"abc\",\"n\":3,\"ok\":true}");
}

TEST(Log, EscapesJson) {
  std::string line = tfplugin::FormatLogLine(LogLevel::kError, "m", "a \"b\"\n\\c\x01", {},
                                             At(0));
  EXPECT_NE(line.find("\"@message\":\"a \\\"b\\\"\\n\\\\c\\u0001\""), std::string::npos) << line;
  EXPECT_NE(line.find("\"@timestamp\":\"1970-01-01T00:00:00.000000Z\""), std::string::npos);
}

TEST(Log, SensitiveFieldsAreNeverWritten) {
  LogField f = LogField::Sensitive("token");
  f.value = std::string("would-be-secret");  // even if someone sets it
  std::string line = tfplugin::FormatLogLine(LogLevel::kDebug, "m", "x", {f}, At(0));
  EXPECT_EQ(line.find("would-be-secret"), std::string::npos);
  EXPECT_NE(line.find("\"token\":\"(sensitive)\""), std::string::npos);
}

TEST(Log, ReservedKeysCannotBeOverridden) {
  std::string line = tfplugin::FormatLogLine(LogLevel::kDebug, "m", "x", {{"@level", "error"}}, At(0));
  EXPECT_EQ(line.find("\"@level\":\"error\""), std::string::npos) << line;
}

TEST(Log, ParseLevel) {
  EXPECT_EQ(tfplugin::ParseLogLevel("TRACE"), LogLevel::kTrace);
  EXPECT_EQ(tfplugin::ParseLogLevel("debug"), LogLevel::kDebug);
  EXPECT_EQ(tfplugin::ParseLogLevel("INFO"), LogLevel::kInfo);
  EXPECT_EQ(tfplugin::ParseLogLevel("WARN"), LogLevel::kWarn);
  EXPECT_EQ(tfplugin::ParseLogLevel("ERROR"), LogLevel::kError);
  EXPECT_EQ(tfplugin::ParseLogLevel("OFF"), LogLevel::kOff);
  EXPECT_EQ(tfplugin::ParseLogLevel(""), LogLevel::kOff);
  EXPECT_EQ(tfplugin::ParseLogLevel("JSON"), LogLevel::kTrace);
  EXPECT_EQ(tfplugin::ParseLogLevel("weird"), LogLevel::kTrace);
}

TEST(Log, ProviderVariableWinsOverTfLog) {
  setenv("TF_LOG", "ERROR", 1);
  setenv("TF_LOG_PROVIDER", "DEBUG", 1);
  tfplugin::InitLoggingFromEnvironment();
  EXPECT_EQ(tfplugin::CurrentLogLevel(), LogLevel::kDebug);
  unsetenv("TF_LOG_PROVIDER");
  tfplugin::InitLoggingFromEnvironment();
  EXPECT_EQ(tfplugin::CurrentLogLevel(), LogLevel::kError);
  EXPECT_TRUE(tfplugin::LogEnabled(LogLevel::kError));
  EXPECT_FALSE(tfplugin::LogEnabled(LogLevel::kWarn));
  unsetenv("TF_LOG");
  tfplugin::InitLoggingFromEnvironment();
  EXPECT_FALSE(tfplugin::LogEnabled(LogLevel::kError));
}

TEST(Log, FilteredByLevelAndSentToSink) {
  std::vector<std::string> lines;
  tfplugin::SetLogSinkForTesting([&](std::string_view l) { lines.emplace_back(l); });
  tfplugin::SetLogLevel(LogLevel::kWarn);
  tfplugin::Log(LogLevel::kDebug, "m", "hidden");
  tfplugin::Log(LogLevel::kWarn, "m", "shown");
  tfplugin::SetLogSinkForTesting(nullptr);
  tfplugin::SetLogLevel(LogLevel::kOff);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("\"@message\":\"shown\""), std::string::npos);
  EXPECT_TRUE(std::regex_search(lines[0], std::regex(
      "\"@timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\"")));
}

}  // namespace
