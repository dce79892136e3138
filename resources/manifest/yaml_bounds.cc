#include "resources/manifest/yaml_bounds.h"

#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "yaml-cpp/eventhandler.h"
#include "yaml-cpp/exceptions.h"
#include "yaml-cpp/mark.h"
#include "yaml-cpp/parser.h"

namespace resources::manifest {
namespace {

// Thrown from inside the parser's callbacks to stop it at once; the
// parser's own frames unwind normally.
struct OverLimit {
  std::string message;
};

class BoundsHandler final : public YAML::EventHandler {
 public:
  explicit BoundsHandler(const YamlLimits& limits) : limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { Count(); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { Count(); }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {
    Count();
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Open(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Open(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void Count() {
    if (++nodes_ > limits_.max_nodes) {
      throw OverLimit{absl::StrCat("manifest: more than ", limits_.max_nodes, " YAML nodes")};
    }
  }
  void Open(const YAML::Mark& mark) {
    Count();
    if (++depth_ > limits_.max_depth) {
      throw OverLimit{absl::StrCat("manifest: nested deeper than ", limits_.max_depth,
                                   " levels (line ", mark.line + 1, ")")};
    }
  }

  const YamlLimits& limits_;
  int depth_ = 0;
  size_t nodes_ = 0;
};

// How much of yaml-cpp's message is kept.
constexpr size_t kMaxMessage = 120;

}  // namespace

std::string YamlErrorText(const std::string& message, int line, int column) {
  std::string clean;
  for (unsigned char c : message) {
    if (clean.size() >= kMaxMessage) {
      clean += "...";
      break;
    }
    if (c >= 0x20 && c < 0x7f) {
      clean += static_cast<char>(c);
    } else {
      absl::StrAppend(&clean, "\\x", absl::Hex(c, absl::kZeroPad2));
    }
  }
  if (line < 0) return absl::StrCat("manifest: not valid YAML: ", clean);
  return absl::StrCat("manifest: not valid YAML (line ", line + 1, ", column ", column + 1,
                      "): ", clean);
}

absl::Status CheckYamlBounds(std::string_view text, const YamlLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("manifest: ", text.size(), " bytes; at most ", limits.max_bytes));
  }
  std::istringstream in{std::string(text)};
  try {
    YAML::Parser parser(in);
    BoundsHandler handler(limits);
    if (!parser.HandleNextDocument(handler)) return absl::OkStatus();
    if (parser.HandleNextDocument(handler)) {
      return absl::InvalidArgumentError(
          "manifest: more than one YAML document (one manifest per call)");
    }
  } catch (const OverLimit& e) {
    return absl::InvalidArgumentError(e.message);
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        YamlErrorText(e.msg, e.mark.is_null() ? -1 : e.mark.line, e.mark.column));
  }
  return absl::OkStatus();
}

}  // namespace resources::manifest
