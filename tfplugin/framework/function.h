// fw::Function: a provider function as a signature and a C++ callable, with
// typed access to its arguments.
//
//   fw::Function upper("upper", {.parameters = {{"text", cty::Type::String()}},
//                               .return_type = cty::Type::String(),
//                               .summary = "Upper-cases text"},
//                      [](const fw::Arguments& args, fw::Result& r) {
//                        r = cty::Value::String(absl::AsciiStrToUpper(args.String(0)));
//                      });
#ifndef TFPLUGIN_FRAMEWORK_FUNCTION_H_
#define TFPLUGIN_FRAMEWORK_FUNCTION_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin/data_source.h"

namespace tfplugin::fw {

// The arguments of one call. Typed accessors assume the declared type (the
// server decoded each argument with its parameter's type).
class Arguments {
 public:
  explicit Arguments(const std::vector<cty::Value>& values) : values_(values) {}
  size_t size() const { return values_.size(); }
  const cty::Value& operator[](size_t i) const { return values_[i]; }
  // The string at `i` ("" when null).
  std::string String(size_t i) const;
  std::optional<int64_t> Int(size_t i) const;

 private:
  const std::vector<cty::Value>& values_;
};

// Set `value`, or call Fail.
struct Result {
  cty::Value value;
  std::optional<FunctionError> error;
  void Fail(std::string text, std::optional<int64_t> argument = std::nullopt) {
    error = FunctionError{std::move(text), argument};
  }
  Result& operator=(cty::Value v) {
    value = std::move(v);
    return *this;
  }
};

class Function final : public tfplugin::Function {
 public:
  using Body = std::function<void(const Arguments&, Result&)>;
  Function(std::string name, FunctionSignature signature, Body body)
      : name_(std::move(name)), signature_(std::move(signature)), body_(std::move(body)) {}

  const std::string& name() const override { return name_; }
  const FunctionSignature& signature() const override { return signature_; }
  cty::Value Call(const RequestContext& ctx, const std::vector<cty::Value>& arguments,
                  std::optional<FunctionError>& error) override;

 private:
  std::string name_;
  FunctionSignature signature_;
  Body body_;
};

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_FUNCTION_H_
