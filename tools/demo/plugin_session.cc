#include "tools/demo/plugin_session.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "tfplugin/cty/codec.h"

namespace demo {

namespace cty = tfplugin::cty;
using tfplugin_test::Decode;
using tfplugin_test::Encode;

namespace {

constexpr auto kRpcDeadline = std::chrono::minutes(35);  // > the 30m default timeouts

std::unique_ptr<grpc::ClientContext> Context() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + kRpcDeadline);
  return ctx;
}

absl::Status GrpcError(const grpc::Status& s, const std::string& rpc) {
  return absl::UnavailableError(absl::StrCat(rpc, ": gRPC error ", s.error_code(), ": ", s.error_message()));
}

std::string PathText(const tfplugin6::AttributePath& path) {
  std::string out;
  for (const auto& step : path.steps()) {
    if (step.has_attribute_name()) {
      if (!out.empty()) out += ".";
      out += step.attribute_name();
    } else if (step.has_element_key_string()) {
      out += "[\"" + step.element_key_string() + "\"]";
    } else if (step.has_element_key_int()) {
      out += "[" + std::to_string(step.element_key_int()) + "]";
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PluginSession>> PluginSession::Start(const std::string& binary,
                                                                    const std::string& resource_type) {
  std::unique_ptr<PluginSession> s(new PluginSession());
  s->type_name_ = resource_type;
  tfplugin_test::LaunchOptions options;
  options.binary = binary;
  auto process = tfplugin_test::ProviderProcess::Launch(options);
  if (!process.ok()) return process.status();
  s->process_ = *std::move(process);

  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  auto ctx = Context();
  grpc::Status st = s->process_->provider().GetProviderSchema(ctx.get(), req, &resp);
  if (!st.ok()) return GrpcError(st, "GetProviderSchema");
  if (absl::Status d = s->Collect(resp.diagnostics(), "GetProviderSchema"); !d.ok()) return d;
  auto provider_type = tfplugin_test::ImpliedType(resp.provider().block());
  if (!provider_type.ok()) return provider_type.status();
  s->provider_type_ = *provider_type;
  auto it = resp.resource_schemas().find(resource_type);
  if (it == resp.resource_schemas().end()) {
    return absl::NotFoundError(absl::StrCat("the provider has no resource type ", resource_type));
  }
  s->resource_block_ = it->second.block();
  s->resource_version_ = it->second.version();
  auto type = tfplugin_test::ImpliedType(s->resource_block_);
  if (!type.ok()) return type.status();
  s->resource_type_ = *type;
  return s;
}

PluginSession::~PluginSession() {
  if (!shut_down_) Shutdown();
}

bool PluginSession::IsSensitive(const std::string& attribute) const {
  for (const auto& a : resource_block_.attributes()) {
    if (a.name() == attribute) return a.sensitive();
  }
  return false;
}

absl::Status PluginSession::Collect(
    const google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>& diags, const std::string& rpc) {
  for (const auto& d : diags) {
    if (d.severity() != tfplugin6::Diagnostic::WARNING) continue;
    std::string line = absl::StrCat("Warning: ", d.summary());
    if (!d.detail().empty()) absl::StrAppend(&line, ": ", d.detail());
    if (d.has_attribute()) absl::StrAppend(&line, " (", PathText(d.attribute()), ")");
    warnings_.push_back(std::move(line));
  }
  if (tfplugin_test::HasError(diags)) {
    return absl::FailedPreconditionError(
        absl::StrCat(rpc, " reported:\n", tfplugin_test::DiagnosticsText(diags)));
  }
  return absl::OkStatus();
}

std::vector<std::string> PluginSession::TakeWarnings() {
  std::vector<std::string> out;
  out.swap(warnings_);
  return out;
}

absl::Status PluginSession::Configure(const cty::Value& config) {
  auto dv = Encode(config, provider_type_);
  if (!dv.ok()) return dv.status();
  {
    tfplugin6::ValidateProviderConfig::Request req;
    tfplugin6::ValidateProviderConfig::Response resp;
    *req.mutable_config() = *dv;
    auto ctx = Context();
    grpc::Status st = process_->provider().ValidateProviderConfig(ctx.get(), req, &resp);
    if (!st.ok()) return GrpcError(st, "ValidateProviderConfig");
    if (absl::Status d = Collect(resp.diagnostics(), "ValidateProviderConfig"); !d.ok()) return d;
  }
  tfplugin6::ConfigureProvider::Request req;
  tfplugin6::ConfigureProvider::Response resp;
  req.set_terraform_version("1.9.0");
  *req.mutable_config() = *dv;
  auto ctx = Context();
  grpc::Status st = process_->provider().ConfigureProvider(ctx.get(), req, &resp);
  if (!st.ok()) return GrpcError(st, "ConfigureProvider");
  return Collect(resp.diagnostics(), "ConfigureProvider");
}

absl::Status PluginSession::ValidateResource(const cty::Value& config) {
  auto dv = Encode(config, resource_type_);
  if (!dv.ok()) return dv.status();
  tfplugin6::ValidateResourceConfig::Request req;
  tfplugin6::ValidateResourceConfig::Response resp;
  req.set_type_name(type_name_);
  *req.mutable_config() = *dv;
  auto ctx = Context();
  grpc::Status st = process_->provider().ValidateResourceConfig(ctx.get(), req, &resp);
  if (!st.ok()) return GrpcError(st, "ValidateResourceConfig");
  return Collect(resp.diagnostics(), "ValidateResourceConfig");
}

absl::StatusOr<ResourceState> PluginSession::Refresh(const ResourceState& state) {
  // State is stored as JSON; every plan begins by upgrading it.
  auto json = cty::EncodeJson(state.value, resource_type_);
  if (!json.ok()) return json.status();
  tfplugin6::UpgradeResourceState::Request up_req;
  tfplugin6::UpgradeResourceState::Response up_resp;
  up_req.set_type_name(type_name_);
  up_req.set_version(resource_version_);
  up_req.mutable_raw_state()->set_json(*json);
  auto up_ctx = Context();
  grpc::Status st = process_->provider().UpgradeResourceState(up_ctx.get(), up_req, &up_resp);
  if (!st.ok()) return GrpcError(st, "UpgradeResourceState");
  if (absl::Status d = Collect(up_resp.diagnostics(), "UpgradeResourceState"); !d.ok()) return d;

  tfplugin6::ReadResource::Request req;
  tfplugin6::ReadResource::Response resp;
  req.set_type_name(type_name_);
  *req.mutable_current_state() = up_resp.upgraded_state();
  req.set_private_(state.private_data);
  auto ctx = Context();
  st = process_->provider().ReadResource(ctx.get(), req, &resp);
  if (!st.ok()) return GrpcError(st, "ReadResource");
  if (absl::Status d = Collect(resp.diagnostics(), "ReadResource"); !d.ok()) return d;
  auto value = Decode(resp.new_state(), resource_type_);
  if (!value.ok()) return value.status();
  return ResourceState{*value, resp.private_()};
}

absl::StatusOr<PlanResult> PluginSession::Plan(const ResourceState& prior, const cty::Value& proposed,
                                               const cty::Value& config) {
  auto prior_dv = Encode(prior.value, resource_type_);
  auto proposed_dv = Encode(proposed, resource_type_);
  auto config_dv = Encode(config, resource_type_);
  if (!prior_dv.ok()) return prior_dv.status();
  if (!proposed_dv.ok()) return proposed_dv.status();
  if (!config_dv.ok()) return config_dv.status();
  tfplugin6::PlanResourceChange::Request req;
  tfplugin6::PlanResourceChange::Response resp;
  req.set_type_name(type_name_);
  *req.mutable_prior_state() = *prior_dv;
  *req.mutable_proposed_new_state() = *proposed_dv;
  *req.mutable_config() = *config_dv;
  req.set_prior_private(prior.private_data);
  auto ctx = Context();
  grpc::Status st = process_->provider().PlanResourceChange(ctx.get(), req, &resp);
  if (!st.ok()) return GrpcError(st, "PlanResourceChange");
  if (absl::Status d = Collect(resp.diagnostics(), "PlanResourceChange"); !d.ok()) return d;
  auto planned = Decode(resp.planned_state(), resource_type_);
  if (!planned.ok()) return planned.status();
  PlanResult out{*planned, {}, resp.planned_private()};
  for (const auto& p : resp.requires_replace()) out.requires_replace.push_back(PathText(p));
  return out;
}

absl::StatusOr<ResourceState> PluginSession::Apply(const ResourceState& prior, const PlanResult& plan,
                                                   const cty::Value& config) {
  auto prior_dv = Encode(prior.value, resource_type_);
  auto planned_dv = Encode(plan.planned, resource_type_);
  auto config_dv = Encode(config, resource_type_);
  if (!prior_dv.ok()) return prior_dv.status();
  if (!planned_dv.ok()) return planned_dv.status();
  if (!config_dv.ok()) return config_dv.status();
  tfplugin6::ApplyResourceChange::Request req;
  tfplugin6::ApplyResourceChange::Response resp;
  req.set_type_name(type_name_);
  *req.mutable_prior_state() = *prior_dv;
  *req.mutable_planned_state() = *planned_dv;
  *req.mutable_config() = *config_dv;
  req.set_planned_private(plan.planned_private);
  auto ctx = Context();
  grpc::Status st = process_->provider().ApplyResourceChange(ctx.get(), req, &resp);
  if (!st.ok()) return GrpcError(st, "ApplyResourceChange");
  if (absl::Status d = Collect(resp.diagnostics(), "ApplyResourceChange"); !d.ok()) return d;
  auto value = Decode(resp.new_state(), resource_type_);
  if (!value.ok()) return value.status();
  return ResourceState{*value, resp.private_()};
}

std::optional<int> PluginSession::Shutdown() {
  shut_down_ = true;
  return process_->Shutdown(std::chrono::seconds(2));
}

cty::Value ProposedNew(const tfplugin6::Schema::Block& block, const cty::Value& prior,
                       const cty::Value& config) {
  if (config.is_null()) return cty::Value::Null();
  std::map<std::string, cty::Value> out;
  for (const auto& a : block.attributes()) {
    const cty::Value& configured = config.Attr(a.name());
    if (!configured.is_null() || !a.computed() || prior.is_null()) {
      out[a.name()] = configured;
    } else {
      out[a.name()] = prior.Attr(a.name());
    }
  }
  return cty::Value::Object(std::move(out));
}

}  // namespace demo
