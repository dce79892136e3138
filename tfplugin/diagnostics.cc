#include "tfplugin/diagnostics.h"

#include <algorithm>

namespace tfplugin {

AttributePath AttributePath::Root(std::string attribute) {
  return AttributePath().Attr(std::move(attribute));
}

AttributePath AttributePath::Attr(std::string name) const {
  AttributePath p = *this;
  p.steps_.emplace_back(std::in_place_type<Attribute>, Attribute{std::move(name)});
  return p;
}

AttributePath AttributePath::Key(std::string key) const {
  AttributePath p = *this;
  p.steps_.emplace_back(std::in_place_type<StringKey>, StringKey{std::move(key)});
  return p;
}

AttributePath AttributePath::Index(int64_t index) const {
  AttributePath p = *this;
  p.steps_.emplace_back(std::in_place_type<IntKey>, IntKey{index});
  return p;
}

std::string AttributePath::ToString() const {
  std::string out;
  for (const Step& step : steps_) {
    if (const auto* a = std::get_if<Attribute>(&step)) {
      if (!out.empty()) out += '.';
      out += a->name;
    } else if (const auto* k = std::get_if<StringKey>(&step)) {
      out += "[\"";
      out += k->key;
      out += "\"]";
    } else {
      out += '[';
      out += std::to_string(std::get<IntKey>(step).index);
      out += ']';
    }
  }
  return out;
}

void Diagnostics::AddError(std::string summary, std::string detail, AttributePath path) {
  items_.push_back(Diagnostic{Severity::kError, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::AddWarning(std::string summary, std::string detail, AttributePath path) {
  items_.push_back(
      Diagnostic{Severity::kWarning, std::move(summary), std::move(detail), std::move(path)});
}

void Diagnostics::Append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::HasError() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::kError; });
}

}  // namespace tfplugin
