// What Civo leaves empty is unset (null) in the state.
#ifndef RESOURCES_OR_NULL_H_
#define RESOURCES_OR_NULL_H_

#include <string>

#include "tfplugin/framework/framework.h"

namespace resources {

inline tfplugin::fw::Maybe<std::string> OrNull(const std::string& s) {
  return s.empty() ? tfplugin::fw::Maybe<std::string>::Null() : tfplugin::fw::Maybe<std::string>::Known(s);
}

}  // namespace resources

#endif  // RESOURCES_OR_NULL_H_
