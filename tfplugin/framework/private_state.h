// A resource's private state (bytes Terraform keeps beside the state and
// hands back to the next plan, apply and read, never shown to users) as a
// JSON object of named flags, so hooks say what they remember ("this list
// was read from the API") without caring about the encoding. Members the
// caller does not name are kept; bytes that are not a JSON object read as
// no flags.
#ifndef TFPLUGIN_FRAMEWORK_PRIVATE_STATE_H_
#define TFPLUGIN_FRAMEWORK_PRIVATE_STATE_H_

#include <string>
#include <string_view>

namespace tfplugin::fw {

// Whether `private_data` holds `key` = true.
bool PrivateFlag(const std::string& private_data, std::string_view key);
// `private_data` with `key` set (on) or removed (off); "" when nothing is left.
std::string WithPrivateFlag(const std::string& private_data, std::string_view key, bool on);

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_PRIVATE_STATE_H_
