#include "tfplugin/cty/error_path.h"

#include "absl/strings/str_cat.h"
#include "tfplugin/cty/json_text.h"

namespace tfplugin::cty {

void ErrorPath::PushAttr(std::string_view name) { Push(absl::StrCat(".", std::string(name))); }

void ErrorPath::PushKey(std::string_view key) {
  std::string s = "[";
  AppendGoJsonString(key, s);
  s += ']';
  Push(std::move(s));
}

void ErrorPath::PushIndex(size_t i) { Push(absl::StrCat("[", i, "]")); }

void ErrorPath::Pop() {
  text_.resize(marks_.back());
  marks_.pop_back();
}

absl::Status ErrorPath::Error(absl::string_view message) const {
  return absl::InvalidArgumentError(absl::StrCat(codec_, ": ", text_.empty() ? "value" : text_, ": ", message));
}

void ErrorPath::Push(std::string step) {
  marks_.push_back(text_.size());
  text_ += step;
}

}  // namespace tfplugin::cty
