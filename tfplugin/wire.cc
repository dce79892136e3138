#include "tfplugin/wire.h"
#include <variant>

#include "tfplugin/cty/codec.h"

namespace tfplugin::wire {
namespace {

tfplugin6::Schema::NestedBlock::NestingMode BlockNesting(Nesting n) {
  using M = tfplugin6::Schema::NestedBlock;
  switch (n) {
    case Nesting::kSingle: return M::SINGLE;
    case Nesting::kList: return M::LIST;
    case Nesting::kSet: return M::SET;
    case Nesting::kMap: return M::MAP;
    case Nesting::kGroup: return M::GROUP;
  }
  return M::INVALID;
}

tfplugin6::Schema::Object::NestingMode ObjectNesting(Nesting n) {
  using M = tfplugin6::Schema::Object;
  switch (n) {
    case Nesting::kSingle: return M::SINGLE;
    case Nesting::kList: return M::LIST;
    case Nesting::kSet: return M::SET;
    case Nesting::kMap: return M::MAP;
    case Nesting::kGroup: return M::INVALID;  // not a valid nested attribute mode
  }
  return M::INVALID;
}

void AttributeToProto(const Attribute& a, tfplugin6::Schema::Attribute* out) {
  out->set_name(a.name);
  if (a.nested) {
    tfplugin6::Schema::Object* obj = out->mutable_nested_type();
    obj->set_nesting(ObjectNesting(a.nested->nesting));
    for (const Attribute& inner : a.nested->attributes) {
      AttributeToProto(inner, obj->add_attributes());
    }
  } else {
    out->set_type(a.type.ToJson());
  }
  if (!a.description.empty()) {
    out->set_description(a.description);
    out->set_description_kind(tfplugin6::MARKDOWN);
  }
  out->set_required(a.required);
  out->set_optional(a.optional);
  out->set_computed(a.computed);
  out->set_sensitive(a.sensitive);
  out->set_deprecated(a.deprecated);
  out->set_write_only(a.write_only);
}

}  // namespace

void BlockToProto(const Block& block, tfplugin6::Schema::Block* out) {
  out->set_version(block.version);
  for (const Attribute& a : block.attributes) AttributeToProto(a, out->add_attributes());
  for (const NestedBlock& nb : block.block_types) {
    tfplugin6::Schema::NestedBlock* p = out->add_block_types();
    p->set_type_name(nb.type_name);
    p->set_nesting(BlockNesting(nb.nesting));
    p->set_min_items(nb.min_items);
    p->set_max_items(nb.max_items);
    if (nb.block) {
      BlockToProto(*nb.block, p->mutable_block());
    } else {
      p->mutable_block();
    }
  }
  if (!block.description.empty()) {
    out->set_description(block.description);
    out->set_description_kind(tfplugin6::MARKDOWN);
  }
  out->set_deprecated(block.deprecated);
}

void SchemaToProto(const Schema& schema, tfplugin6::Schema* out) {
  out->set_version(schema.version);
  BlockToProto(schema.block, out->mutable_block());
}

namespace {
void ParameterToProto(const FunctionParameter& p, tfplugin6::Function::Parameter* out) {
  out->set_name(p.name);
  out->set_type(p.type.ToJson());
  out->set_allow_null_value(p.allow_null);
  out->set_allow_unknown_values(p.allow_unknown);
  if (!p.description.empty()) {
    out->set_description(p.description);
    out->set_description_kind(tfplugin6::MARKDOWN);
  }
}
}  // namespace

void FunctionToProto(const FunctionSignature& signature, tfplugin6::Function* out) {
  for (const FunctionParameter& p : signature.parameters) {
    ParameterToProto(p, out->add_parameters());
  }
  if (signature.variadic) ParameterToProto(*signature.variadic, out->mutable_variadic_parameter());
  out->mutable_return_()->set_type(signature.return_type.ToJson());
  out->set_summary(signature.summary);
  if (!signature.description.empty()) {
    out->set_description(signature.description);
    out->set_description_kind(tfplugin6::MARKDOWN);
  }
  out->set_deprecation_message(signature.deprecation_message);
}

void PathToProto(const AttributePath& path, tfplugin6::AttributePath* out) {
  for (const AttributePath::Step& step : path.steps()) {
    tfplugin6::AttributePath::Step* s = out->add_steps();
    if (const auto* a = std::get_if<AttributePath::Attribute>(&step)) {
      s->set_attribute_name(a->name);
    } else if (const auto* k = std::get_if<AttributePath::StringKey>(&step)) {
      s->set_element_key_string(k->key);
    } else {
      s->set_element_key_int(std::get<AttributePath::IntKey>(step).index);
    }
  }
}

AttributePath PathFromProto(const tfplugin6::AttributePath& path) {
  AttributePath p;
  for (const tfplugin6::AttributePath::Step& s : path.steps()) {
    switch (s.selector_case()) {
      case tfplugin6::AttributePath::Step::kAttributeName:
        p = p.Attr(s.attribute_name());
        break;
      case tfplugin6::AttributePath::Step::kElementKeyString:
        p = p.Key(s.element_key_string());
        break;
      case tfplugin6::AttributePath::Step::kElementKeyInt:
        p = p.Index(s.element_key_int());
        break;
      case tfplugin6::AttributePath::Step::SELECTOR_NOT_SET:
        break;
    }
  }
  return p;
}

void DiagnosticToProto(const Diagnostic& diag, tfplugin6::Diagnostic* out) {
  out->set_severity(diag.severity == Severity::kError ? tfplugin6::Diagnostic::ERROR
                                                      : tfplugin6::Diagnostic::WARNING);
  out->set_summary(diag.summary);
  out->set_detail(DetailNamingNestedPath(diag));
  if (!diag.path.empty()) PathToProto(diag.path, out->mutable_attribute());
}

std::string DetailNamingNestedPath(const Diagnostic& diag) {
  // Terraform (1.11) points a diagnostic at the configuration line of its
  // path's first attribute only: a path into a nested attribute's value
  // (timeouts.create, network.value_from.kind) is shown at the resource
  // block (hashicorp/terraform#33491). The text must then say where.
  bool nested = false;
  for (size_t i = 1; i < diag.path.steps().size(); ++i) {
    if (std::holds_alternative<AttributePath::Attribute>(diag.path.steps()[i])) nested = true;
  }
  if (!nested) return diag.detail;
  const std::string where = diag.path.ToString();
  if (diag.detail.find(where) != std::string::npos) return diag.detail;
  return where + ": " + diag.detail;
}

void AppendDiagnostics(const Diagnostics& diags,
                       google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out) {
  for (const Diagnostic& d : diags.items()) DiagnosticToProto(d, out->Add());
}

absl::StatusOr<cty::Value> DecodeDynamicValue(const tfplugin6::DynamicValue& dv,
                                              const cty::Type& type) {
  if (!dv.msgpack().empty()) return cty::DecodeMsgpack(dv.msgpack(), type);
  if (!dv.json().empty()) return cty::DecodeJson(dv.json(), type);
  return cty::Value::Null();
}

absl::Status EncodeDynamicValue(const cty::Value& value, const cty::Type& type,
                                tfplugin6::DynamicValue* out) {
  absl::StatusOr<std::string> bytes = cty::EncodeMsgpack(value, type);
  if (!bytes.ok()) return bytes.status();
  out->set_msgpack(*std::move(bytes));
  return absl::OkStatus();
}

}  // namespace tfplugin::wire
