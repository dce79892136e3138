// tfplugin_test_client: launch a provider plugin binary exactly as Terraform
// does, and talk to it over gRPC.
//
//   auto p = tfplugin_test::ProviderProcess::Launch({.binary = "build/terraform-provider-civo"});
//   ASSERT_TRUE(p.ok()) << p.status();
//   tfplugin6::GetProviderSchema::Request req;  tfplugin6::GetProviderSchema::Response resp;
//   grpc::ClientContext ctx;
//   (*p)->provider().GetProviderSchema(&ctx, req, &resp);
//   ...
//   EXPECT_EQ((*p)->Shutdown(std::chrono::seconds(2)), 0);   // exit code
//
// Launch sets TF_PLUGIN_MAGIC_COOKIE, PLUGIN_PROTOCOL_VERSIONS=5,6,
// PLUGIN_MIN_PORT=10000 and PLUGIN_MAX_PORT=25000 (as Terraform does) and
// PLUGIN_CLIENT_CERT (a fresh self-signed client certificate, as go-plugin's
// AutoMTLS), reads the handshake line `1|6|unix|PATH|grpc|CERT` from the
// child's stdout, and connects over mutual TLS (server name "localhost",
// the certificate from the handshake line as the only root). The child's
// stderr (the provider's JSON log lines) is kept in a file: stderr_text().
#ifndef TESTS_SUPPORT_TFPLUGIN_TEST_CLIENT_H_
#define TESTS_SUPPORT_TFPLUGIN_TEST_CLIENT_H_

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "proto/grpc_controller.grpc.pb.h"
#include "proto/tfplugin6.grpc.pb.h"
#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"

namespace tfplugin_test {

// A child process with stdout on a pipe and stderr in a temporary file.
class Subprocess {
 public:
  // argv[0] is the program path. `env` entries override the inherited
  // environment; an entry with value std::nullopt removes a variable.
  static absl::StatusOr<std::unique_ptr<Subprocess>> Start(
      const std::vector<std::string>& argv,
      const std::map<std::string, std::optional<std::string>>& env);
  ~Subprocess();  // kills (SIGKILL) and reaps a child still running

  pid_t pid() const { return pid_; }
  // The next stdout line (without '\n'), or an error on EOF or timeout.
  absl::StatusOr<std::string> ReadLine(std::chrono::milliseconds timeout);
  // Everything on stdout until EOF or timeout.
  std::string ReadAll(std::chrono::milliseconds timeout);
  // The exit code (128+signal when killed by a signal), or nullopt on timeout.
  std::optional<int> WaitForExit(std::chrono::milliseconds timeout);
  void Signal(int sig);
  std::string stderr_text() const;

 private:
  Subprocess() = default;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string stdout_buf_;
  std::string stderr_path_;
  std::optional<int> exit_code_;
};

struct LaunchOptions {
  std::string binary;
  std::vector<std::string> args;
  // Extra or overriding environment (e.g. CIVO_API_URL, TF_LOG).
  std::map<std::string, std::optional<std::string>> env;
  std::string protocol_versions = "5,6";
  std::chrono::milliseconds handshake_timeout{10000};
};

// A self-signed client certificate as go-plugin's AutoMTLS makes one.
struct ClientCert {
  std::string cert_pem;
  std::string key_pem;
};
absl::StatusOr<ClientCert> NewClientCert();

// The parsed handshake line.
struct Handshake {
  int core_version = 0;
  int protocol_version = 0;
  std::string network;  // "unix" or "tcp"
  std::string address;
  std::string protocol;  // "grpc"
  std::string server_cert_pem;  // empty when the plugin serves without TLS
};
absl::StatusOr<Handshake> ParseHandshake(const std::string& line);

class ProviderProcess {
 public:
  static absl::StatusOr<std::unique_ptr<ProviderProcess>> Launch(const LaunchOptions& options);
  // Starts `count` processes (each with its own client certificate) before
  // reading any handshake line, so they all start up at the same time.
  static absl::StatusOr<std::vector<std::unique_ptr<ProviderProcess>>> LaunchMany(
      const LaunchOptions& options, int count);
  // Shuts the plugin down (GRPCController/Shutdown, 2 s) and kills it if needed.
  ~ProviderProcess();

  tfplugin6::Provider::Stub& provider() { return *provider_; }
  plugin::GRPCController::Stub& controller() { return *controller_; }
  std::shared_ptr<grpc::Channel> channel() { return channel_; }
  const Handshake& handshake() const { return handshake_; }
  const ClientCert& client_cert() const { return client_cert_; }
  Subprocess& process() { return *process_; }
  pid_t pid() const { return process_->pid(); }
  // The gRPC target for the plugin's address ("unix:/path" or "ipv4:host:port").
  std::string target() const;

  // A new channel to the plugin with other credentials (for refusal tests).
  std::shared_ptr<grpc::Channel> Connect(std::shared_ptr<grpc::ChannelCredentials> creds) const;
  // TLS credentials trusting the plugin's certificate, optionally presenting
  // a client certificate.
  std::shared_ptr<grpc::ChannelCredentials> Credentials(const ClientCert* client) const;

  // Calls GRPCController/Shutdown and waits for the process to exit. Returns
  // the exit code, or nullopt if it did not exit within `timeout`.
  std::optional<int> Shutdown(std::chrono::milliseconds timeout);

 private:
  ProviderProcess() = default;
  static absl::StatusOr<std::unique_ptr<ProviderProcess>> Start(const LaunchOptions& options);
  absl::Status CompleteHandshake(std::chrono::milliseconds timeout);
  std::unique_ptr<Subprocess> process_;
  Handshake handshake_;
  ClientCert client_cert_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<tfplugin6::Provider::Stub> provider_;
  std::unique_ptr<plugin::GRPCController::Stub> controller_;
  bool exited_ = false;
};

// --- Values -----------------------------------------------------------------

// The cty type a tfplugin6 schema block implies (what Terraform decodes and
// encodes that resource's values with).
absl::StatusOr<tfplugin::cty::Type> ImpliedType(const tfplugin6::Schema::Block& block);
// MessagePack DynamicValue for `value` of `type`.
absl::StatusOr<tfplugin6::DynamicValue> Encode(const tfplugin::cty::Value& value,
                                               const tfplugin::cty::Type& type);
// Decodes a DynamicValue (MessagePack, or JSON when MessagePack is empty).
absl::StatusOr<tfplugin::cty::Value> Decode(const tfplugin6::DynamicValue& dv,
                                            const tfplugin::cty::Type& type);
// "ERROR summary: detail (at path)" lines, one per diagnostic, for messages.
std::string DiagnosticsText(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& d);
bool HasError(const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& d);

}  // namespace tfplugin_test

#endif  // TESTS_SUPPORT_TFPLUGIN_TEST_CLIENT_H_
