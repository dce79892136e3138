// ../shared/tfdriver (Terraform core's side of the protocol) against the real
// terraform-provider-civo: `schema` and `validate` must succeed with zero
// protocol violations, and every provider process must exit gracefully on
// GRPCController/Shutdown. Skipped, with a message, where tfdriver is absent.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class TfdriverCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::string(CIVO_TFDRIVER).empty() || !fs::exists(CIVO_TFDRIVER)) {
      GTEST_SKIP() << "tfdriver is not available (../shared/tfdriver absent and no tfdriver on "
                      "PATH): the protocol check against tfdriver is skipped";
    }
    char tmpl[] = "/tmp/tfdriver-check-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    fs::copy_file(CIVO_TFDRIVER_CONFIG, dir_ / "config.json");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Runs `tfdriver COMMAND` and returns the parsed report.
  void Run(const std::string& command, int* exit_code, rapidjson::Document* report) {
    fs::path report_path = dir_ / (command + "-report.json");
    std::string cmd = std::string("'") + CIVO_TFDRIVER + "' -provider '" + CIVO_PROVIDER +
                      "' -dir '" + dir_.string() + "' -report '" + report_path.string() +
                      "' -start-timeout 20s -env CIVO_TOKEN= " + command + " > '" +
                      (dir_ / (command + ".out")).string() + "' 2>&1";
    int status = std::system(cmd.c_str());
    *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::string text = Slurp(report_path);
    report->Parse(text.c_str());
    ASSERT_FALSE(report->HasParseError())
        << "no JSON report; tfdriver said:\n" << Slurp(dir_ / (command + ".out"));
  }

  void ExpectClean(const std::string& command) {
    int code = -1;
    rapidjson::Document report;
    Run(command, &code, &report);
    if (HasFatalFailure()) return;
    std::string out = Slurp(dir_ / (command + ".out"));
    std::string log = Slurp(dir_ / "provider.log");
    ASSERT_TRUE(report.HasMember("summary")) << out;
    const auto& s = report["summary"];
    EXPECT_EQ(s["violations"].GetInt(), 0) << out;
    EXPECT_EQ(s["errors"].GetInt(), 0) << out << "\nprovider log:\n" << log;
    EXPECT_TRUE(s["ok"].GetBool()) << out;
    EXPECT_EQ(code, 0) << out;
    ASSERT_TRUE(report.HasMember("steps"));
    int processes = 0;
    for (const auto& step : report["steps"].GetArray()) {
      if (!step.HasMember("provider_process")) continue;
      const auto& pp = step["provider_process"];
      ++processes;
      EXPECT_EQ(pp["negotiated_protocol_version"].GetInt(), 6);
      EXPECT_TRUE(pp["graceful_exit"].GetBool()) << "step " << step["step"].GetString();
      if (pp.HasMember("health_check")) {
        EXPECT_STREQ(pp["health_check"].GetString(), "SERVING");
      }
    }
    EXPECT_GE(processes, 1);
    // The token given in the configuration never reaches the provider's log.
    EXPECT_EQ(log.find("tfdriver-check-token"), std::string::npos);
  }

  fs::path dir_;
};

TEST_F(TfdriverCheck, SchemaHasNoProtocolViolations) { ExpectClean("schema"); }

TEST_F(TfdriverCheck, ValidateHasNoProtocolViolations) { ExpectClean("validate"); }

}  // namespace
