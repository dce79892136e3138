// Where the plugin listens (tfplugin/listen.h), in process: the private
// socket directory, the environment it honours, and the TCP fallback's
// exclusive bind.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <string>

#include "tests/support/free_ports.h"
#include "tfplugin/listen.h"
#include "tfplugin/plugin_services.h"

namespace {

using namespace std::chrono_literals;

// A temporary directory for one test, removed with what is left in it.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/listen-test-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Restores an environment variable at the end of a test.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    const char* old = ::getenv(name);
    if (old != nullptr) old_ = old;
    had_ = old != nullptr;
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (had_) {
      ::setenv(name_, old_.c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
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

// A listener as gRPC's default makes them (SO_REUSEPORT on), holding a port
// on 127.0.0.1 the way another process's server would.
class ReuseportHolder {
 public:
  // `port` 0: one the kernel picks.
  explicit ReuseportHolder(int port = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 && ::listen(fd_, 4) == 0) {
      socklen_t len = sizeof a;
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
      port_ = ntohs(a.sin_port);
    }
  }
  ~ReuseportHolder() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// One real service (a server with none does not start).
void OneService(grpc::ServerBuilder& builder) {
  static tfplugin::ShutdownSignal signal;
  static tfplugin::ControllerService controller(&signal, /*honour_shutdown=*/false);
  builder.RegisterService(&controller);
}

bool Reachable(const std::string& target) {
  auto channel = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  return channel->WaitForConnected(std::chrono::system_clock::now() + 5s);
}

TEST(UnixSocketDir, PrivateDirectoryRemovedWithItsSocket) {
  TempDir base;
  std::string dir;
  {
    auto d = tfplugin::UnixSocketDir::Create(base.path() + "/");
    ASSERT_TRUE(d.ok()) << d.status();
    dir = (*d)->dir();
    EXPECT_EQ(dir.rfind(base.path() + "/plugin-", 0), 0u) << dir;
    EXPECT_EQ((*d)->socket_path(), dir + "/plugin.sock");
    EXPECT_TRUE(S_ISDIR(Mode(dir)));
    EXPECT_EQ(Mode(dir) & 07777, 0700u);
    EXPECT_FALSE(Exists((*d)->socket_path())) << "the socket path must be free for bind()";
    auto other = tfplugin::UnixSocketDir::Create(base.path());
    ASSERT_TRUE(other.ok());
    EXPECT_NE((*other)->dir(), dir) << "every process gets a directory of its own";
  }
  EXPECT_FALSE(Exists(dir)) << "the directory outlived its owner";
}

TEST(UnixSocketDir, ExactlyPrivateEvenUnderAPermissiveOrStrictUmask) {
  TempDir base;
  for (mode_t mask : {mode_t{0}, mode_t{0777}}) {
    mode_t old = ::umask(mask);
    auto d = tfplugin::UnixSocketDir::Create(base.path());
    ::umask(old);
    ASSERT_TRUE(d.ok()) << d.status();
    EXPECT_EQ(Mode((*d)->dir()) & 07777, 0700u) << "umask " << mask;
  }
}

TEST(UnixSocketDir, RefusesWhatCannotWork) {
  TempDir base;
  // sun_path holds 107 bytes and a NUL; this base leaves no room.
  std::string long_base = base.path() + "/" + std::string(100, 'd');
  auto d = tfplugin::UnixSocketDir::Create(long_base);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("too long"), std::string::npos) << d.status();

  auto missing = tfplugin::UnixSocketDir::Create(base.path() + "/no/such/dir");
  EXPECT_FALSE(missing.ok());

  // '|' would split the handshake line.
  ASSERT_EQ(::mkdir((base.path() + "/a|b").c_str(), 0700), 0);
  EXPECT_FALSE(tfplugin::UnixSocketDir::Create(base.path() + "/a|b").ok());
}

TEST(UnixSocketBaseDir, PluginUnixSocketDirThenTmpdirThenTmp) {
  {
    ScopedEnv a("PLUGIN_UNIX_SOCKET_DIR", "/var/run/x");
    ScopedEnv b("TMPDIR", "/var/tmp");
    EXPECT_EQ(tfplugin::UnixSocketBaseDir(), "/var/run/x");
  }
  {
    ScopedEnv a("PLUGIN_UNIX_SOCKET_DIR", "");
    ScopedEnv b("TMPDIR", "/var/tmp");
    EXPECT_EQ(tfplugin::UnixSocketBaseDir(), "/var/tmp");
  }
  {
    ScopedEnv a("PLUGIN_UNIX_SOCKET_DIR", nullptr);
    ScopedEnv b("TMPDIR", nullptr);
    EXPECT_EQ(tfplugin::UnixSocketBaseDir(), "/tmp");
  }
}

TEST(TcpPortRange, AsGoPluginReadsIt) {
  {
    ScopedEnv a("PLUGIN_MIN_PORT", nullptr);
    ScopedEnv b("PLUGIN_MAX_PORT", nullptr);
    auto r = tfplugin::TcpPortRangeFromEnvironment();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, std::make_pair(0, 0)) << "unset: any free port";
  }
  {
    ScopedEnv a("PLUGIN_MIN_PORT", "10000");
    ScopedEnv b("PLUGIN_MAX_PORT", "25000");
    auto r = tfplugin::TcpPortRangeFromEnvironment();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, std::make_pair(10000, 25000));
  }
  {
    ScopedEnv a("PLUGIN_MIN_PORT", "10010");
    ScopedEnv b("PLUGIN_MAX_PORT", "10000");
    EXPECT_FALSE(tfplugin::TcpPortRangeFromEnvironment().ok());
  }
  {
    ScopedEnv a("PLUGIN_MIN_PORT", "10000");
    ScopedEnv b("PLUGIN_MAX_PORT", nullptr);
    EXPECT_FALSE(tfplugin::TcpPortRangeFromEnvironment().ok()) << "go-plugin: max 0 < min";
  }
  {
    ScopedEnv a("PLUGIN_MIN_PORT", "ten");
    ScopedEnv b("PLUGIN_MAX_PORT", "99999");
    EXPECT_FALSE(tfplugin::TcpPortRangeFromEnvironment().ok());
  }
}

