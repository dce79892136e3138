// How plugin processes listen, seen from outside as Terraform sees them: many
// processes started at once each serve on an address of their own and answer
// only their own host; the unix socket is private and goes away with the
// process; the TCP fallback never shares a port; -debug's reattach value is
// one Terraform takes. Runs the test provider (tfplugin + fake provider).
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "tests/support/free_ports.h"
#include "tests/support/tfplugin_test_client.h"

namespace {

using namespace std::chrono_literals;
using tfplugin_test::LaunchOptions;
using tfplugin_test::ProviderProcess;
using tfplugin_test::Subprocess;

using Env = std::map<std::string, std::optional<std::string>>;

// The fake provider without its token fallback, and no Terraform logging.
Env QuietEnv() {
  return {{"TPTEST_TOKEN", std::nullopt}, {"TF_LOG", std::nullopt},
          {"TF_LOG_PROVIDER", std::nullopt}, {"PLUGIN_UNIX_SOCKET_DIR", std::nullopt}};
}

// A directory for one test, removed with whatever is left in it.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/transport-test-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }
  // Entries left in the directory.
  int Entries() const {
    std::string cmd = "ls -A '" + path_ + "' | wc -l";
    FILE* f = ::popen(cmd.c_str(), "r");
    int n = -1;
    if (f != nullptr) {
      if (std::fscanf(f, "%d", &n) != 1) n = -1;
      ::pclose(f);
    }
    return n;
  }

 private:
  std::string path_;
};

mode_t Mode(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return 0;
  return st.st_mode;
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

std::string Dirname(const std::string& path) { return path.substr(0, path.rfind('/')); }

grpc::Status Schema(tfplugin6::Provider::Stub& stub, tfplugin6::GetProviderSchema_Response* resp) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + 10s);
  tfplugin6::GetProviderSchema_Request req;
  return stub.GetProviderSchema(&ctx, req, resp);
}

using testsupport::FreePortPair;

// A directory whose path is too long for a unix socket address (sun_path is
// 108 bytes): a place where the provider cannot use a unix socket.
std::string MakeTooLongDir(const TempDir& base) {
  std::string path = base.path();
  for (int i = 0; i < 3; ++i) {
    path += "/" + std::string(40, static_cast<char>('a' + i));
    ::mkdir(path.c_str(), 0700);
  }
  return path;
}

LaunchOptions Options(Env extra = {}) {
  LaunchOptions o;
  o.binary = TPTEST_PROVIDER_BINARY;
  o.env = QuietEnv();
  for (auto& [k, v] : extra) o.env[k] = v;
  return o;
}

// --- Many at once -------------------------------------------------------------

TEST(Transport, FiftyProcessesAtOnceEachServeOnlyTheirOwnHost) {
  constexpr int kCount = 50;
  auto start = std::chrono::steady_clock::now();
  // Terraform's handshake environment, a client certificate per process
  // (LaunchMany starts every process before reading any handshake line).
  LaunchOptions o = Options({{"PLUGIN_MIN_PORT", std::string("10000")},
                             {"PLUGIN_MAX_PORT", std::string("25000")}});
  o.protocol_versions = "6";
  o.handshake_timeout = 15s;
  auto all = ProviderProcess::LaunchMany(o, kCount);
  ASSERT_TRUE(all.ok()) << all.status();
  auto& p = *all;

  std::set<std::string> addresses;
  std::set<std::string> dirs;
  for (int i = 0; i < kCount; ++i) {
    EXPECT_EQ(p[i]->handshake().network, "unix") << p[i]->handshake().address;
    addresses.insert(p[i]->handshake().address);
    dirs.insert(Dirname(p[i]->handshake().address));
  }
  EXPECT_EQ(addresses.size(), static_cast<size_t>(kCount)) << "processes share an address";
  EXPECT_EQ(dirs.size(), static_cast<size_t>(kCount)) << "processes share a directory";

  for (int i = 0; i < kCount; ++i) {
    // Its own host: answered, by the process whose certificate it pinned.
    tfplugin6::GetProviderSchema_Response resp;
    grpc::Status s = Schema(p[i]->provider(), &resp);
    EXPECT_TRUE(s.ok()) << "process " << i << ": " << s.error_message();
    EXPECT_GE(resp.resource_schemas_size(), 1);
    // Another process's host, trusting that process's certificate: refused.
    int j = (i + 1) % kCount;
    auto stranger = tfplugin6::Provider::NewStub(
        p[j]->Connect(p[j]->Credentials(&p[i]->client_cert())));
    tfplugin6::GetProviderSchema_Response other;
    grpc::Status refused = Schema(*stranger, &other);
    EXPECT_FALSE(refused.ok()) << "process " << j << " answered the host of process " << i;
    EXPECT_EQ(other.resource_schemas_size(), 0);
  }

  // All shut down at once, as Terraform does at the end of a run.
  for (int i = 0; i < kCount; ++i) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    plugin::Empty req, resp;
    p[i]->controller().Shutdown(&ctx, req, &resp);
  }
  for (int i = 0; i < kCount; ++i) {
    auto code = p[i]->process().WaitForExit(5s);
    ASSERT_TRUE(code.has_value()) << "process " << i << " did not exit";
    EXPECT_EQ(*code, 0) << p[i]->process().stderr_text();
  }
  for (const std::string& d : dirs) EXPECT_FALSE(Exists(d)) << d << " left behind";
  auto took = std::chrono::steady_clock::now() - start;
  std::cout << "50 processes: start, 100 connections, shutdown in "
            << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
}

