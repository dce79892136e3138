#include "tfplugin/listen.h"

#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include <grpc/grpc.h>

#include "absl/strings/numbers.h"

namespace tfplugin {
namespace {

constexpr char kDirTemplate[] = "plugin-XXXXXX";
constexpr char kSocketName[] = "plugin.sock";

std::string Errno(int e) { return std::strerror(e); }

// Builds and starts one server listening on `uri`; nullptr when the port
// cannot be added (gRPC's bind failed).
std::unique_ptr<grpc::Server> Build(const std::function<void(grpc::ServerBuilder&)>& configure,
                                    const std::shared_ptr<grpc::ServerCredentials>& creds,
                                    const std::string& uri, int* selected_port) {
  grpc::ServerBuilder builder;
  configure(builder);
  // gRPC sets SO_REUSEPORT on TCP listeners unless told not to; with it, a
  // second process binds the same port and the kernel shares connections
  // between them. Without it the bind fails and we move to the next port.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(uri, creds, selected_port);
  return builder.BuildAndStart();
}

// What the crash handler removes: plain buffers, as a signal handler may
// only make async-signal-safe calls (unlink, rmdir, sigaction, raise).
constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
char g_crash_socket[sizeof(sockaddr_un::sun_path)];
char g_crash_dir[sizeof(sockaddr_un::sun_path)];
struct sigaction g_previous[std::size(kFatalSignals)];
bool g_crash_handler_installed = false;

void OnFatalSignal(int sig, siginfo_t* info, void*) {
  if (g_crash_socket[0] != '\0') ::unlink(g_crash_socket);
  if (g_crash_dir[0] != '\0') ::rmdir(g_crash_dir);
  for (size_t i = 0; i < std::size(kFatalSignals); ++i) {
    if (kFatalSignals[i] == sig) ::sigaction(sig, &g_previous[i], nullptr);
  }
  // Now for the previous handler (a sanitizer's) or the default action: a
  // fault recurs by itself when the instruction runs again, with its own
  // details; a sent signal (kill, abort) is sent again, delivered on return.
  if (info == nullptr || info->si_code <= 0) ::raise(sig);
}

}  // namespace

absl::StatusOr<std::unique_ptr<UnixSocketDir>> UnixSocketDir::Create(const std::string& base_dir) {
  std::string base = base_dir.empty() ? "/tmp" : base_dir;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  std::string tmpl = base + "/" + kDirTemplate;
  std::string socket_path = tmpl + "/" + kSocketName;
  // gRPC (like the kernel) needs the path and its NUL inside sun_path.
  if (socket_path.size() >= sizeof(sockaddr_un::sun_path)) {
    return absl::FailedPreconditionError(
        "unix socket path would be " + std::to_string(socket_path.size()) +
        " bytes, longer than a unix socket address allows (" +
        std::to_string(sizeof(sockaddr_un::sun_path) - 1) + "); " + base +
        " is too long (set PLUGIN_UNIX_SOCKET_DIR or TMPDIR to a shorter directory)");
  }
  // The path is announced in the '|'-separated handshake line.
  if (base.find_first_of("|\n") != std::string::npos) {
    return absl::FailedPreconditionError("the socket directory " + base +
                                         " contains '|' or a line break");
  }
  int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (probe < 0) {
    return absl::UnavailableError("unix sockets are unavailable: " + Errno(errno));
  }
  ::close(probe);
  // mkdtemp makes the directory 0700 (less any umask bits); chmod makes it
  // exactly 0700 whatever the umask.
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return absl::UnavailableError("cannot create a private socket directory in " + base + ": " +
                                  Errno(errno));
  }
  ::chmod(tmpl.c_str(), 0700);
  socket_path = tmpl + "/" + kSocketName;
  return std::unique_ptr<UnixSocketDir>(new UnixSocketDir(tmpl, socket_path));
}

UnixSocketDir::~UnixSocketDir() { Remove(); }

