#include "tfplugin/handshake.h"

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
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
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

}  // namespace tfplugin
