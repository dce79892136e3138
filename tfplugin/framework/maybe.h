// A value of an attribute as a provider sees it: null (not set), unknown (not
// known until apply) or known. Every field of a typed model is a Maybe.
#ifndef TFPLUGIN_FRAMEWORK_MAYBE_H_
#define TFPLUGIN_FRAMEWORK_MAYBE_H_

#include <utility>

namespace tfplugin::fw {

template <typename T>
struct Maybe {
  enum class State { kNull, kUnknown, kKnown };
  State state = State::kNull;
  T value{};

  static Maybe Null() { return Maybe{}; }
  static Maybe Unknown() { return Maybe{State::kUnknown, T{}}; }
  static Maybe Known(T v) { return Maybe{State::kKnown, std::move(v)}; }

  bool is_null() const { return state == State::kNull; }
  bool is_unknown() const { return state == State::kUnknown; }
  bool is_known() const { return state == State::kKnown; }
  // The value when known, else `fallback`.
  T value_or(T fallback) const { return is_known() ? value : std::move(fallback); }
  Maybe& operator=(T v) {
    state = State::kKnown;
    value = std::move(v);
    return *this;
  }
  friend bool operator==(const Maybe&, const Maybe&) = default;
};

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_MAYBE_H_
