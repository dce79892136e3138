#include "tfplugin/resource.h"

#include "tfplugin/cty/codec.h"

namespace tfplugin {

cty::Value Resource::UpgradeState(const RequestContext&, int64_t version,
                                  const std::string& raw_json, Diagnostics& diags) const {
  const Schema& s = schema();
  if (version != s.version) {
    diags.AddError("Unsupported resource state version",
                   "The stored state of " + type_name() + " has schema version " +
                       std::to_string(version) + ", but this provider only reads version " +
                       std::to_string(s.version) + ".");
    return cty::Value::Null();
  }
  absl::StatusOr<cty::Value> v = cty::DecodeJson(raw_json, ImpliedType(s.block));
  if (!v.ok()) {
    diags.AddError("Invalid stored state",
                   "The stored state of " + type_name() +
                       " could not be decoded: " + std::string(v.status().message()));
    return cty::Value::Null();
  }
  return *std::move(v);
}

MoveStateResponse Resource::MoveState(const RequestContext&, const MoveStateRequest& req,
                                      Diagnostics& diags) {
  diags.AddError("Move not supported",
                 "The resource type " + type_name() + " cannot take state moved from " +
                     req.source_type_name + " (" + req.source_provider_address + ").");
  return MoveStateResponse{cty::Value::Null(), ""};
}

}  // namespace tfplugin
