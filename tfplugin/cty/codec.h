// Encoding of cty values as Terraform puts them on the wire: MessagePack
// (DynamicValue.msgpack, the normal form) and JSON (DynamicValue.json and
// UpgradeResourceState's raw_state).
#ifndef TFPLUGIN_CTY_CODEC_H_
#define TFPLUGIN_CTY_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"

namespace tfplugin::cty {

// Decodes bytes that Terraform encoded for `type`. Malformed, truncated or
// ill-typed input is an InvalidArgument status, never a crash.
absl::StatusOr<Value> DecodeMsgpack(std::string_view bytes, const Type& type);
// Encodes exactly as cty's msgpack.Marshal does (byte for byte).
absl::StatusOr<std::string> EncodeMsgpack(const Value& value, const Type& type);

// JSON as cty's json.Unmarshal/Marshal (no unknowns allowed in JSON).
absl::StatusOr<Value> DecodeJson(std::string_view json, const Type& type);
absl::StatusOr<std::string> EncodeJson(const Value& value, const Type& type);

}  // namespace tfplugin::cty

#endif  // TFPLUGIN_CTY_CODEC_H_
