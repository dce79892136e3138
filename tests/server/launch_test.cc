// The plugin process as Terraform sees it: launched with the magic cookie and
// a client certificate, handshake, mutual TLS, RPCs, refusal of strangers,
// signals, -debug, and a prompt exit on GRPCController/Shutdown. Runs against
// the test provider (tfplugin + fake provider) and, when it is built, the
// real terraform-provider-civo.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/server/fake_provider.h"
#include "tests/server/health.grpc.pb.h"
#include "tests/support/tfplugin_test_client.h"

namespace {

using namespace std::chrono_literals;
using tfplugin::cty::Type;
using tfplugin::cty::Value;
using tfplugin_test::DiagnosticsText;
using tfplugin_test::HasError;
using tfplugin_test::LaunchOptions;
using tfplugin_test::ProviderProcess;
using tfplugin_test::Subprocess;

std::vector<std::string> Binaries() {
  std::vector<std::string> out = {TPTEST_PROVIDER_BINARY};
  if (std::string(CIVO_PROVIDER_BINARY).size() > 0) out.push_back(CIVO_PROVIDER_BINARY);
  return out;
}

bool IsFake(const std::string& path) { return path == TPTEST_PROVIDER_BINARY; }

// Environment that keeps a real provider off any network and the fake one
// without its token fallback.
std::map<std::string, std::optional<std::string>> QuietEnv() {
  return {{"CIVO_TOKEN", std::nullopt}, {"TPTEST_TOKEN", std::nullopt},
          {"CIVO_API_URL", std::string("http://127.0.0.1:9")}, {"TF_LOG", std::nullopt},
          {"TF_LOG_PROVIDER", std::nullopt}};
}

// A certificate issued (signed) by `issuer`: it chains to the host's
// certificate, so TLS verification alone would accept it.
tfplugin_test::ClientCert IssuedBy(const tfplugin_test::ClientCert& issuer) {
  BIO* kb = BIO_new_mem_buf(issuer.key_pem.data(), static_cast<int>(issuer.key_pem.size()));
  EVP_PKEY* ca_key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
  BIO* cb = BIO_new_mem_buf(issuer.cert_pem.data(), static_cast<int>(issuer.cert_pem.size()));
  X509* ca = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 4242);
  X509_gmtime_adj(X509_getm_notBefore(x), -60);
  X509_gmtime_adj(X509_getm_notAfter(x), 3600);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(x, X509_get_subject_name(ca));
  X509_set_pubkey(x, key);
  X509_sign(x, ca_key, EVP_sha256());
  BIO* out_c = BIO_new(BIO_s_mem());
  BIO* out_k = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(out_c, x);
  PEM_write_bio_PrivateKey(out_k, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* d = nullptr;
  long n = BIO_get_mem_data(out_c, &d);
  tfplugin_test::ClientCert out;
  out.cert_pem.assign(d, static_cast<size_t>(n));
  n = BIO_get_mem_data(out_k, &d);
  out.key_pem.assign(d, static_cast<size_t>(n));
  BIO_free(out_c);
  BIO_free(out_k);
  BIO_free(kb);
  BIO_free(cb);
  X509_free(x);
  X509_free(ca);
  EVP_PKEY_free(key);
  EVP_PKEY_free(ca_key);
  return out;
}

class LaunchTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::unique_ptr<ProviderProcess> Launch(std::map<std::string, std::optional<std::string>> env = {}) {
    LaunchOptions o;
    o.binary = GetParam();
    o.env = QuietEnv();
    for (auto& [k, v] : env) o.env[k] = v;
    auto p = ProviderProcess::Launch(o);
    EXPECT_TRUE(p.ok()) << p.status();
    return p.ok() ? *std::move(p) : nullptr;
  }

