// Conversions between the protocol-free model (schema, diagnostics, paths,
// cty values) and the tfplugin6 protobuf messages. Only the gRPC layer
// (provider_service.cc) and tests use this header.
#ifndef TFPLUGIN_WIRE_H_
#define TFPLUGIN_WIRE_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "proto/tfplugin6.pb.h"
#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/data_source.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/schema.h"

namespace tfplugin::wire {

// Schema -> tfplugin6.Schema: attribute types as cty type JSON, nested
// attribute types, nested blocks, flags, markdown descriptions.
void SchemaToProto(const Schema& schema, tfplugin6::Schema* out);
void BlockToProto(const Block& block, tfplugin6::Schema::Block* out);

// FunctionSignature -> tfplugin6.Function (parameter and return types as cty
// type JSON, markdown descriptions).
void FunctionToProto(const FunctionSignature& signature, tfplugin6::Function* out);

void PathToProto(const AttributePath& path, tfplugin6::AttributePath* out);
AttributePath PathFromProto(const tfplugin6::AttributePath& path);

void DiagnosticToProto(const Diagnostic& diag, tfplugin6::Diagnostic* out);
// The detail sent for `diag`: prefixed with its path ("timeouts.create: ...")
// when the path reaches into a nested attribute, which Terraform cannot show
// at its configuration line, unless the detail names the path already.
std::string DetailNamingNestedPath(const Diagnostic& diag);
// Appends every diagnostic of `diags` to a repeated Diagnostic field.
void AppendDiagnostics(const Diagnostics& diags,
                       google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out);

// Decodes a DynamicValue for `type`: MessagePack when present, else JSON. A
// DynamicValue with neither is a null value (what an absent message means).
absl::StatusOr<cty::Value> DecodeDynamicValue(const tfplugin6::DynamicValue& dv,
                                              const cty::Type& type);
// Encodes as MessagePack, the form Terraform prefers.
absl::Status EncodeDynamicValue(const cty::Value& value, const cty::Type& type,
                                tfplugin6::DynamicValue* out);

}  // namespace tfplugin::wire

#endif  // TFPLUGIN_WIRE_H_
