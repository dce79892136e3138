// Ports for tests that need particular ones free.
#ifndef TESTS_SUPPORT_FREE_PORTS_H_
#define TESTS_SUPPORT_FREE_PORTS_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <random>

namespace testsupport {

// Two consecutive ports on 127.0.0.1 that were free a moment ago (tests
// needing one use the first), from below the kernel's ephemeral range
// (32768-60999 by default): a port next to one the kernel handed out may be
// any outgoing connection's local port a moment later (other tests run at
// the same time), which made such pairs flaky. 0 when none was found.
inline int FreePortPair() {
  auto bind_port = [](int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      ::close(fd);
      return -1;
    }
    return fd;
  };
  std::random_device seed;
  std::mt19937 rng(seed());
  std::uniform_int_distribution<int> pick(20000, 31998);
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int port = pick(rng);
    const int a = bind_port(port);
    const int b = a < 0 ? -1 : bind_port(port + 1);
    if (a >= 0) ::close(a);
    if (b >= 0) ::close(b);
    if (a >= 0 && b >= 0) return port;
  }
  return 0;
}

}  // namespace testsupport

#endif  // TESTS_SUPPORT_FREE_PORTS_H_