  static tfplugin6::GetProviderSchema_Response Schema(ProviderProcess& p) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 10s);
    tfplugin6::GetProviderSchema_Request req;
    tfplugin6::GetProviderSchema_Response resp;
    grpc::Status s = p.provider().GetProviderSchema(&ctx, req, &resp);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return resp;
  }

  // The provider config object: every attribute null but `token` (if given).
  static tfplugin6::DynamicValue ProviderConfig(const tfplugin6::GetProviderSchema_Response& schema,
                                                std::optional<std::string> token) {
    auto type = tfplugin_test::ImpliedType(schema.provider().block());
    EXPECT_TRUE(type.ok());
    std::map<std::string, Value> attrs;
    for (const auto& [k, t] : type->attributes()) attrs[k] = Value::Null();
    if (token) attrs["token"] = Value::String(*token);
    auto dv = tfplugin_test::Encode(Value::Object(attrs), *type);
    EXPECT_TRUE(dv.ok()) << dv.status();
    return *dv;
  }
};

TEST_P(LaunchTest, HandshakeSchemaValidateConfigureShutdown) {
  auto p = Launch();
  ASSERT_TRUE(p);
  EXPECT_EQ(p->handshake().network, "unix");
  struct stat st {};
  ASSERT_EQ(stat(p->handshake().address.c_str(), &st), 0);
  EXPECT_TRUE(S_ISSOCK(st.st_mode));

  auto schema = Schema(*p);
  EXPECT_FALSE(HasError(schema.diagnostics())) << DiagnosticsText(schema.diagnostics());
  EXPECT_GE(schema.resource_schemas_size(), 1);
  EXPECT_TRUE(schema.server_capabilities().plan_destroy());
  EXPECT_TRUE(schema.server_capabilities().get_provider_schema_optional());

  {
    grpc::ClientContext ctx;
    tfplugin6::ValidateProviderConfig_Request req;
    *req.mutable_config() = ProviderConfig(schema, "tok");
    tfplugin6::ValidateProviderConfig_Response resp;
    ASSERT_TRUE(p->provider().ValidateProviderConfig(&ctx, req, &resp).ok());
    EXPECT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  }
  {
    grpc::ClientContext ctx;
    tfplugin6::ConfigureProvider_Request req;
    req.set_terraform_version("1.9.0");
    *req.mutable_config() = ProviderConfig(schema, "tok");
    tfplugin6::ConfigureProvider_Response resp;
    ASSERT_TRUE(p->provider().ConfigureProvider(&ctx, req, &resp).ok());
    EXPECT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  }
  std::string socket = p->handshake().address;
  auto start = std::chrono::steady_clock::now();
  std::optional<int> code = p->Shutdown(2s);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(code.has_value()) << "did not exit within 2 s of Shutdown";
  EXPECT_EQ(*code, 0) << p->process().stderr_text();
  EXPECT_LT(took, 2s);
  EXPECT_NE(stat(socket.c_str(), &st), 0) << "socket file left behind";
}

// libcurl and its ~27 dependencies are loaded on first use (civoapi's
// curl_loader.h): a process that only serves the schema never maps them.
TEST_P(LaunchTest, HttpLibraryIsLoadedOnlyOnceTheProviderIsConfigured) {
  if (IsFake(GetParam())) GTEST_SKIP() << "only the Civo provider talks HTTP";
  auto p = Launch();
  ASSERT_TRUE(p);
  auto maps_mention_libcurl = [&] {
    std::ifstream maps("/proc/" + std::to_string(p->pid()) + "/maps");
    std::stringstream text;
    text << maps.rdbuf();
    EXPECT_FALSE(text.str().empty());
    return text.str().find("libcurl") != std::string::npos;
  };
  auto schema = Schema(*p);
  EXPECT_FALSE(maps_mention_libcurl()) << "libcurl mapped before anything needed it";
  grpc::ClientContext ctx;
  tfplugin6::ConfigureProvider_Request req;
  *req.mutable_config() = ProviderConfig(schema, "tok");
  tfplugin6::ConfigureProvider_Response resp;
  ASSERT_TRUE(p->provider().ConfigureProvider(&ctx, req, &resp).ok());
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  EXPECT_TRUE(maps_mention_libcurl()) << "a configured provider has its HTTP client ready";
}

