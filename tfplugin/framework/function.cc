#include "tfplugin/framework/function.h"

namespace tfplugin::fw {

std::string Arguments::String(size_t i) const {
  const cty::Value& v = values_[i];
  return v.kind() == cty::Value::Kind::kString ? v.AsString() : std::string();
}

std::optional<int64_t> Arguments::Int(size_t i) const {
  const cty::Value& v = values_[i];
  if (v.kind() != cty::Value::Kind::kNumber) return std::nullopt;
  return v.AsNumber().ToInt64();
}

cty::Value Function::Call(const RequestContext&, const std::vector<cty::Value>& arguments,
                          std::optional<FunctionError>& error) {
  Result result;
  body_(Arguments(arguments), result);
  if (result.error) {
    error = std::move(result.error);
    return cty::Value::Null();
  }
  return result.value;
}

}  // namespace tfplugin::fw
