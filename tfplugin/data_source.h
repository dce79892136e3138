// The protocol-free contract of a data source, an ephemeral resource and a
// provider function. The gRPC server decodes requests against the declared
// schema or signature, calls these, and encodes the results; none of them
// sees protobuf. Every method may be called concurrently, and gets the
// context of its request (cancellation, deadline, logging).
#ifndef TFPLUGIN_DATA_SOURCE_H_
#define TFPLUGIN_DATA_SOURCE_H_

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "tfplugin/cty/type.h"
#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/request_context.h"
#include "tfplugin/schema.h"

namespace tfplugin {

// ReadDataSource / ValidateDataResourceConfig.
class DataSource {
 public:
  virtual ~DataSource() = default;
  virtual const std::string& type_name() const = 0;
  virtual const Schema& schema() const = 0;
  // Static checks only; unknown values must be skipped.
  virtual void Validate(const RequestContext& ctx, const cty::Value& config,
                        Diagnostics& diags) const = 0;
  // Returns the whole object: the config's values with the computed ones filled.
  virtual cty::Value Read(const RequestContext& ctx, const cty::Value& config,
                          Diagnostics& diags) = 0;
};

struct EphemeralOpenResult {
  cty::Value result;
  std::string private_data;
  // When Terraform should call Renew (nullopt: never).
  std::optional<std::chrono::system_clock::time_point> renew_at;
};

struct EphemeralRenewResult {
  std::string private_data;
  std::optional<std::chrono::system_clock::time_point> renew_at;
};

// Open/Renew/Close of an ephemeral resource (Terraform >= 1.10): a value that
// lives for one Terraform run and is never stored in state or plan.
class EphemeralResource {
 public:
  virtual ~EphemeralResource() = default;
  virtual const std::string& type_name() const = 0;
  virtual const Schema& schema() const = 0;
  virtual void Validate(const RequestContext& ctx, const cty::Value& config,
                        Diagnostics& diags) const = 0;
  virtual EphemeralOpenResult Open(const RequestContext& ctx, const cty::Value& config,
                                   Diagnostics& diags) = 0;
  // The default never renews: it returns the private data unchanged.
  virtual EphemeralRenewResult Renew(const RequestContext& ctx, const std::string& private_data,
                                     Diagnostics& diags);
  // The default has nothing to release.
  virtual void Close(const RequestContext& ctx, const std::string& private_data,
                     Diagnostics& diags);
};

// One parameter of a provider function.
struct FunctionParameter {
  std::string name;
  cty::Type type;  // cty::Type::Dynamic() accepts any value
  std::string description;  // markdown
  bool allow_null = false;
  bool allow_unknown = false;
};

struct FunctionSignature {
  std::vector<FunctionParameter> parameters;
  std::optional<FunctionParameter> variadic;
  cty::Type return_type;
  std::string summary;
  std::string description;  // markdown
  std::string deprecation_message;
};

// A failed call: the message Terraform shows, and which argument was at
// fault (0-based; nullopt when no single argument was).
struct FunctionError {
  std::string text;
  std::optional<int64_t> argument;
};

// A provider function, called as provider::NAME::FUNCTION(...) (Terraform >=
// 1.8). It may be called before the provider is configured.
class Function {
 public:
  virtual ~Function() = default;
  virtual const std::string& name() const = 0;
  virtual const FunctionSignature& signature() const = 0;
  // `arguments` holds one value per parameter, then the variadic ones. On
  // failure, set `error` (the returned value is then ignored).
  virtual cty::Value Call(const RequestContext& ctx, const std::vector<cty::Value>& arguments,
                          std::optional<FunctionError>& error) = 0;
};

}  // namespace tfplugin

#endif  // TFPLUGIN_DATA_SOURCE_H_
