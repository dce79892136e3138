#include "resources/manifest/manifest_paths.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tfplugin/quote.h"
#include "yaml-cpp/node/impl.h"

namespace resources::manifest {
namespace {

// How much of an odd key a path quotes.
constexpr size_t kQuotedKey = 40;
// A longer key is shown quoted (and cut) in a path.
constexpr size_t kMaxPlainKey = 64;

}  // namespace

absl::Status PathError(const std::string& path, const std::string& text) {
  return absl::InvalidArgumentError(absl::StrCat(path, ": ", text));
}

bool IsPlainKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxPlainKey) return false;
  for (char c : key) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string ChildPath(const std::string& parent, std::string_view key) {
  if (IsPlainKey(key)) return absl::StrCat(parent, ".", std::string(key));
  return absl::StrCat(parent, "[", tfplugin::QuoteValue(key, kQuotedKey), "]");
}

std::string IndexPath(const std::string& parent, size_t i) {
  return absl::StrCat(parent, "[", i, "]");
}

std::string ShownKey(std::string_view key) {
  return IsPlainKey(key) ? std::string(key) : tfplugin::QuoteValue(key, kQuotedKey);
}

const char* NodeName(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "a scalar";
  }
}

bool IsAbsent(const YAML::Node& n) { return !n.IsDefined() || n.IsNull(); }

std::string CamelCase(std::string_view snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_' && !out.empty()) {
      upper = true;
      continue;
    }
    out += upper ? absl::ascii_toupper(static_cast<unsigned char>(c)) : c;
    upper = false;
  }
  return out;
}

std::string SnakeCase(std::string_view camel) {
  std::string out;
  for (char c : camel) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      if (!out.empty()) out += '_';
      out += absl::ascii_tolower(static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace resources::manifest
