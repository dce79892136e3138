// A manifest's `spec` (YAML) converted to cty along the declaration of the
// resource that implements its kind: keys in either casing, every value of
// the declared type, objects complete (what is left out is null), and a
// StringValueOrRef's `valueFrom {kind, env, name, fieldPath}` made the
// resource's `value_from {kind, name}`. It remembers the manifest path of
// every attribute so a rule the resource finds broken later is reported
// where the manifest wrote the value.
#ifndef RESOURCES_MANIFEST_SPEC_CONVERTER_H_
#define RESOURCES_MANIFEST_SPEC_CONVERTER_H_

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/framework/spec.h"
#include "yaml-cpp/node/node.h"

namespace resources::manifest {

class SpecConverter {
 public:
  // `kind` names the spec in messages ("CivoComputeInstance's spec has ...").
  explicit SpecConverter(std::string kind);

  // `spec` (a mapping) along `args` (the resource's arguments); the error is
  // one line naming the manifest path.
  absl::StatusOr<tfplugin::cty::Value> Convert(const YAML::Node& spec,
                                               const tfplugin::fw::ObjectSpec& args);

  // The manifest path of an attribute path of the resource: the longest
  // prefix the manifest wrote, then the rest in camelCase.
  std::string ManifestPath(const tfplugin::AttributePath& path) const;

  // For a `value_from.kind` taken from a fieldPath: what to say before the
  // resource's message about that kind (the manifest did not write it).
  std::string InferredKindNote(const tfplugin::AttributePath& path) const;

 private:
  absl::StatusOr<tfplugin::cty::Value> Object(const YAML::Node& node,
                                              const tfplugin::fw::ObjectSpec& spec,
                                              const tfplugin::AttributePath& apath,
                                              const std::string& mpath, bool value_from);
  absl::StatusOr<tfplugin::cty::Value> Attribute(const YAML::Node& node,
                                                 const tfplugin::fw::AttrSpec& a,
                                                 const tfplugin::AttributePath& apath,
                                                 const std::string& mpath);
  absl::StatusOr<tfplugin::cty::Value> Typed(const YAML::Node& node,
                                             const tfplugin::cty::Type& type,
                                             const tfplugin::AttributePath& apath,
                                             const std::string& mpath);
  // Planton's `fieldPath` names which output of the referenced object is
  // meant; see spec_converter.cc.
  absl::Status ApplyFieldPath(const std::string& field_path, const std::string& mpath,
                              const tfplugin::AttributePath& apath,
                              std::map<std::string, tfplugin::cty::Value>& attrs);
  void Remember(const tfplugin::AttributePath& apath, const std::string& mpath);
  static tfplugin::AttributePath Extend(const tfplugin::AttributePath& p,
                                        const tfplugin::AttributePath::Step& step);

  std::string kind_;
  std::map<std::string, std::string> paths_;     // AttributePath::ToString() -> manifest path
  std::map<std::string, std::string> inferred_;  // kind paths set from a fieldPath -> note
};

}  // namespace resources::manifest

#endif  // RESOURCES_MANIFEST_SPEC_CONVERTER_H_
