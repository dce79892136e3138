#include "resources/compute_instance/state_upgrade.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "resources/compute_instance/declaration.h"
#include "tfplugin/cty/codec.h"
#include "tfplugin/schema.h"

namespace resources::compute_instance {

namespace {

using tfplugin::cty::Value;

// The version-0 schema: today's, plus the attribute version 1 removed.
const tfplugin::cty::Type& Version0Type() {
  static const tfplugin::cty::Type* type = [] {
    tfplugin::Block block = InstanceSchema().block;
    tfplugin::Attribute password;
    password.name = "initial_password";
    password.type = tfplugin::cty::Type::String();
    password.computed = true;
    password.sensitive = true;
    block.attributes.push_back(std::move(password));
    return new tfplugin::cty::Type(tfplugin::ImpliedType(block));
  }();
  return *type;
}

}  // namespace

bool UpgradeInstanceFrom(int64_t version, const std::string& raw_json, InstanceConfig& state,
                         tfplugin::Diagnostics& diags) {
  if (version == kInstanceSchemaVersion) return false;
  if (version < 0 || version > kInstanceSchemaVersion) {
    diags.AddError("Unsupported resource state version",
                   absl::StrCat("The stored state of civo_compute_instance has schema version ",
                                version, ", but this provider reads versions 0 to ",
                                kInstanceSchemaVersion,
                                ". It was written by a newer release of this provider: use that "
                                "release (or a newer one)."));
    return true;
  }
  // Version 0 → 1: decoded with the version-0 schema (the same decoder as
  // every stored state), then the same object without the initial password.
  absl::StatusOr<Value> v0 = tfplugin::cty::DecodeJson(raw_json, Version0Type());
  if (!v0.ok() || v0->is_null()) {
    diags.AddError("Invalid stored state",
                   absl::StrCat("The stored state of civo_compute_instance (schema version 0) "
                                "could not be read: ",
                                v0.ok() ? "it is null" : v0.status().message()));
    return true;
  }
  std::map<std::string, Value> attributes;
  for (const tfplugin::Attribute& a : InstanceSchema().block.attributes) {
    attributes.emplace(a.name, v0->Attr(a.name));
  }
  state = InstanceObject().Decode(Value::Object(std::move(attributes)));
  return true;
}

}  // namespace resources::compute_instance