// --- The private socket and its removal ---------------------------------------

enum class Stop { kShutdown, kSigterm, kSighup };

const char* Name(Stop s) {
  switch (s) {
    case Stop::kShutdown: return "Shutdown";
    case Stop::kSigterm: return "Sigterm";
    case Stop::kSighup: return "Sighup";
  }
  return "?";
}
void PrintTo(Stop s, std::ostream* os) { *os << Name(s); }

class SocketLifetime : public ::testing::TestWithParam<Stop> {};

TEST_P(SocketLifetime, PrivateToTheUserAndGoneWhenTheProcessStops) {
  TempDir base;
  auto p = ProviderProcess::Launch(Options({{"PLUGIN_UNIX_SOCKET_DIR", base.path()}}));
  ASSERT_TRUE(p.ok()) << p.status();
  const std::string socket = (*p)->handshake().address;
  const std::string dir = Dirname(socket);
  ASSERT_EQ((*p)->handshake().network, "unix");
  EXPECT_EQ(Dirname(dir), base.path()) << "PLUGIN_UNIX_SOCKET_DIR not honoured: " << socket;
  EXPECT_TRUE(S_ISDIR(Mode(dir)));
  EXPECT_EQ(Mode(dir) & 07777, 0700u);
  EXPECT_TRUE(S_ISSOCK(Mode(socket)));
  EXPECT_EQ(Mode(socket) & 07777, 0700u);
  tfplugin6::GetProviderSchema_Response resp;
  ASSERT_TRUE(Schema((*p)->provider(), &resp).ok());

  std::optional<int> code;
  switch (GetParam()) {
    case Stop::kShutdown:
      code = (*p)->Shutdown(3s);
      break;
    case Stop::kSigterm:
      (*p)->process().Signal(SIGTERM);
      code = (*p)->process().WaitForExit(3s);
      break;
    case Stop::kSighup:
      (*p)->process().Signal(SIGHUP);
      code = (*p)->process().WaitForExit(3s);
      break;
  }
  ASSERT_TRUE(code.has_value()) << "did not exit";
  EXPECT_EQ(*code, 0) << (*p)->process().stderr_text();
  EXPECT_FALSE(Exists(socket)) << "socket left behind";
  EXPECT_FALSE(Exists(dir)) << "socket directory left behind";
  EXPECT_EQ(base.Entries(), 0);
}

INSTANTIATE_TEST_SUITE_P(Stops, SocketLifetime,
                         ::testing::Values(Stop::kShutdown, Stop::kSigterm, Stop::kSighup),
                         [](const ::testing::TestParamInfo<Stop>& info) {
                           return std::string(Name(info.param));
                         });

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif

