// fw::DataSource<M> and fw::EphemeralResource<M>: a data source or an
// ephemeral resource written as its typed model and its hooks; the
// framework validates, decodes, guards and encodes.
#ifndef TFPLUGIN_FRAMEWORK_DATA_SOURCE_H_
#define TFPLUGIN_FRAMEWORK_DATA_SOURCE_H_

#include <string>
#include <utility>

#include "tfplugin/data_source.h"
#include "tfplugin/framework/context.h"
#include "tfplugin/framework/object.h"

namespace tfplugin::fw {

struct DataSourceOptions {
  std::string type_name{};
  std::string description{};  // markdown
  bool needs_configuration = false;
};

template <typename M>
class DataSource : public tfplugin::DataSource, public Component {
 public:
  DataSource(DataSourceOptions options, Object<M> object)
      : Component(options.type_name, options.needs_configuration),
        options_(std::move(options)),
        object_(std::move(object)) {
    schema_.block = ToBlock(*object_.spec(), options_.description);
  }

  const std::string& type_name() const final { return options_.type_name; }
  const Schema& schema() const final { return schema_; }

  void Validate(const RequestContext& rc, const cty::Value& config,
                Diagnostics& diags) const final {
    ValidateObject(*object_.spec(), config, AttributePath(), diags);
    if (diags.HasError()) return;
    const M typed = object_.Decode(config, AttributePath(), diags);
    if (!diags.HasError()) ValidateConfig(MakeContext(rc), typed, diags);
  }

  cty::Value Read(const RequestContext& rc, const cty::Value& config, Diagnostics& diags) final {
    Diagnostics checks;
    Validate(rc, config, checks);
    for (const Diagnostic& d : checks.items()) {
      if (d.severity == Severity::kError) diags.Add(d);
    }
    if (checks.HasError() || !RequireConfigured("read", diags)) return cty::Value::Null();
    const M typed = object_.Decode(config);
    M state = typed;
    Diagnostics hook;
    ReadData(MakeContext(rc), typed, state, hook);
    diags.Append(hook);
    if (hook.HasError()) return cty::Value::Null();
    std::vector<AttributePath> unknown;
    cty::Value out = UnknownsToNull(object_.Merge(config, typed, state), AttributePath(), &unknown);
    if (!unknown.empty()) {
      diags.AddError("Provider left values unknown",
                     "The data source " + options_.type_name + " did not set " +
                         unknown.front().ToString() + "; this is a bug in the provider.",
                     unknown.front());
    }
    return out;
  }

 protected:
  virtual void ValidateConfig(const Context& ctx, const M& config, Diagnostics& diags) const {}
  // `state` starts as the config; fill the computed attributes.
  virtual void ReadData(const Context& ctx, const M& config, M& state, Diagnostics& diags) = 0;

 private:
  DataSourceOptions options_;
  Object<M> object_;
  Schema schema_;
};

// An ephemeral resource's Open result, typed.
template <typename M>
struct Opened {
  M result;  // starts as the config
  std::string private_data;
  std::optional<std::chrono::system_clock::time_point> renew_at;
};

template <typename M>
class EphemeralResource : public tfplugin::EphemeralResource, public Component {
 public:
  EphemeralResource(DataSourceOptions options, Object<M> object)
      : Component(options.type_name, options.needs_configuration),
        options_(std::move(options)),
        object_(std::move(object)) {
    schema_.block = ToBlock(*object_.spec(), options_.description);
  }

  const std::string& type_name() const final { return options_.type_name; }
  const Schema& schema() const final { return schema_; }

  void Validate(const RequestContext& rc, const cty::Value& config,
                Diagnostics& diags) const final {
    ValidateObject(*object_.spec(), config, AttributePath(), diags);
    if (diags.HasError()) return;
    const M typed = object_.Decode(config, AttributePath(), diags);
    if (!diags.HasError()) {
      ValidateConfig(MakeContext(rc), typed, diags);
    }
  }

  EphemeralOpenResult Open(const RequestContext& rc, const cty::Value& config,
                           Diagnostics& diags) final {
    EphemeralOpenResult out{cty::Value::Null(), "", std::nullopt};
    if (!RequireConfigured("opened", diags)) return out;
    const M typed = object_.Decode(config);
    Opened<M> opened{typed, "", std::nullopt};
    OpenHook(MakeContext(rc), typed, opened, diags);
    if (diags.HasError()) return out;
    out.result = UnknownsToNull(object_.Merge(config, typed, opened.result), AttributePath(),
                                nullptr);
    out.private_data = std::move(opened.private_data);
    out.renew_at = opened.renew_at;
    return out;
  }

 protected:
  virtual void ValidateConfig(const Context& ctx, const M& config, Diagnostics& diags) const {}
  // Fill `opened.result`'s computed attributes; keep what Renew/Close need
  // in `opened.private_data` (Renew and Close are tfplugin's, override them
  // directly: they see only that private data).
  virtual void OpenHook(const Context& ctx, const M& config, Opened<M>& opened,
                        Diagnostics& diags) = 0;

 private:
  DataSourceOptions options_;
  Object<M> object_;
  Schema schema_;
};

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_DATA_SOURCE_H_
