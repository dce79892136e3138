#include "tfplugin/serve.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>

#include "tfplugin/handshake.h"
#include "tfplugin/listen.h"
#include "tfplugin/log.h"
#include "tfplugin/plugin_services.h"
#include "tfplugin/tls.h"

namespace tfplugin {
namespace {

constexpr char kModule[] = "tfplugin";
constexpr int kMaxMessageBytes = 256 << 20;
// Each blocking RPC (an apply waiting for a build) holds one sync-server
// thread for its whole duration; Terraform runs 10 at once by default and
// users raise -parallelism. Threads are only created on demand, so a high cap
// costs nothing until used, while a low one would refuse calls.
constexpr int kMaxThreads = 64;
// How long in-flight RPCs get to finish at shutdown before being cancelled,
// and when the process gives up on a clean exit (the host kills at 2 s).
constexpr auto kShutdownGrace = std::chrono::milliseconds(300);
constexpr auto kExitDeadline = std::chrono::milliseconds(1500);

void WriteStdout(const std::string& text) {
  size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(STDOUT_FILENO, text.data() + off, text.size() - off);
    if (n <= 0) return;
    off += static_cast<size_t>(n);
  }
}

void WriteStderrLine(const std::string& text) {
  std::string line = text + "\n";
  [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
}

struct Args {
  bool debug = false;
  bool version = false;
  std::string bad;
};

Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "-debug" || s == "--debug") {
      a.debug = true;
    } else if (s == "-version" || s == "--version") {
      a.version = true;
    } else {
      a.bad = s;
    }
  }
  return a;
}