// A crash is not a clean exit, but it still leaves nothing behind.
TEST(Transport, SocketRemovedEvenWhenTheProcessDiesOfACrashSignal) {
  for (int sig : {SIGABRT, SIGSEGV}) {
    TempDir base;
    auto p = ProviderProcess::Launch(Options({{"PLUGIN_UNIX_SOCKET_DIR", base.path()}}));
    ASSERT_TRUE(p.ok()) << p.status();
    ASSERT_EQ(base.Entries(), 1);
    (*p)->process().Signal(sig);
    auto code = (*p)->process().WaitForExit(3s);
    ASSERT_TRUE(code.has_value());
    // The signal still ends the process. Under AddressSanitizer, SIGSEGV
    // reaches ASan's own handler next (ours chains to it), which reports the
    // "deadly signal" and exits with 1 instead of re-raising.
    if (kAddressSanitizer && sig == SIGSEGV) {
      EXPECT_TRUE(*code == 128 + sig || *code == 1) << "exit code " << *code;
    } else {
      EXPECT_EQ(*code, 128 + sig) << "the signal still ends the process";
    }
    EXPECT_EQ(base.Entries(), 0) << "signal " << sig << ": socket directory left behind";
  }
}

TEST(Transport, SocketDirectoryUnderTmpdirWhenNoPluginUnixSocketDir) {
  TempDir base;
  auto p = ProviderProcess::Launch(Options({{"TMPDIR", base.path()}}));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(Dirname(Dirname((*p)->handshake().address)), base.path())
      << (*p)->handshake().address;
  ASSERT_TRUE((*p)->Shutdown(3s).has_value());
  EXPECT_EQ(base.Entries(), 0);
}

// --- TCP where a unix socket cannot be used -------------------------------------

TEST(Transport, TcpFallbackWhenTheSocketPathCannotFit) {
  TempDir base;
  auto p = ProviderProcess::Launch(Options({{"PLUGIN_UNIX_SOCKET_DIR", MakeTooLongDir(base)},
                                            {"PLUGIN_MIN_PORT", std::nullopt},
                                            {"PLUGIN_MAX_PORT", std::nullopt},
                                            {"TF_LOG_PROVIDER", std::string("WARN")}}));
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ((*p)->handshake().network, "tcp");
  EXPECT_EQ((*p)->handshake().address.rfind("127.0.0.1:", 0), 0u) << (*p)->handshake().address;
  tfplugin6::GetProviderSchema_Response resp;
  EXPECT_TRUE(Schema((*p)->provider(), &resp).ok());
  std::string err = (*p)->process().stderr_text();
  EXPECT_NE(err.find("serving on TCP"), std::string::npos) << "the fallback says why: " << err;
  EXPECT_NE(err.find("too long"), std::string::npos) << err;
}

TEST(Transport, TcpFallbackNeverSharesAPort) {
  TempDir base;
  int port = FreePortPair();
  ASSERT_NE(port, 0);
  Env one_port = {{"PLUGIN_UNIX_SOCKET_DIR", MakeTooLongDir(base)},
                  {"PLUGIN_MIN_PORT", std::to_string(port)},
                  {"PLUGIN_MAX_PORT", std::to_string(port)}};
  auto first = ProviderProcess::Launch(Options(one_port));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ((*first)->handshake().address, "127.0.0.1:" + std::to_string(port));

  // The second, with the same one-port range, fails cleanly: a message, exit
  // 1, no handshake line. It does not take the port beside the first.
  LaunchOptions o = Options(one_port);
  o.handshake_timeout = 5s;
  auto second = ProviderProcess::Launch(o);
  ASSERT_FALSE(second.ok()) << "second process announced " << (*second)->handshake().address;
  EXPECT_NE(second.status().message().find("PLUGIN_MIN_PORT..PLUGIN_MAX_PORT"),
            std::string::npos)
      << second.status();

  // The first still answers its own host, and only it.
  tfplugin6::GetProviderSchema_Response resp;
  EXPECT_TRUE(Schema((*first)->provider(), &resp).ok());
}

