// handshake_time RUNS BINARY...: the time from exec to the plugin handshake
// line on stdout, for each binary, RUNS times, interleaved (so a noisy
// machine hurts all binaries alike). Launches as Terraform does: magic
// cookie, PLUGIN_PROTOCOL_VERSIONS, and PLUGIN_CLIENT_CERT (AutoMTLS). Prints
// one line per run, "INDEX handshake_ms VALUE", for scripts/bench.sh.
//
// Why not tfdriver's handshake_ms alone: that includes the go-plugin client's
// own work after the line arrives, the same for every plugin, which pulls
// every ratio towards 1.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "tfplugin/tls.h"

extern char** environ;

namespace {

constexpr char kCookie[] =
    "TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

// One launch: milliseconds from posix_spawn to the first '\n' on stdout, or
// a negative number when the plugin exited or printed nothing in 10 s.
double TimeToHandshake(const std::string& binary, const std::vector<std::string>& env) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> envp;
  for (const std::string& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  char* argv[] = {const_cast<char*>(binary.c_str()), nullptr};
  pid_t pid = -1;
  const auto start = std::chrono::steady_clock::now();
  const int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  double ms = -1;
  if (rc == 0) {
    char c;
    for (;;) {
      ssize_t n = read(out[0], &c, 1);
      if (n != 1) break;
      if (c == '\n') {
        ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        break;
      }
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  close(out[0]);
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s RUNS BINARY...\n", argv[0]);
    return 2;
  }
  const int runs = std::atoi(argv[1]);
  auto client = tfplugin::GenerateSelfSignedCert();
  if (!client.ok()) {
    std::fprintf(stderr, "cannot make a client certificate\n");
    return 1;
  }
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv = *e;
    if (kv.rfind("TF_LOG", 0) == 0 || kv.rfind("PLUGIN_", 0) == 0) continue;
    env.push_back(kv);
  }
  env.push_back(kCookie);
  env.push_back("PLUGIN_PROTOCOL_VERSIONS=5,6");
  env.push_back("PLUGIN_CLIENT_CERT=" + client->cert_pem);
  const int binaries = argc - 2;
  for (int r = 0; r < runs; ++r) {
    for (int k = 0; k < binaries; ++k) {
      const int b = (r % 2 == 0) ? k : binaries - 1 - k;  // alternate the order
      const double ms = TimeToHandshake(argv[2 + b], env);
      if (ms < 0) {
        std::fprintf(stderr, "%s printed no handshake line\n", argv[2 + b]);
        return 1;
      }
      std::printf("%d handshake_ms %.3f\n", b, ms);
    }
  }
  return 0;
}