void UnixSocketDir::RemoveOnFatalSignal() {
  if (removed_) return;
  // Both fit: Create() checked the socket path against sun_path.
  std::strncpy(g_crash_socket, socket_path_.c_str(), sizeof g_crash_socket - 1);
  std::strncpy(g_crash_dir, dir_.c_str(), sizeof g_crash_dir - 1);
  if (g_crash_handler_installed) return;
  g_crash_handler_installed = true;
  for (size_t i = 0; i < std::size(kFatalSignals); ++i) {
    struct sigaction sa {};
    sa.sa_sigaction = OnFatalSignal;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    ::sigaction(kFatalSignals[i], &sa, &g_previous[i]);
  }
}

void UnixSocketDir::Remove() {
  if (removed_) return;
  removed_ = true;
  if (std::strcmp(g_crash_dir, dir_.c_str()) == 0) {
    g_crash_socket[0] = '\0';
    g_crash_dir[0] = '\0';
  }
  ::unlink(socket_path_.c_str());
  ::rmdir(dir_.c_str());
}

std::string UnixSocketBaseDir() {
  for (const char* name : {"PLUGIN_UNIX_SOCKET_DIR", "TMPDIR"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return v;
  }
  return "/tmp";
}

absl::StatusOr<std::pair<int, int>> TcpPortRangeFromEnvironment() {
  int bounds[2] = {0, 0};
  const char* names[2] = {"PLUGIN_MIN_PORT", "PLUGIN_MAX_PORT"};
  for (int i = 0; i < 2; ++i) {
    const char* v = std::getenv(names[i]);
    if (v == nullptr || *v == '\0') continue;
    if (!absl::SimpleAtoi(v, &bounds[i]) || bounds[i] < 0 || bounds[i] > 65535) {
      return absl::InvalidArgumentError(std::string(names[i]) + " is not a port number: " + v);
    }
  }
  if (bounds[0] > bounds[1]) {
    return absl::InvalidArgumentError("PLUGIN_MIN_PORT (" + std::to_string(bounds[0]) +
                                      ") is greater than PLUGIN_MAX_PORT (" +
                                      std::to_string(bounds[1]) + ")");
  }
  return std::make_pair(bounds[0], bounds[1]);
}

absl::StatusOr<Listening> Listen(const std::function<void(grpc::ServerBuilder&)>& configure,
                                 const std::shared_ptr<grpc::ServerCredentials>& creds,
                                 const ListenOptions& options) {
  Listening out;
  if (options.try_unix) {
    absl::StatusOr<std::unique_ptr<UnixSocketDir>> dir = UnixSocketDir::Create(options.unix_base_dir);
    if (dir.ok()) {
      out.server = Build(configure, creds, "unix:" + (*dir)->socket_path(), nullptr);
      if (out.server) {
        // Private to this user: the directory already is, the socket too.
        ::chmod((*dir)->socket_path().c_str(), 0700);
        out.network = "unix";
        out.address = (*dir)->socket_path();
        out.socket_dir = *std::move(dir);
        return out;
      }
      out.unix_error = "cannot listen on unix socket " + (*dir)->socket_path();
    } else {
      out.unix_error = std::string(dir.status().message());
    }
  } else {
    out.unix_error = "unix socket not tried";
  }

  std::pair<int, int> range;
  if (options.tcp_ports.has_value()) {
    range = *options.tcp_ports;
  } else {
    absl::StatusOr<std::pair<int, int>> env = TcpPortRangeFromEnvironment();
    if (!env.ok()) {
      return absl::InvalidArgumentError(out.unix_error + "; and for TCP: " +
                                        std::string(env.status().message()));
    }
    range = *env;
  }
  for (int port = range.first; port <= range.second; ++port) {
    int selected = 0;
    out.server = Build(configure, creds, "127.0.0.1:" + std::to_string(port), &selected);
    if (out.server) {
      out.network = "tcp";
      out.address = "127.0.0.1:" + std::to_string(selected);
      return out;
    }
  }
  return absl::UnavailableError(out.unix_error + "; and no port in " +
                                std::to_string(range.first) + ".." +
                                std::to_string(range.second) +
                                " of 127.0.0.1 could be bound (PLUGIN_MIN_PORT..PLUGIN_MAX_PORT)");
}

}  // namespace tfplugin