TEST(Transport, TcpFallbackProcessesStartedTogetherTakeDifferentPorts) {
  TempDir base;
  int port = FreePortPair();
  ASSERT_NE(port, 0);
  LaunchOptions o = Options({{"PLUGIN_UNIX_SOCKET_DIR", MakeTooLongDir(base)},
                             {"PLUGIN_MIN_PORT", std::to_string(port)},
                             {"PLUGIN_MAX_PORT", std::to_string(port + 1)}});
  auto two = ProviderProcess::LaunchMany(o, 2);
  ASSERT_TRUE(two.ok()) << two.status();
  auto& p = *two;
  std::set<std::string> got = {p[0]->handshake().address, p[1]->handshake().address};
  EXPECT_EQ(got, (std::set<std::string>{"127.0.0.1:" + std::to_string(port),
                                         "127.0.0.1:" + std::to_string(port + 1)}));
  for (int i = 0; i < 2; ++i) {
    tfplugin6::GetProviderSchema_Response resp;
    EXPECT_TRUE(Schema(p[i]->provider(), &resp).ok()) << i;
    auto stranger =
        tfplugin6::Provider::NewStub(p[1 - i]->Connect(p[1 - i]->Credentials(&p[i]->client_cert())));
    EXPECT_FALSE(Schema(*stranger, &resp).ok()) << "crossed to process " << 1 - i;
  }
}

// --- -debug ----------------------------------------------------------------------

struct Reattach {
  std::string json;
  std::string network;
  std::string address;
};

std::optional<Reattach> ReadReattach(Subprocess& proc) {
  for (int i = 0; i < 10; ++i) {
    auto line = proc.ReadLine(10s);
    if (!line.ok()) return std::nullopt;
    std::smatch m;
    if (std::regex_search(*line, m, std::regex("TF_REATTACH_PROVIDERS='(.*)'$"))) {
      Reattach r;
      r.json = m[1].str();
      std::smatch a;
      if (std::regex_search(r.json, a,
                            std::regex("\"Addr\":\\{\"Network\":\"([a-z]+)\",\"String\":\"([^\"]+)\"\\}"))) {
        r.network = a[1].str();
        r.address = a[2].str();
      }
      return r;
    }
  }
  return std::nullopt;
}

TEST(Transport, DebugServesOnAPrivateSocketRemovedAtExit) {
  TempDir base;
  Env env = QuietEnv();
  env["TF_PLUGIN_MAGIC_COOKIE"] = std::nullopt;
  env["PLUGIN_UNIX_SOCKET_DIR"] = base.path();
  auto proc = Subprocess::Start({TPTEST_PROVIDER_BINARY, "-debug"}, env);
  ASSERT_TRUE(proc.ok());
  auto r = ReadReattach(**proc);
  ASSERT_TRUE(r.has_value()) << (*proc)->stderr_text();
  EXPECT_EQ(r->network, "unix") << r->json;
  EXPECT_EQ(Dirname(Dirname(r->address)), base.path()) << r->json;
  EXPECT_EQ(Mode(Dirname(r->address)) & 07777, 0700u);
  EXPECT_TRUE(S_ISSOCK(Mode(r->address)));
  (*proc)->Signal(SIGINT);
  auto code = (*proc)->WaitForExit(3s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
  EXPECT_EQ(base.Entries(), 0) << "socket directory left behind";
}

TEST(Transport, DebugOnTcpFallbackPrintsATcpAddress) {
  TempDir base;
  Env env = QuietEnv();
  env["TF_PLUGIN_MAGIC_COOKIE"] = std::nullopt;
  env["PLUGIN_UNIX_SOCKET_DIR"] = MakeTooLongDir(base);
  env["PLUGIN_MIN_PORT"] = std::nullopt;
  env["PLUGIN_MAX_PORT"] = std::nullopt;
  auto proc = Subprocess::Start({TPTEST_PROVIDER_BINARY, "-debug"}, env);
  ASSERT_TRUE(proc.ok());
  auto r = ReadReattach(**proc);
  ASSERT_TRUE(r.has_value()) << (*proc)->stderr_text();
  EXPECT_EQ(r->network, "tcp") << r->json;
  EXPECT_TRUE(std::regex_match(r->address, std::regex("127\\.0\\.0\\.1:[1-9][0-9]*"))) << r->json;
  (*proc)->Signal(SIGTERM);
  EXPECT_EQ((*proc)->WaitForExit(3s).value_or(-1), 0);
}

// --- Real Terraform as the judge ---------------------------------------------------

std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::string all = path;
  size_t pos = 0;
  while (pos <= all.size()) {
    size_t end = all.find(':', pos);
    if (end == std::string::npos) end = all.size();
    std::string candidate = all.substr(pos, end - pos) + "/" + name;
    if (!all.substr(pos, end - pos).empty() && ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    pos = end + 1;
  }
  return "";
}

// A working directory with one tptest_thing, and a private HOME and CLI
// configuration (never the user's).
class TerraformDir {
 public:
  explicit TerraformDir(const std::string& cli_config) {
    std::ofstream(dir_.path() + "/main.tf") << R"(
terraform {
  required_providers {
    tptest = { source = "registry.terraform.io/test/tptest" }
  }
}
provider "tptest" {
  token = "not-a-secret"
}
resource "tptest_thing" "a" {
  name = "hello"
}
)";
    std::ofstream(dir_.path() + "/cli.tfrc") << cli_config;
  }
  // Runs terraform in the directory; returns exit code and output.
  std::pair<int, std::string> Run(const std::string& terraform, std::vector<std::string> args,
                                  Env extra = {}) {
    std::vector<std::string> argv = {terraform, "-chdir=" + dir_.path()};
    argv.insert(argv.end(), args.begin(), args.end());
    Env env = {{"HOME", dir_.path()},
               {"TF_CLI_CONFIG_FILE", dir_.path() + "/cli.tfrc"},
               {"TF_IN_AUTOMATION", std::string("1")},
               {"CHECKPOINT_DISABLE", std::string("1")},
               {"TF_LOG", std::nullopt},
               {"TF_REATTACH_PROVIDERS", std::nullopt}};
    for (auto& [k, v] : extra) env[k] = v;
    auto proc = Subprocess::Start(argv, env);
    if (!proc.ok()) return {-1, std::string(proc.status().message())};
    std::string out = (*proc)->ReadAll(60s);
    auto code = (*proc)->WaitForExit(5s);
    return {code.value_or(-1), out + (*proc)->stderr_text()};
  }

 private:
  TempDir dir_;
};

