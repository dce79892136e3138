#include "tfplugin/handshake.h"

#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tfplugin {

absl::StatusOr<int> NegotiateProtocolVersion(const char* env_value) {
  if (env_value == nullptr || *env_value == '\0') return kPluginProtocolVersion;
  for (absl::string_view part : absl::StrSplit(env_value, ',')) {
    int v = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(part), &v) && v == kPluginProtocolVersion) {
      return v;
    }
  }
  return absl::FailedPreconditionError(
      std::string("this provider speaks only plugin protocol 6, but the host offers ") +
      env_value + " (Terraform 1.0 or later and OpenTofu speak protocol 6)");
}

std::string HandshakeLine(int protocol_version, std::string_view network,
                          std::string_view address, std::string_view cert_base64) {
  std::string line = std::to_string(kCoreProtocolVersion) + "|" + std::to_string(protocol_version);
  line += "|";
  line += network;
  line += "|";
  line += address;
  line += "|grpc|";
  line += cert_base64;
  return line;
}

namespace {
void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}
}  // namespace

std::string ReattachJson(const std::vector<std::string>& provider_addresses, int pid,
                         std::string_view network, std::string_view address) {
  std::string out = "{";
  bool first = true;
  for (const std::string& a : provider_addresses) {
    if (!first) out += ',';
    first = false;
    AppendJsonString(out, a);
    out += ":{\"Protocol\":\"grpc\",\"ProtocolVersion\":" + std::to_string(kPluginProtocolVersion) +
           ",\"Pid\":" + std::to_string(pid) + ",\"Test\":true,\"Addr\":{\"Network\":";
    AppendJsonString(out, network);
    out += ",\"String\":";
    AppendJsonString(out, address);
    out += "}}";
  }
  out += '}';
  return out;
}

absl::StatusOr<std::string> NewUnixSocketPath() {
  const char* dir = std::getenv("PLUGIN_UNIX_SOCKET_DIR");
  if (dir == nullptr || *dir == '\0') dir = std::getenv("TMPDIR");
  if (dir == nullptr || *dir == '\0') dir = "/tmp";
  std::string tmpl = dir;
  if (tmpl.back() != '/') tmpl += '/';
  tmpl += "plugin";
  tmpl += "XXXXXX";
  // mkstemp reserves a unique name; the socket is then bound in its place.
  int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    return absl::UnavailableError("cannot create a socket file in " + std::string(dir) + ": " +
                                  std::strerror(errno));
  }
  ::close(fd);
  ::unlink(tmpl.c_str());
  if (tmpl.size() >= sizeof(sockaddr_un::sun_path)) {
    return absl::FailedPreconditionError("socket path too long: " + tmpl +
                                         " (set PLUGIN_UNIX_SOCKET_DIR to a shorter directory)");
  }
  return tmpl;
}

absl::StatusOr<std::optional<std::pair<int, int>>> TcpPortRangeFromEnvironment() {
  const char* min_s = std::getenv("PLUGIN_MIN_PORT");
  const char* max_s = std::getenv("PLUGIN_MAX_PORT");
  bool has_min = min_s != nullptr && *min_s != '\0';
  bool has_max = max_s != nullptr && *max_s != '\0';
  if (!has_min && !has_max) return std::optional<std::pair<int, int>>();
  int lo = 0;
  int hi = 0;
  if (has_min && !absl::SimpleAtoi(min_s, &lo)) {
    return absl::InvalidArgumentError("PLUGIN_MIN_PORT is not a number");
  }
  if (has_max && !absl::SimpleAtoi(max_s, &hi)) {
    return absl::InvalidArgumentError("PLUGIN_MAX_PORT is not a number");
  }
  if (!has_max) hi = has_min ? lo : 0;
  if (lo < 0 || hi > 65535 || lo > hi) {
    return absl::InvalidArgumentError("PLUGIN_MIN_PORT..PLUGIN_MAX_PORT is not a valid range");
  }
  return std::optional<std::pair<int, int>>(std::make_pair(lo, hi));
}

}  // namespace tfplugin