// The static build links every C++ library it uses (gRPC, abseil, yaml-cpp,
// ...) with libstdc++ itself: one shared C++ library left over would map a
// second, shared libstdc++ and the dynamic loader's work at every start.
TEST_P(LaunchTest, StaticBuildMapsNoSharedCxxLibrary) {
  if (IsFake(GetParam()) || !CIVO_PROVIDER_STATIC) GTEST_SKIP() << "the static Civo binary only";
  auto p = Launch();
  ASSERT_TRUE(p);
  Schema(*p);
  std::ifstream maps("/proc/" + std::to_string(p->pid()) + "/maps");
  std::stringstream text;
  text << maps.rdbuf();
  ASSERT_FALSE(text.str().empty());
  for (const char* lib : {"libstdc++", "libyaml-cpp", "libgrpc", "libabsl", "libprotobuf"}) {
    EXPECT_EQ(text.str().find(lib), std::string::npos) << lib << " is mapped as a shared library";
  }
}

// gRPC's own plugin list links xDS, RLS and the other load balancers, code
// a plugin server never runs that the kernel still maps in around the code
// it does run; the static build registers only what a plugin server uses
// (tfplugin/grpc_core_plugins.cc). Each policy's name is a string constant
// inside its own code, so the name is in the binary exactly when the code is.
TEST_P(LaunchTest, StaticBuildLeavesUnusedGrpcPluginsOut) {
  if (IsFake(GetParam()) || !CIVO_PROVIDER_GRPC_TRIMMED) {
    GTEST_SKIP() << "the static Civo binary, linked with tfplugin's gRPC plugin list";
  }
  std::ifstream in(GetParam(), std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string binary = bytes.str();
  ASSERT_GT(binary.size(), 1000000u);
  for (const char* kept : {"pick_first", "round_robin"}) {
    EXPECT_NE(binary.find(kept), std::string::npos) << kept << " should stay registered";
  }
  for (const char* gone : {"xds_cluster_resolver_experimental", "rls_experimental",
                           "ring_hash_experimental", "priority_experimental",
                           "weighted_target_experimental"}) {
    EXPECT_EQ(binary.find(gone), std::string::npos) << gone << " is linked in";
  }
}

TEST_P(LaunchTest, ConfigureWithoutTokenIsAnErrorDiagnostic) {
  auto p = Launch();
  ASSERT_TRUE(p);
  auto schema = Schema(*p);
  grpc::ClientContext ctx;
  tfplugin6::ConfigureProvider_Request req;
  *req.mutable_config() = ProviderConfig(schema, std::nullopt);
  tfplugin6::ConfigureProvider_Response resp;
  ASSERT_TRUE(p->provider().ConfigureProvider(&ctx, req, &resp).ok());
  EXPECT_TRUE(HasError(resp.diagnostics()));
}

TEST_P(LaunchTest, HealthServiceReportsPluginServing) {
  auto p = Launch();
  ASSERT_TRUE(p);
  auto health = grpc::health::v1::Health::NewStub(p->channel());
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + 5s);
  grpc::health::v1::HealthCheckRequest req;
  req.set_service("plugin");
  grpc::health::v1::HealthCheckResponse resp;
  grpc::Status s = health->Check(&ctx, req, &resp);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_EQ(resp.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

// Nobody but the holder of the host's certificate gets a single answer.
TEST_P(LaunchTest, RefusesClientsWithoutTheHostCertificate) {
  auto p = Launch();
  ASSERT_TRUE(p);
  auto stranger = tfplugin_test::NewClientCert();
  ASSERT_TRUE(stranger.ok());
  std::vector<std::pair<std::string, std::shared_ptr<grpc::ChannelCredentials>>> intruders = {
      {"TLS without a client certificate", p->Credentials(nullptr)},
      {"TLS with another client certificate", p->Credentials(&*stranger)},
      {"plaintext", grpc::InsecureChannelCredentials()},
  };
  for (auto& [what, creds] : intruders) {
    auto channel = p->Connect(creds);
    auto stub = tfplugin6::Provider::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 3s);
    tfplugin6::GetProviderSchema_Request req;
    tfplugin6::GetProviderSchema_Response resp;
    grpc::Status s = stub->GetProviderSchema(&ctx, req, &resp);
    EXPECT_FALSE(s.ok()) << what << " was answered";
    EXPECT_EQ(resp.resource_schemas_size(), 0) << what;
    auto controller = plugin::GRPCController::NewStub(channel);
    grpc::ClientContext ctx2;
    ctx2.set_deadline(std::chrono::system_clock::now() + 3s);
    plugin::Empty e1, e2;
    EXPECT_FALSE(controller->Shutdown(&ctx2, e1, &e2).ok()) << what << " could shut it down";
  }
  // A certificate issued by the host's own certificate passes TLS
  // verification; the exact-certificate check refuses it per call.
  tfplugin_test::ClientCert issued = IssuedBy(p->client_cert());
  {
    auto stub = tfplugin6::Provider::NewStub(p->Connect(p->Credentials(&issued)));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 3s);
    tfplugin6::GetProviderSchema_Request req;
    tfplugin6::GetProviderSchema_Response resp;
    grpc::Status s = stub->GetProviderSchema(&ctx, req, &resp);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << s.error_message();
    EXPECT_EQ(resp.resource_schemas_size(), 0);
  }
  // The rightful host still gets answers: the intruders changed nothing.
  EXPECT_FALSE(p->process().WaitForExit(0ms).has_value());
  auto schema = Schema(*p);
  EXPECT_GE(schema.resource_schemas_size(), 1);
}

