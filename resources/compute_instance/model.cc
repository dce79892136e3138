#include "resources/compute_instance/model.h"

#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "resources/duration.h"

namespace resources::compute_instance {

namespace {

constexpr char kMarkerPrefix[] = "tfc-";

}  // namespace

Maybe<std::string> InstanceConfig::FirstSshKey() const {
  if (ssh_key_ids.is_unknown()) return Maybe<std::string>::Unknown();
  if (ssh_key_ids.is_null() || ssh_key_ids.value.empty()) return Maybe<std::string>::Known("");
  return Maybe<std::string>::Known(ssh_key_ids.value.front());
}

ValueOrRef InstanceConfig::FirstFirewall() const {
  if (firewall_ids.is_unknown()) return ValueOrRef::Unknown();
  if (firewall_ids.is_null() || firewall_ids.value.empty()) return ValueOrRef::Null();
  return firewall_ids.value.front();
}

std::vector<std::string> InstanceConfig::TagsOrEmpty() const {
  return tags.is_known() ? tags.value : std::vector<std::string>{};
}

std::chrono::milliseconds InstanceConfig::Timeout(Maybe<std::string> Timeouts::*which) const {
  if (!timeouts.is_known() || !(timeouts.value.*which).is_known()) return kDefaultTimeout;
  auto d = ParseTimeout((timeouts.value.*which).value);
  return d.ok() ? *d : std::chrono::milliseconds(kDefaultTimeout);
}

bool IsCreateMarkerTag(const std::string& tag) {
  // Strict shape, so that a user's own tag starting with "tfc-" is kept.
  if (tag.size() != 4 + 16 || !absl::StartsWith(tag, kMarkerPrefix)) return false;
  for (size_t i = 4; i < tag.size(); ++i) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(tag[i]))) return false;
  }
  return true;
}

std::string NewCreateMarkerTag() {
  absl::BitGen gen;
  return absl::StrFormat("%s%016x", kMarkerPrefix, absl::Uniform<uint64_t>(gen));
}

}  // namespace resources::compute_instance
