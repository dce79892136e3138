// The position inside a value that a codec is working on, written the way
// cty prints paths (.attr, ["key"], [0]) so that error messages point at
// the offending attribute.
#ifndef TFPLUGIN_CTY_ERROR_PATH_H_
#define TFPLUGIN_CTY_ERROR_PATH_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tfplugin::cty {

class ErrorPath {
 public:
  // `codec` prefixes every message ("msgpack", "json").
  explicit ErrorPath(std::string_view codec) : codec_(codec) {}

  void PushAttr(std::string_view name);
  void PushKey(std::string_view key);
  void PushIndex(size_t i);
  void Pop();

  // InvalidArgument "<codec>: <path>: <message>" ("value" for the root).
  absl::Status Error(absl::string_view message) const;

 private:
  void Push(std::string step);
  std::string codec_;
  std::string text_;
  std::vector<size_t> marks_;
};

// Pops the step pushed just before it, on every way out of the scope.
class PathStep {
 public:
  explicit PathStep(ErrorPath& path) : path_(path) {}
  ~PathStep() { path_.Pop(); }
  PathStep(const PathStep&) = delete;
  PathStep& operator=(const PathStep&) = delete;

 private:
  ErrorPath& path_;
};

}  // namespace tfplugin::cty

#endif  // TFPLUGIN_CTY_ERROR_PATH_H_