TEST_P(LaunchTest, WithoutCookiePrintsHintAndExits1) {
  auto env = QuietEnv();
  env["TF_PLUGIN_MAGIC_COOKIE"] = std::nullopt;
  auto proc = Subprocess::Start({GetParam()}, env);
  ASSERT_TRUE(proc.ok());
  auto code = (*proc)->WaitForExit(5s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 1);
  std::string err = (*proc)->stderr_text();
  EXPECT_NE(err.find("plugin"), std::string::npos) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << "a one-line hint: " << err;
  EXPECT_EQ((*proc)->ReadAll(100ms), "");
}

TEST_P(LaunchTest, WithoutProtocolSixExits1) {
  auto env = QuietEnv();
  env["TF_PLUGIN_MAGIC_COOKIE"] = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
  env["PLUGIN_PROTOCOL_VERSIONS"] = "4,5";
  auto proc = Subprocess::Start({GetParam()}, env);
  ASSERT_TRUE(proc.ok());
  auto code = (*proc)->WaitForExit(5s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 1);
  EXPECT_NE((*proc)->stderr_text().find("protocol"), std::string::npos);
}

TEST_P(LaunchTest, DebugModePrintsReattachAndServesWithoutTls) {
  auto env = QuietEnv();
  env["TF_PLUGIN_MAGIC_COOKIE"] = std::nullopt;
  auto proc = Subprocess::Start({GetParam(), "-debug"}, env);
  ASSERT_TRUE(proc.ok());
  std::string reattach;
  for (int i = 0; i < 10 && reattach.empty(); ++i) {
    auto line = (*proc)->ReadLine(5s);
    ASSERT_TRUE(line.ok()) << line.status() << (*proc)->stderr_text();
    if (line->find("TF_REATTACH_PROVIDERS='") != std::string::npos) reattach = *line;
  }
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      reattach, m,
      std::regex("TF_REATTACH_PROVIDERS='\\{\"registry\\.terraform\\.io/[^\"]+\":\\{\"Protocol\":"
                 "\"grpc\",\"ProtocolVersion\":6,\"Pid\":(\\d+),\"Test\":true,\"Addr\":\\{"
                 "\"Network\":\"unix\",\"String\":\"([^\"]+)\"\\}\\},\"registry\\.opentofu\\.org/")))
      << reattach;
  EXPECT_EQ(std::stoi(m[1].str()), (*proc)->pid());
  std::string socket = m[2].str();
  grpc::ChannelArguments args;
  auto channel = grpc::CreateCustomChannel("unix:" + socket, grpc::InsecureChannelCredentials(), args);
  auto stub = tfplugin6::Provider::NewStub(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + 5s);
  tfplugin6::GetProviderSchema_Request req;
  tfplugin6::GetProviderSchema_Response resp;
  ASSERT_TRUE(stub->GetProviderSchema(&ctx, req, &resp).ok());
  EXPECT_GE(resp.resource_schemas_size(), 1);
  // Terraform's Shutdown does not end a debug server; a signal does.
  auto controller = plugin::GRPCController::NewStub(channel);
  grpc::ClientContext ctx2;
  plugin::Empty e1, e2;
  EXPECT_TRUE(controller->Shutdown(&ctx2, e1, &e2).ok());
  EXPECT_FALSE((*proc)->WaitForExit(300ms).has_value());
  (*proc)->Signal(SIGINT);
  auto code = (*proc)->WaitForExit(3s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

TEST_P(LaunchTest, IgnoresSigintExitsOnSigterm) {
  auto p = Launch();
  ASSERT_TRUE(p);
  p->process().Signal(SIGINT);
  EXPECT_FALSE(p->process().WaitForExit(300ms).has_value()) << "SIGINT must be ignored";
  EXPECT_GE(Schema(*p).resource_schemas_size(), 1);
  p->process().Signal(SIGTERM);
  auto code = p->process().WaitForExit(3s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

// Terraform always passes PLUGIN_MIN_PORT/PLUGIN_MAX_PORT; they do not make
// the provider listen on TCP (transport_test.cc covers where it does).
TEST_P(LaunchTest, UnixSocketEvenWithTheHostsPortRange) {
  auto p = Launch({{"PLUGIN_MIN_PORT", std::string("10000")},
                   {"PLUGIN_MAX_PORT", std::string("25000")}});
  ASSERT_TRUE(p);
  EXPECT_EQ(p->handshake().network, "unix");
  EXPECT_EQ(p->handshake().address.find(':'), std::string::npos) << p->handshake().address;
  EXPECT_GE(Schema(*p).resource_schemas_size(), 1);
}

INSTANTIATE_TEST_SUITE_P(Binaries, LaunchTest, ::testing::ValuesIn(Binaries()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return IsFake(info.param) ? std::string("tptest") : std::string("civo");
                         });

// --- Behaviour that needs the fake provider's controllable resource --------

class FakeLaunchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LaunchOptions o;
    o.binary = TPTEST_PROVIDER_BINARY;
    o.env = QuietEnv();
    o.env["TF_LOG_PROVIDER"] = "INFO";  // the fake's "blocked apply ended" lines
    auto p = ProviderProcess::Launch(o);
    ASSERT_TRUE(p.ok()) << p.status();
    p_ = *std::move(p);
    grpc::ClientContext ctx;
    tfplugin6::GetProviderSchema_Request req;
    tfplugin6::GetProviderSchema_Response resp;
    ASSERT_TRUE(p_->provider().GetProviderSchema(&ctx, req, &resp).ok());
    type_ = *tfplugin_test::ImpliedType(resp.resource_schemas().at("tptest_thing").block());
  }

  Value Thing(const std::string& name) const {
    std::map<std::string, Value> a;
    for (const auto& [k, t] : type_.attributes()) a[k] = Value::Null();
    a["rule"] = Value::List({});
    a["name"] = Value::String(name);
    return Value::Object(a);
  }

  // Starts an apply that blocks inside the provider until its request is
  // cancelled. `client_ctx`, when given, is the call's context (to cancel it).
  std::thread BlockedApply(std::atomic<bool>* done, tfplugin6::ApplyResourceChange_Response* resp,
                           grpc::ClientContext* client_ctx = nullptr) {
    return std::thread([this, done, resp, client_ctx] {
      grpc::ClientContext own;
      grpc::ClientContext& ctx = client_ctx != nullptr ? *client_ctx : own;
      ctx.set_deadline(std::chrono::system_clock::now() + 30s);
      tfplugin6::ApplyResourceChange_Request req;
      req.set_type_name("tptest_thing");
      Value v = Thing(tptest::kBlockUntilCancelled).WithAttr("id", Value::Unknown());
      *req.mutable_planned_state() = *tfplugin_test::Encode(v, type_);
      *req.mutable_config() = *tfplugin_test::Encode(Thing(tptest::kBlockUntilCancelled), type_);
      p_->provider().ApplyResourceChange(&ctx, req, resp);
      done->store(true);
    });
  }

  std::unique_ptr<ProviderProcess> p_;
  Type type_;
};

TEST_F(FakeLaunchTest, StopProviderCancelsABlockedApplyPromptly) {
  std::atomic<bool> done{false};
  tfplugin6::ApplyResourceChange_Response apply_resp;
  std::thread t = BlockedApply(&done, &apply_resp);
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(done.load()) << "the apply should be waiting";
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + 5s);
  tfplugin6::StopProvider_Request req;
  tfplugin6::StopProvider_Response resp;
  ASSERT_TRUE(p_->provider().StopProvider(&ctx, req, &resp).ok());
  EXPECT_TRUE(resp.error().empty());
  t.join();
  EXPECT_TRUE(HasError(apply_resp.diagnostics()));
  EXPECT_NE(DiagnosticsText(apply_resp.diagnostics()).find("Terraform asked the provider to stop"),
            std::string::npos)
      << DiagnosticsText(apply_resp.diagnostics());

  // The same process serves the next run: a request after the stop is not
  // cancelled by it (it waits until it is cancelled itself).
  std::atomic<bool> done2{false};
  tfplugin6::ApplyResourceChange_Response apply_resp2;
  grpc::ClientContext call2;
  std::thread t2 = BlockedApply(&done2, &apply_resp2, &call2);
  std::this_thread::sleep_for(500ms);
  EXPECT_FALSE(done2.load()) << "an earlier StopProvider cancelled a later request: "
                             << DiagnosticsText(apply_resp2.diagnostics());
  call2.TryCancel();
  t2.join();
}