// Exits the process if a clean shutdown has not finished by the deadline:
// a handler stuck in provider code must not keep the host waiting.
class ExitWatchdog {
 public:
  ExitWatchdog() {
    thread_ = std::thread([this] {
      std::unique_lock<std::mutex> lock(mu_);
      if (!cv_.wait_for(lock, kExitDeadline, [this] { return done_; })) {
        WriteStderrLine("{\"@level\":\"error\",\"@message\":\"shutdown timed out; exiting\"}");
        std::_Exit(0);
      }
    });
  }
  ~ExitWatchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

int Serve(int argc, char** argv, const ServeOptions& options, ProviderService::Factory factory) {
  Args args = ParseArgs(argc, argv);
  if (!args.bad.empty()) {
    WriteStderrLine("unknown argument " + args.bad + " (usage: " + argv[0] +
                    " [-debug] [-version])");
    return 2;
  }
  if (args.version) {
    WriteStdout(options.version + "\n");
    return 0;
  }
  InitLoggingFromEnvironment();

  int protocol = kPluginProtocolVersion;
  if (!args.debug) {
    const char* cookie = std::getenv(kMagicCookieKey);
    if (cookie == nullptr || std::strcmp(cookie, kMagicCookieValue) != 0) {
      WriteStderrLine(
          "This binary is a Terraform/OpenTofu plugin: it is started by terraform or tofu, not "
          "by hand (run it with -debug to serve for TF_REATTACH_PROVIDERS).");
      return 1;
    }
    absl::StatusOr<int> negotiated = NegotiateProtocolVersion(std::getenv("PLUGIN_PROTOCOL_VERSIONS"));
    if (!negotiated.ok()) {
      WriteStderrLine("plugin protocol negotiation failed: " +
                      std::string(negotiated.status().message()));
      return 1;
    }
    protocol = *negotiated;
  }

  // Signals: handled by this thread through a signalfd, so they are blocked
  // before gRPC starts its threads (which inherit the mask).
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t handled;
  sigemptyset(&handled);
  sigaddset(&handled, SIGTERM);
  sigaddset(&handled, SIGHUP);  // a closed terminal: exit cleanly, socket removed
  if (args.debug) {
    sigaddset(&handled, SIGINT);
  } else {
    ::signal(SIGINT, SIG_IGN);  // the host sends StopProvider on Ctrl-C
  }
  ::pthread_sigmask(SIG_BLOCK, &handled, nullptr);
  int sig_fd = ::signalfd(-1, &handled, SFD_CLOEXEC | SFD_NONBLOCK);

  // Credentials: AutoMTLS when the host gave its certificate.
  std::shared_ptr<grpc::ServerCredentials> creds;
  std::string cert_b64;
  const char* client_cert = std::getenv("PLUGIN_CLIENT_CERT");
  if (!args.debug && client_cert != nullptr && *client_cert != '\0') {
    absl::StatusOr<std::string> client_der = CertPemToDer(client_cert);
    if (!client_der.ok()) {
      WriteStderrLine("plugin init error: PLUGIN_CLIENT_CERT is not a PEM certificate");
      return 1;
    }
    absl::StatusOr<GeneratedCert> server_cert = GenerateSelfSignedCert();
    if (!server_cert.ok()) {
      WriteStderrLine("plugin init error: " + std::string(server_cert.status().message()));
      return 1;
    }
    grpc::SslServerCredentialsOptions ssl(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = client_cert;
    ssl.pem_key_cert_pairs.push_back({server_cert->key_pem, server_cert->cert_pem});
    creds = grpc::SslServerCredentials(ssl);
    creds->SetAuthMetadataProcessor(
        std::make_shared<ExactClientCertProcessor>(*std::move(client_der)));
    cert_b64 = Base64RawStd(server_cert->cert_der);
  } else {
    creds = grpc::InsecureServerCredentials();
  }

  ShutdownSignal shutdown;
  ProviderService provider_service(std::move(factory));
  ControllerService controller(&shutdown, /*honour_shutdown=*/!args.debug);
  StdioService stdio;
  BrokerService broker;

  grpc::EnableDefaultHealthCheckService(true);
  grpc::ResourceQuota quota("tfplugin");
  quota.SetMaxThreads(kMaxThreads);
  auto configure = [&](grpc::ServerBuilder& builder) {
    builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
    builder.SetMaxSendMessageSize(kMaxMessageBytes);
    builder.SetResourceQuota(quota);
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::NUM_CQS, 1);
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 1);
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 2);
    builder.RegisterService(&provider_service);
    builder.RegisterService(&controller);
    builder.RegisterService(&stdio);
    builder.RegisterService(&broker);
  };
  // A unix socket of this process's own (listen.h); TCP only where that
  // cannot be used.
  ListenOptions listen_options;
  listen_options.unix_base_dir = UnixSocketBaseDir();
  absl::StatusOr<Listening> listening = Listen(configure, creds, listen_options);
  if (!listening.ok()) {
    WriteStderrLine("plugin init error: " + std::string(listening.status().message()));
    return 1;
  }
  if (listening->network != "unix") {
    Log(LogLevel::kWarn, kModule, "serving on TCP: a unix socket cannot be used here",
        {{"reason", listening->unix_error}, {"address", listening->address}});
  }
  if (listening->socket_dir) listening->socket_dir->RemoveOnFatalSignal();
  std::unique_ptr<grpc::Server>& server = listening->server;
  const std::string& network = listening->network;
  const std::string& address = listening->address;
  server->GetHealthCheckService()->SetServingStatus("plugin", true);

  if (args.debug) {
    WriteStdout("Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS "
                "environment variable with the following:\n\n\tTF_REATTACH_PROVIDERS='" +
                ReattachJson(options.provider_addresses, static_cast<int>(::getpid()), network,
                             address) +
                "'\n\n");
  } else {
    WriteStdout(HandshakeLine(protocol, network, address, cert_b64) + "\n");
  }
  Log(LogLevel::kDebug, kModule, "plugin serving",
      {{"network", network}, {"address", address}, {"version", options.version},
       {"tls", !cert_b64.empty()}});

  // Wait for Shutdown or a signal.
  for (;;) {
    pollfd fds[2] = {{shutdown.fd(), POLLIN, 0}, {sig_fd, POLLIN, 0}};
    int n = ::poll(fds, sig_fd >= 0 ? 2 : 1, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    if (fds[0].revents != 0) break;
    if (sig_fd >= 0 && fds[1].revents != 0) {
      signalfd_siginfo info{};
      [[maybe_unused]] ssize_t r = ::read(sig_fd, &info, sizeof info);
      Log(LogLevel::kDebug, kModule, "signal received, exiting",
          {{"signal", static_cast<int64_t>(info.ssi_signo)}});
      break;
    }
  }

  // No new connection from here on; the directory goes with the socket.
  if (listening->socket_dir) listening->socket_dir->Remove();
  {
    ExitWatchdog watchdog;
    provider_service.StopIfStarted();  // abort long waits so handlers return
    server->Shutdown(std::chrono::system_clock::now() + kShutdownGrace);
    server->Wait();
  }
  if (sig_fd >= 0) ::close(sig_fd);
  return 0;
}

}  // namespace tfplugin
