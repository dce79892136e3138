// libFuzzer target for the msgpack decoder: any byte string must decode to a
// value or an InvalidArgument status, and whatever decodes must encode again
// and decode to an equal value (the codec is its own oracle).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "tfplugin/cty/codec.h"

namespace {

using tfplugin::cty::Type;

const std::vector<Type>& Schemas() {
  static const std::vector<Type>* const kSchemas = [] {
    const Type ref = Type::Object({{"kind", Type::String()}, {"name", Type::String()}});
    auto* v = new std::vector<Type>{
        Type::String(),
        Type::Number(),
        Type::Dynamic(),
        Type::List(Type::Dynamic()),
        Type::Set(Type::Object({{"id", Type::String()}, {"n", Type::Number()}})),
        Type::Map(Type::Tuple({Type::Bool(), Type::Number()})),
        Type::Object({
            {"id", Type::String()},
            {"size", Type::Number()},
            {"tags", Type::Set(Type::String())},
            {"network", Type::Object({{"value", Type::String()}, {"value_from", ref}})},
            {"volumes", Type::List(Type::Object({{"id", Type::String()}, {"extra", Type::Dynamic()}}))},
            {"labels", Type::Map(Type::String())},
            {"any", Type::Dynamic()},
        }),
    };
    return v;
  }();
  return *kSchemas;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const Type& type : Schemas()) {
    auto value = tfplugin::cty::DecodeMsgpack(bytes, type);
    if (!value.ok()) {
      if (value.status().code() != absl::StatusCode::kInvalidArgument) std::abort();
      continue;
    }
    auto encoded = tfplugin::cty::EncodeMsgpack(*value, type);
    if (!encoded.ok()) std::abort();
    auto again = tfplugin::cty::DecodeMsgpack(*encoded, type);
    if (!again.ok() || !(*again == *value)) std::abort();
    // A second encoding is byte-identical: the encoder is deterministic.
    auto encoded_again = tfplugin::cty::EncodeMsgpack(*again, type);
    if (!encoded_again.ok() || *encoded_again != *encoded) std::abort();
    (void)tfplugin::cty::EncodeJson(*value, type);  // may refuse unknowns; must not crash
  }
  return 0;
}
