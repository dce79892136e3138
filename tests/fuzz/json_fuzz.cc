// libFuzzer target for the JSON state decoder, on the path
// UpgradeResourceState takes: Resource::UpgradeState decodes the stored
// state (JSON, as Terraform keeps it in terraform.tfstate) with the
// civo_compute_instance schema. Any text must give a value or an error
// diagnostic, never a crash; what decodes must encode to msgpack (what the
// RPC answers with) and to JSON, and both must decode to an equal value.
// Generic types (dynamic, maps, sets, tuples) are decoded too, for the
// parts of the decoder the instance schema does not reach.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "resources/compute_instance/spec.h"
#include "tfplugin/cty/codec.h"
#include "tfplugin/request_context.h"
#include "tfplugin/resource.h"

namespace {

namespace cty = tfplugin::cty;
using cty::Type;

// Only UpgradeState is called; the rest is never reached.
class StateOnlyResource : public tfplugin::Resource {
 public:
  const std::string& type_name() const override {
    return resources::compute_instance::ComputeInstanceTypeName();
  }
  const tfplugin::Schema& schema() const override {
    return resources::compute_instance::ComputeInstanceSchema();
  }
  void Validate(const tfplugin::RequestContext&, const cty::Value&,
                tfplugin::Diagnostics&) const override {
    std::abort();
  }
  tfplugin::PlanResponse Plan(const tfplugin::RequestContext&, const tfplugin::PlanRequest&,
                              tfplugin::Diagnostics&) override {
    std::abort();
  }
  tfplugin::ApplyResponse Apply(const tfplugin::RequestContext&, const tfplugin::ApplyRequest&,
                                tfplugin::Diagnostics&) override {
    std::abort();
  }
  tfplugin::ReadResponse Read(const tfplugin::RequestContext&, const tfplugin::ReadRequest&,
                              tfplugin::Diagnostics&) override {
    std::abort();
  }
  std::vector<tfplugin::ImportedObject> Import(const tfplugin::RequestContext&, const std::string&,
                                               tfplugin::Diagnostics&) override {
    std::abort();
  }
};

const std::vector<Type>& GenericTypes() {
  static const std::vector<Type>* const kTypes = new std::vector<Type>{
      Type::Dynamic(),
      Type::List(Type::Dynamic()),
      Type::Map(Type::Tuple({Type::Bool(), Type::Number(), Type::String()})),
      Type::Set(Type::Object({{"id", Type::String()}, {"n", Type::Number()}})),
  };
  return *kTypes;
}

// Decoded values must survive both encodings unchanged.
void CheckRoundTrips(const cty::Value& value, const Type& type) {
  auto msgpack = cty::EncodeMsgpack(value, type);
  if (!msgpack.ok()) std::abort();
  auto from_msgpack = cty::DecodeMsgpack(*msgpack, type);
  if (!from_msgpack.ok() || !(*from_msgpack == value)) std::abort();
  auto json = cty::EncodeJson(value, type);
  if (!json.ok()) std::abort();  // a decoded state is wholly known
  auto from_json = cty::DecodeJson(*json, type);
  if (!from_json.ok() || !(*from_json == value)) std::abort();
  auto json_again = cty::EncodeJson(*from_json, type);
  if (!json_again.ok() || *json_again != *json) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  static const StateOnlyResource* const resource = new StateOnlyResource();
  static const Type* const state_type = new Type(tfplugin::ImpliedType(resource->schema().block));
  tfplugin::Diagnostics diags;
  const tfplugin::RequestContext ctx("UpgradeResourceState", resource->type_name());
  cty::Value state = resource->UpgradeState(ctx, resource->schema().version, text, diags);
  if (!diags.HasError()) CheckRoundTrips(state, *state_type);

  for (const Type& type : GenericTypes()) {
    auto value = cty::DecodeJson(text, type);
    if (!value.ok()) {
      if (value.status().code() != absl::StatusCode::kInvalidArgument) std::abort();
      continue;
    }
    CheckRoundTrips(*value, type);
  }
  return 0;
}
