// The go-plugin launch contract, as pure functions: magic cookie, protocol
// negotiation, and the lines printed on stdout (where to listen: listen.h).
#ifndef TFPLUGIN_HANDSHAKE_H_
#define TFPLUGIN_HANDSHAKE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tfplugin {

inline constexpr char kMagicCookieKey[] = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr char kMagicCookieValue[] =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
inline constexpr int kCoreProtocolVersion = 1;  // go-plugin's own version
inline constexpr int kPluginProtocolVersion = 6;  // tfplugin6, the only one served

// Picks protocol 6 from PLUGIN_PROTOCOL_VERSIONS ("5,6"). Unset or empty
// means the host takes our default (6); a list without 6 is an error.
absl::StatusOr<int> NegotiateProtocolVersion(const char* env_value);

// "1|6|unix|/tmp/plugin123|grpc|BASE64CERT" (no newline).
std::string HandshakeLine(int protocol_version, std::string_view network,
                          std::string_view address, std::string_view cert_base64);

// The TF_REATTACH_PROVIDERS JSON value for -debug: one entry per address.
std::string ReattachJson(const std::vector<std::string>& provider_addresses, int pid,
                         std::string_view network, std::string_view address);

}  // namespace tfplugin

#endif  // TFPLUGIN_HANDSHAKE_H_