TEST(Listen, UnixSocketEvenWithTheHostsPortRange) {
  TempDir base;
  ScopedEnv a("PLUGIN_MIN_PORT", "10000");
  ScopedEnv b("PLUGIN_MAX_PORT", "25000");
  tfplugin::ListenOptions o;
  o.unix_base_dir = base.path();
  auto l = tfplugin::Listen(OneService, grpc::InsecureServerCredentials(), o);
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_EQ(l->network, "unix");
  ASSERT_TRUE(l->socket_dir);
  EXPECT_EQ(l->address, l->socket_dir->socket_path());
  EXPECT_TRUE(S_ISSOCK(Mode(l->address)));
  EXPECT_EQ(Mode(l->address) & 0077, 0u) << "socket open to others";
  EXPECT_TRUE(Reachable("unix:" + l->address));
  std::string dir = l->socket_dir->dir();
  l->server->Shutdown();
  l->socket_dir->Remove();
  EXPECT_FALSE(Exists(l->address));
  EXPECT_FALSE(Exists(dir));
}

TEST(Listen, FallsBackToTcpWhereAUnixSocketCannotBeUsed) {
  TempDir base;
  tfplugin::ListenOptions o;
  o.unix_base_dir = base.path() + "/" + std::string(100, 'd');
  o.tcp_ports = std::make_pair(0, 0);
  auto l = tfplugin::Listen(OneService, grpc::InsecureServerCredentials(), o);
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_EQ(l->network, "tcp");
  EXPECT_FALSE(l->socket_dir);
  EXPECT_NE(l->unix_error.find("too long"), std::string::npos) << l->unix_error;
  EXPECT_EQ(l->address.rfind("127.0.0.1:", 0), 0u) << l->address;
  EXPECT_NE(l->address, "127.0.0.1:0");
  EXPECT_TRUE(Reachable("ipv4:" + l->address));
  l->server->Shutdown();
}

// The bug this replaces: gRPC's default SO_REUSEPORT let a second server
// bind a port another one already listened on.
TEST(Listen, TcpNeverSharesAPortWithAReuseportListener) {
  ReuseportHolder other;
  ASSERT_NE(other.port(), 0);
  tfplugin::ListenOptions o;
  o.try_unix = false;
  o.tcp_ports = std::make_pair(other.port(), other.port());
  auto l = tfplugin::Listen(OneService, grpc::InsecureServerCredentials(), o);
  EXPECT_FALSE(l.ok()) << "bound " << l->address << " beside another listener";
  if (!l.ok()) {
    EXPECT_NE(l.status().message().find(std::to_string(other.port())), std::string::npos)
        << l.status();
  }
}

TEST(Listen, TcpTakesTheNextPortWhenOneIsHeld) {
  // Held port and the next from below the ephemeral range (free_ports.h).
  const int first = testsupport::FreePortPair();
  ASSERT_NE(first, 0);
  ReuseportHolder other(first);
  ASSERT_NE(other.port(), 0);
  tfplugin::ListenOptions o;
  o.try_unix = false;
  o.tcp_ports = std::make_pair(other.port(), other.port() + 1);
  auto l = tfplugin::Listen(OneService, grpc::InsecureServerCredentials(), o);
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_EQ(l->address, "127.0.0.1:" + std::to_string(other.port() + 1));
  l->server->Shutdown();
}

TEST(Listen, OfTwoServersInAOnePortRangeOnlyOneBinds) {
  int port = 0;
  {
    ReuseportHolder probe;  // a port free a moment ago
    port = probe.port();
  }
  ASSERT_NE(port, 0);
  tfplugin::ListenOptions o;
  o.try_unix = false;
  o.tcp_ports = std::make_pair(port, port);
  auto first = tfplugin::Listen(OneService, grpc::InsecureServerCredentials(), o);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->address, "127.0.0.1:" + std::to_string(port));
  auto second = tfplugin::Listen(OneService, grpc::InsecureServerCredentials(), o);
  EXPECT_FALSE(second.ok()) << "two servers on " << second->address;
  first->server->Shutdown();
}

}  // namespace
