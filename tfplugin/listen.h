// Where a plugin process listens: an address no other process shares.
//
// Terraform starts one provider process per provider configuration (every
// `alias`), and CI runners run many terraform commands at once, so each
// process needs an address of its own. As go-plugin does on Linux and macOS,
// the server listens on a unix socket in a fresh private directory (mode
// 0700) under PLUGIN_UNIX_SOCKET_DIR, else $TMPDIR, else /tmp; the socket and
// its directory are removed when the process stops serving.
//
// Only where a unix socket cannot be used (no AF_UNIX, a path longer than
// sun_path, no directory can be made, or the bind fails) does it fall back to
// TCP on 127.0.0.1, taking the first port in PLUGIN_MIN_PORT..PLUGIN_MAX_PORT
// that it can bind exclusively: SO_REUSEPORT is off (gRPC turns it on by
// default, which let every process bind the same port and the kernel spread
// connections over them), and a port already held is skipped by trying the
// next one, not by probing first. Terraform always sets the port range;
// it no longer selects TCP by itself.
#ifndef TFPLUGIN_LISTEN_H_
#define TFPLUGIN_LISTEN_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"

namespace tfplugin {

// A private directory holding the path of the plugin's unix socket. The
// directory is created with mode 0700; Remove() (and the destructor) unlink
// the socket and remove the directory.
class UnixSocketDir {
 public:
  // mkdtemp("BASE/plugin-XXXXXX"), the socket path "DIR/plugin.sock".
  // Fails when the socket path would not fit a sockaddr_un, when AF_UNIX
  // sockets cannot be created, or when the directory cannot be made.
  static absl::StatusOr<std::unique_ptr<UnixSocketDir>> Create(const std::string& base_dir);
  ~UnixSocketDir();
  UnixSocketDir(const UnixSocketDir&) = delete;
  UnixSocketDir& operator=(const UnixSocketDir&) = delete;

  const std::string& dir() const { return dir_; }
  const std::string& socket_path() const { return socket_path_; }
  // Idempotent. Existing connections stay up; no new one can be made.
  void Remove();
  // Also removes the socket and directory if the process dies of a crash
  // signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT), before the signal's
  // previous disposition runs. One directory per process; until Remove().
  void RemoveOnFatalSignal();

 private:
  UnixSocketDir(std::string dir, std::string socket_path)
      : dir_(std::move(dir)), socket_path_(std::move(socket_path)) {}
  std::string dir_;
  std::string socket_path_;
  bool removed_ = false;
};

// PLUGIN_UNIX_SOCKET_DIR, else $TMPDIR, else /tmp (go-plugin's choice:
// os.CreateTemp(PLUGIN_UNIX_SOCKET_DIR, ...) with Go's os.TempDir()).
std::string UnixSocketBaseDir();

// PLUGIN_MIN_PORT..PLUGIN_MAX_PORT as go-plugin's TCP listener reads them: an
// unset variable is 0, so neither set means 0..0 (any free port).
absl::StatusOr<std::pair<int, int>> TcpPortRangeFromEnvironment();

struct ListenOptions {
  // False forces TCP: the caller has decided a unix socket cannot be used
  // (tests; Listen() also decides so itself when Create() or the bind fails).
  bool try_unix = true;
  std::string unix_base_dir;  // see UnixSocketBaseDir()
  // Read only if TCP is needed; nullopt: from TcpPortRangeFromEnvironment().
  std::optional<std::pair<int, int>> tcp_ports;
};

struct Listening {
  std::unique_ptr<grpc::Server> server;  // started
  std::string network;                   // "unix" or "tcp"
  std::string address;                   // socket path, or "127.0.0.1:PORT"
  std::unique_ptr<UnixSocketDir> socket_dir;  // set for "unix"
  std::string unix_error;  // why a unix socket was not used, when "tcp"
};

// Builds and starts a server: `configure` registers services and options on
// each ServerBuilder tried (it may be called more than once, so it must only
// configure, and the services must outlive the server).
absl::StatusOr<Listening> Listen(const std::function<void(grpc::ServerBuilder&)>& configure,
                                 const std::shared_ptr<grpc::ServerCredentials>& creds,
                                 const ListenOptions& options);

}  // namespace tfplugin

#endif  // TFPLUGIN_LISTEN_H_
