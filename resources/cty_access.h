// Small typed readers and writers over cty values, so the resource logic can
// talk about "a known string" or "a list of known strings" instead of Value
// kinds. Each reader distinguishes null, unknown and known.
#ifndef RESOURCES_CTY_ACCESS_H_
#define RESOURCES_CTY_ACCESS_H_

#include <optional>
#include <string>
#include <vector>

#include "tfplugin/cty/value.h"
#include "tfplugin/framework/maybe.h"

namespace resources {

// A value that may be null, unknown (not yet known at plan time) or known:
// the framework's, so typed models and this code share it.
template <typename T>
using Maybe = tfplugin::fw::Maybe<T>;

// A string attribute of an object (null when the object itself is null).
Maybe<std::string> GetString(const tfplugin::cty::Value& object, std::string_view name);
Maybe<std::string> AsMaybeString(const tfplugin::cty::Value& v);
// A number attribute as int64 (unknown when not an integer).
Maybe<int64_t> GetInt(const tfplugin::cty::Value& object, std::string_view name);
// A list of strings; unknown when the list or any element is unknown. Null
// elements are skipped (Terraform rejects them in config anyway).
Maybe<std::vector<std::string>> GetStringList(const tfplugin::cty::Value& object,
                                              std::string_view name);

// A known list of known strings, else nullopt.
std::optional<std::vector<std::string>> AsStringVector(const tfplugin::cty::Value& list);

// Writers.
tfplugin::cty::Value StringOrNull(const std::string& s);  // "" → null
tfplugin::cty::Value StringList(const std::vector<std::string>& items);
tfplugin::cty::Value FromMaybe(const Maybe<std::string>& m);

// Copy of `v` in which every unknown (at any depth) is replaced by null. Used
// so a state returned after a failed apply is wholly known.
tfplugin::cty::Value UnknownsToNull(const tfplugin::cty::Value& v);

}  // namespace resources

#endif  // RESOURCES_CTY_ACCESS_H_