TEST(Transport, TerraformPlansThroughTheReattachValue) {
  std::string terraform = FindOnPath("terraform");
  if (terraform.empty()) GTEST_SKIP() << "no terraform on PATH";
  TempDir base;
  Env env = QuietEnv();
  env["TF_PLUGIN_MAGIC_COOKIE"] = std::nullopt;
  env["PLUGIN_UNIX_SOCKET_DIR"] = base.path();
  auto proc = Subprocess::Start({TPTEST_PROVIDER_BINARY, "-debug"}, env);
  ASSERT_TRUE(proc.ok());
  auto r = ReadReattach(**proc);
  ASSERT_TRUE(r.has_value()) << (*proc)->stderr_text();
  ASSERT_EQ(r->network, "unix");
  TerraformDir dir("");
  // No init needed: Terraform uses the reattached process as it is.
  auto [code, out] = dir.Run(terraform, {"plan", "-no-color", "-input=false"},
                             {{"TF_REATTACH_PROVIDERS", r->json}});
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("tptest_thing.a will be created"), std::string::npos) << out;
  // It talked to this process: still running, and it saw the plan.
  EXPECT_FALSE((*proc)->WaitForExit(0ms).has_value());
  (*proc)->Signal(SIGINT);
  EXPECT_EQ((*proc)->WaitForExit(3s).value_or(-1), 0);
  EXPECT_EQ(base.Entries(), 0);
}

TEST(Transport, TerraformLaunchesItOverAUnixSocket) {
  std::string terraform = FindOnPath("terraform");
  if (terraform.empty()) GTEST_SKIP() << "no terraform on PATH";
  std::string bin_dir = Dirname(TPTEST_PROVIDER_BINARY);
  TempDir sockets;
  TerraformDir dir("provider_installation {\n  dev_overrides {\n    \"test/tptest\" = \"" +
                   bin_dir + "\"\n  }\n  direct {}\n}\n");
  // The socket directory is the provider's own: after the run, nothing left.
  auto [code, out] = dir.Run(terraform, {"plan", "-no-color", "-input=false"},
                             {{"PLUGIN_UNIX_SOCKET_DIR", sockets.path()},
                              {"TF_LOG_PROVIDER", std::nullopt},
                              {"TF_LOG", std::string("DEBUG")}});
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("tptest_thing.a will be created"), std::string::npos) << out;
  // go-plugin's client logs the address it was given.
  EXPECT_TRUE(std::regex_search(out, std::regex("network=unix")) ||
              std::regex_search(out, std::regex("\"network\":\"unix\"")))
      << "terraform did not use a unix socket";
  EXPECT_EQ(sockets.Entries(), 0) << "socket directory left behind";
}

}  // namespace
