#include "resources/compute_instance/state_upgrade.h"

#include "absl/strings/str_cat.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "resources/compute_instance/declaration.h"
#include "tfplugin/cty/codec.h"

namespace resources::compute_instance {

namespace {

// Attributes a version-0 state may hold that version 1 no longer has.
constexpr const char* kRemovedInVersion1[] = {"initial_password"};

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
  // Version 0 → 1: the same object without the initial password.
  rapidjson::Document doc;
  doc.Parse(raw_json.data(), raw_json.size());
  if (doc.HasParseError() || !doc.IsObject()) {
    diags.AddError("Invalid stored state",
                   "The stored state of civo_compute_instance (schema version 0) is not a JSON "
                   "object.");
    return true;
  }
  for (const char* name : kRemovedInVersion1) doc.RemoveMember(name);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  absl::StatusOr<tfplugin::cty::Value> v = tfplugin::cty::DecodeJson(
      std::string_view(buffer.GetString(), buffer.GetSize()),
      tfplugin::ImpliedType(InstanceSchema().block));
  if (!v.ok()) {
    diags.AddError("Invalid stored state",
                   absl::StrCat("The stored state of civo_compute_instance (schema version 0) "
                                "could not be read: ",
                                v.status().message()));
    return true;
  }
  state = InstanceObject().Decode(*v);
  return true;
}

}  // namespace resources::compute_instance