// A client that goes away (cancels the call, as a killed terraform's closed
// connection does) cancels that request's waits in the provider.
TEST_F(FakeLaunchTest, AClientThatGoesAwayCancelsItsRequest) {
  std::atomic<bool> done{false};
  tfplugin6::ApplyResourceChange_Response apply_resp;
  grpc::ClientContext call;
  std::thread t = BlockedApply(&done, &apply_resp, &call);
  std::this_thread::sleep_for(300ms);
  EXPECT_FALSE(done.load()) << "the apply should be waiting";
  call.TryCancel();
  t.join();
  // The provider noticed: its wait ended with the client gone as the cause.
  bool ended = false;
  for (int i = 0; i < 50 && !ended; ++i) {
    ended = p_->process().stderr_text().find("Terraform stopped waiting for the request") !=
            std::string::npos;
    if (!ended) std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(ended) << "the provider kept waiting after its client went away; stderr:\n"
                     << p_->process().stderr_text();
}

// A `-debug` process serves run after run (each run ends with a Shutdown it
// ignores). A Ctrl-C in one run (StopProvider) must not cancel the next.
TEST(DebugMode, StopProviderInOneRunDoesNotCancelTheNext) {
  auto env = QuietEnv();
  env["TF_PLUGIN_MAGIC_COOKIE"] = std::nullopt;
  auto proc = Subprocess::Start({TPTEST_PROVIDER_BINARY, "-debug"}, env);
  ASSERT_TRUE(proc.ok()) << proc.status();
  std::string socket;
  for (int i = 0; i < 10 && socket.empty(); ++i) {
    auto line = (*proc)->ReadLine(5s);
    ASSERT_TRUE(line.ok()) << line.status() << (*proc)->stderr_text();
    std::smatch m;
    if (std::regex_search(*line, m, std::regex("\"String\":\"([^\"]+)\""))) socket = m[1].str();
  }
  ASSERT_FALSE(socket.empty());
  auto channel = grpc::CreateCustomChannel("unix:" + socket, grpc::InsecureChannelCredentials(),
                                           grpc::ChannelArguments());
  auto stub = tfplugin6::Provider::NewStub(channel);
  auto controller = plugin::GRPCController::NewStub(channel);
  Type type;
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    tfplugin6::GetProviderSchema_Request req;
    tfplugin6::GetProviderSchema_Response resp;
    ASSERT_TRUE(stub->GetProviderSchema(&ctx, req, &resp).ok());
    type = *tfplugin_test::ImpliedType(resp.resource_schemas().at("tptest_thing").block());
  }
  auto thing = [&](const std::string& name) {
    std::map<std::string, Value> a;
    for (const auto& [k, t] : type.attributes()) a[k] = Value::Null();
    a["rule"] = Value::List({});
    a["name"] = Value::String(name);
    return Value::Object(a);
  };
  auto apply = [&](const std::string& name, grpc::ClientContext* ctx) {
    ctx->set_deadline(std::chrono::system_clock::now() + 30s);
    tfplugin6::ApplyResourceChange_Request req;
    req.set_type_name("tptest_thing");
    *req.mutable_prior_state() = *tfplugin_test::Encode(Value::Null(), type);
    *req.mutable_planned_state() =
        *tfplugin_test::Encode(thing(name).WithAttr("id", Value::Unknown()), type);
    *req.mutable_config() = *tfplugin_test::Encode(thing(name), type);
    tfplugin6::ApplyResourceChange_Response resp;
    grpc::Status st = stub->ApplyResourceChange(ctx, req, &resp);
    // Only a call the test cancelled itself may fail at the gRPC level.
    EXPECT_TRUE(st.ok() || st.error_code() == grpc::StatusCode::CANCELLED) << st.error_message();
    return resp;
  };
  auto end_run = [&] {  // what Terraform does when a run ends; a debug server stays
    grpc::ClientContext ctx;
    plugin::Empty in, out;
    EXPECT_TRUE(controller->Shutdown(&ctx, in, &out).ok());
  };

  // Run 1: Ctrl-C while an apply waits.
  grpc::ClientContext c1;
  auto first =
      std::async(std::launch::async, [&] { return apply(tptest::kBlockUntilCancelled, &c1); });
  std::this_thread::sleep_for(300ms);
  {
    grpc::ClientContext ctx;
    tfplugin6::StopProvider_Request req;
    tfplugin6::StopProvider_Response resp;
    ASSERT_TRUE(stub->StopProvider(&ctx, req, &resp).ok());
  }
  ASSERT_EQ(first.wait_for(5s), std::future_status::ready);
  EXPECT_NE(DiagnosticsText(first.get().diagnostics()).find("Terraform asked the provider to stop"),
            std::string::npos);
  end_run();

  // Run 2: an apply works, and a waiting one is not cancelled by run 1's stop.
  grpc::ClientContext c2;
  auto ok = apply("run-two", &c2);
  EXPECT_FALSE(HasError(ok.diagnostics())) << DiagnosticsText(ok.diagnostics());
  grpc::ClientContext c3;
  auto waiting =
      std::async(std::launch::async, [&] { return apply(tptest::kBlockUntilCancelled, &c3); });
  EXPECT_EQ(waiting.wait_for(500ms), std::future_status::timeout)
      << "run 1's StopProvider cancelled a request of run 2";
  c3.TryCancel();
  ASSERT_EQ(waiting.wait_for(5s), std::future_status::ready);
  end_run();

  (*proc)->Signal(SIGINT);
  auto code = (*proc)->WaitForExit(3s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

TEST_F(FakeLaunchTest, ShutdownWhileAnRpcIsBlockedStillExitsWithinTwoSeconds) {
  std::atomic<bool> done{false};
  tfplugin6::ApplyResourceChange_Response apply_resp;
  std::thread t = BlockedApply(&done, &apply_resp);
  std::this_thread::sleep_for(300ms);
  auto start = std::chrono::steady_clock::now();
  auto code = p_->Shutdown(2s);
  EXPECT_TRUE(code.has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  t.join();
}

TEST_F(FakeLaunchTest, ManyConcurrentRpcs) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&, i] {
      for (int j = 0; j < 20; ++j) {
        Value v = Thing("t" + std::to_string(i) + "-" + std::to_string(j));
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + 20s);
        tfplugin6::PlanResourceChange_Request req;
        req.set_type_name("tptest_thing");
        *req.mutable_prior_state() = *tfplugin_test::Encode(Value::Null(), type_);
        *req.mutable_proposed_new_state() = *tfplugin_test::Encode(v, type_);
        *req.mutable_config() = *tfplugin_test::Encode(v, type_);
        tfplugin6::PlanResourceChange_Response resp;
        grpc::Status s = p_->provider().PlanResourceChange(&ctx, req, &resp);
        auto planned = tfplugin_test::Decode(resp.planned_state(), type_);
        if (!s.ok() || HasError(resp.diagnostics()) || !planned.ok() ||
            !(planned->Attr("name") == v.Attr("name"))) {
          failures.fetch_add(1);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
