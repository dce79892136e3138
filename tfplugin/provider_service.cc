#include "tfplugin/provider_service.h"

#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

#include "tfplugin/log.h"
#include "tfplugin/wire.h"

namespace tfplugin {
namespace {

constexpr char kModule[] = "tfplugin";

// Decodes one DynamicValue field; on failure adds an error naming the field.
bool Decode(const tfplugin6::DynamicValue& dv, const cty::Type& type, const char* field,
            Diagnostics& diags, cty::Value* out) {
  absl::StatusOr<cty::Value> v = wire::DecodeDynamicValue(dv, type);
  if (!v.ok()) {
    diags.AddError(std::string("Invalid ") + field,
                   std::string("The provider could not decode the ") + field +
                       " sent by Terraform: " + std::string(v.status().message()));
    return false;
  }
  *out = *std::move(v);
  return true;
}

void Encode(const cty::Value& value, const cty::Type& type, const char* field, Diagnostics& diags,
            tfplugin6::DynamicValue* out) {
  absl::Status s = wire::EncodeDynamicValue(value, type, out);
  if (!s.ok()) {
    diags.AddError("Provider returned an invalid " + std::string(field),
                   "The provider produced a value that does not match its own schema: " +
                       std::string(s.message()));
  }
}

Resource* Lookup(Provider& p, const std::string& type_name, Diagnostics& diags) {
  Resource* r = p.FindResource(type_name);
  if (r == nullptr) {
    diags.AddError("Unknown resource type",
                   "This provider has no managed resource type named \"" + type_name + "\".");
  }
  return r;
}

void NotSupported(Diagnostics& diags, const std::string& what) {
  diags.AddError(what + " not supported by this provider",
                 "This provider does not implement " + what + ".");
}

// The data sources, ephemeral resources and functions of GetMetadata, and the
// capability that only resources which take moved state need.
void DescribeExtras(Provider& p, tfplugin6::GetMetadataMessage_Response* resp) {
  for (DataSource* d : p.data_sources()) resp->add_data_sources()->set_type_name(d->type_name());
  for (EphemeralResource* e : p.ephemeral_resources()) {
    resp->add_ephemeral_resources()->set_type_name(e->type_name());
  }
  for (Function* f : p.functions()) resp->add_functions()->set_name(f->name());
  for (Resource* r : p.resources()) {
    if (r->SupportsMoveState()) resp->mutable_server_capabilities()->set_move_resource_state(true);
  }
}

void SchemaExtras(Provider& p, tfplugin6::GetProviderSchema_Response* built) {
  for (DataSource* d : p.data_sources()) {
    wire::SchemaToProto(d->schema(), &(*built->mutable_data_source_schemas())[d->type_name()]);
  }
  for (EphemeralResource* e : p.ephemeral_resources()) {
    wire::SchemaToProto(e->schema(),
                        &(*built->mutable_ephemeral_resource_schemas())[e->type_name()]);
  }
  for (Function* f : p.functions()) {
    wire::FunctionToProto(f->signature(), &(*built->mutable_functions())[f->name()]);
  }
  for (Resource* r : p.resources()) {
    if (r->SupportsMoveState()) built->mutable_server_capabilities()->set_move_resource_state(true);
  }
}

DataSource* LookupDataSource(Provider& p, const std::string& type_name, Diagnostics& diags) {
  DataSource* d = p.FindDataSource(type_name);
  if (d == nullptr) NotSupported(diags, "the data source \"" + type_name + "\"");
  return d;
}

EphemeralResource* LookupEphemeral(Provider& p, const std::string& type_name,
                                   Diagnostics& diags) {
  EphemeralResource* e = p.FindEphemeralResource(type_name);
  if (e == nullptr) NotSupported(diags, "the ephemeral resource \"" + type_name + "\"");
  return e;
}

void SetTimestamp(std::chrono::system_clock::time_point t, tfplugin6::Timestamp* out) {
  const auto ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
  out->set_seconds(ns / 1000000000);
  out->set_nanos(static_cast<int32_t>(ns % 1000000000));
}

}  // namespace

ProviderService::ProviderService(Factory factory) : factory_(std::move(factory)) {}

// Logs the RPC name and duration (never values).
template <typename Fn>
void ProviderService::AtEdge(grpc::ServerContext* server_ctx, const char* rpc,
                             const std::string& type_name,
                             google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out,
                             Fn&& body) {
  auto start = std::chrono::steady_clock::now();
  RequestContext ctx(rpc, type_name, ClientDeadline(server_ctx));
  Diagnostics diags;
  {
    InFlightRequests::Registration registered = in_flight_.Add(&ctx, server_ctx);
    try {
      body(ctx, diags);
    } catch (const std::exception& e) {
      diags.AddError("Internal error in the provider",
                     std::string("The provider failed while handling ") + rpc + ": " + e.what());
      ctx.Log(LogLevel::kError, kModule, "exception in RPC handler");
    } catch (...) {
      diags.AddError("Internal error in the provider",
                     std::string("The provider failed while handling ") + rpc + ".");
      ctx.Log(LogLevel::kError, kModule, "exception in RPC handler");
    }
  }
  wire::AppendDiagnostics(diags, out);
  if (LogEnabled(LogLevel::kDebug)) {
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    ctx.Log(
        LogLevel::kDebug, kModule, "served RPC",
        {{"duration_ms", ms},
         {"diagnostics", static_cast<int64_t>(diags.items().size())},
         {"error", diags.HasError()},
         {"cancelled", std::string(ctx.cancelled() ? CancelCauseText(ctx.cancel_cause()) : "")}});
  }
}
ProviderService::~ProviderService() = default;

Provider& ProviderService::provider() {
  std::call_once(made_, [this] {
    std::unique_ptr<Provider> p = factory_();
    if (!p) throw std::runtime_error("the provider factory returned no provider");
    provider_ = std::move(p);
    ready_.store(provider_.get());
  });
  return *provider_;
}

void ProviderService::StopIfStarted() { in_flight_.CancelAll(CancelCause::kShutdown); }

grpc::Status ProviderService::GetMetadata(grpc::ServerContext* server_ctx,
                                          const tfplugin6::GetMetadataMessage_Request*,
                                          tfplugin6::GetMetadataMessage_Response* resp) {
  AtEdge(server_ctx, "GetMetadata", "", resp->mutable_diagnostics(),
         [&](const RequestContext&, Diagnostics&) {
           resp->mutable_server_capabilities()->set_plan_destroy(true);
           resp->mutable_server_capabilities()->set_get_provider_schema_optional(true);
           for (Resource* r : provider().resources())
             resp->add_resources()->set_type_name(r->type_name());
           DescribeExtras(provider(), resp);
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::GetProviderSchema(grpc::ServerContext* server_ctx,
                                                const tfplugin6::GetProviderSchema_Request*,
                                                tfplugin6::GetProviderSchema_Response* resp) {
  AtEdge(server_ctx, "GetProviderSchema", "", resp->mutable_diagnostics(),
         [&](const RequestContext&, Diagnostics&) {
           std::call_once(schema_built_, [this] {
             tfplugin6::GetProviderSchema_Response built;
             Provider& p = provider();
             wire::SchemaToProto(p.config_schema(), built.mutable_provider());
             for (Resource* r : p.resources()) {
               wire::SchemaToProto(r->schema(),
                                   &(*built.mutable_resource_schemas())[r->type_name()]);
             }
             built.mutable_server_capabilities()->set_plan_destroy(true);
             built.mutable_server_capabilities()->set_get_provider_schema_optional(true);
             SchemaExtras(p, &built);
             schema_response_ = std::move(built);
           });
           resp->CopyFrom(schema_response_);
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::ValidateProviderConfig(
    grpc::ServerContext* server_ctx, const tfplugin6::ValidateProviderConfig_Request* req,
    tfplugin6::ValidateProviderConfig_Response* resp) {
  AtEdge(server_ctx, "ValidateProviderConfig", "", resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
           Provider& p = provider();
           cty::Value config;
           if (!Decode(req->config(), ImpliedType(p.config_schema().block),
                       "provider configuration", diags, &config)) {
             return;
           }
           p.ValidateConfig(ctx, config, diags);
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::ConfigureProvider(grpc::ServerContext* server_ctx,
                                                const tfplugin6::ConfigureProvider_Request* req,
                                                tfplugin6::ConfigureProvider_Response* resp) {
  AtEdge(server_ctx, "ConfigureProvider", "", resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
           Provider& p = provider();
           cty::Value config;
           if (!Decode(req->config(), ImpliedType(p.config_schema().block),
                       "provider configuration", diags, &config)) {
             return;
           }
           p.Configure(ctx, config, req->terraform_version(), diags);
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::ValidateResourceConfig(
    grpc::ServerContext* server_ctx, const tfplugin6::ValidateResourceConfig_Request* req,
    tfplugin6::ValidateResourceConfig_Response* resp) {
  AtEdge(server_ctx, "ValidateResourceConfig", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
           Resource* r = Lookup(provider(), req->type_name(), diags);
           if (r == nullptr) return;
           cty::Value config;
           if (!Decode(req->config(), ImpliedType(r->schema().block), "resource configuration",
                       diags, &config)) {
             return;
           }
           r->Validate(ctx, config, diags);
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::UpgradeResourceState(
    grpc::ServerContext* server_ctx, const tfplugin6::UpgradeResourceState_Request* req,
    tfplugin6::UpgradeResourceState_Response* resp) {
  AtEdge(server_ctx, "UpgradeResourceState", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
           Resource* r = Lookup(provider(), req->type_name(), diags);
           if (r == nullptr) return;
           if (req->raw_state().json().empty()) {
             diags.AddError("Unsupported stored state format",
                            req->raw_state().flatmap().empty()
                                ? "Terraform sent no stored state to upgrade."
                                : "The stored state is in the legacy flatmap format, which this "
                                  "provider never wrote and cannot read.");
             return;
           }
           Diagnostics upgrade_diags;
           cty::Value upgraded =
               r->UpgradeState(ctx, req->version(), req->raw_state().json(), upgrade_diags);
           diags.Append(upgrade_diags);
           if (upgrade_diags.HasError()) return;
           Encode(upgraded, ImpliedType(r->schema().block), "upgraded state", diags,
                  resp->mutable_upgraded_state());
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::ReadResource(grpc::ServerContext* server_ctx,
                                           const tfplugin6::ReadResource_Request* req,
                                           tfplugin6::ReadResource_Response* resp) {
  AtEdge(server_ctx, "ReadResource", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
           Resource* r = Lookup(provider(), req->type_name(), diags);
           if (r == nullptr) return;
           cty::Type type = ImpliedType(r->schema().block);
           ReadRequest rr;
           if (!Decode(req->current_state(), type, "current state", diags, &rr.current_state))
             return;
           rr.private_data = req->private_();
           ReadResponse out = r->Read(ctx, rr, diags);
           Encode(out.new_state, type, "new state", diags, resp->mutable_new_state());
           resp->set_private_(std::move(out.private_data));
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::PlanResourceChange(grpc::ServerContext* server_ctx,
                                                 const tfplugin6::PlanResourceChange_Request* req,
                                                 tfplugin6::PlanResourceChange_Response* resp) {
  AtEdge(server_ctx, "PlanResourceChange", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
           Resource* r = Lookup(provider(), req->type_name(), diags);
           if (r == nullptr) return;
           cty::Type type = ImpliedType(r->schema().block);
           PlanRequest pr;
           if (!Decode(req->prior_state(), type, "prior state", diags, &pr.prior_state) ||
               !Decode(req->proposed_new_state(), type, "proposed new state", diags,
                       &pr.proposed_new_state) ||
               !Decode(req->config(), type, "configuration", diags, &pr.config)) {
             return;
           }
           pr.prior_private = req->prior_private();
           PlanResponse out = r->Plan(ctx, pr, diags);
           Encode(out.planned_state, type, "planned state", diags, resp->mutable_planned_state());
           for (const AttributePath& path : out.requires_replace) {
             wire::PathToProto(path, resp->add_requires_replace());
           }
           resp->set_planned_private(std::move(out.planned_private));
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::ApplyResourceChange(grpc::ServerContext* server_ctx,
                                                  const tfplugin6::ApplyResourceChange_Request* req,
                                                  tfplugin6::ApplyResourceChange_Response* resp) {
  AtEdge(server_ctx, "ApplyResourceChange", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
           Resource* r = Lookup(provider(), req->type_name(), diags);
           if (r == nullptr) return;
           cty::Type type = ImpliedType(r->schema().block);
           ApplyRequest ar;
           if (!Decode(req->prior_state(), type, "prior state", diags, &ar.prior_state) ||
               !Decode(req->planned_state(), type, "planned state", diags, &ar.planned_state) ||
               !Decode(req->config(), type, "configuration", diags, &ar.config)) {
             return;
           }
           ar.planned_private = req->planned_private();
           ApplyResponse out = r->Apply(ctx, ar, diags);
           Encode(out.new_state, type, "new state", diags, resp->mutable_new_state());
           resp->set_private_(std::move(out.private_data));
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::ImportResourceState(grpc::ServerContext* server_ctx,
                                                  const tfplugin6::ImportResourceState_Request* req,
                                                  tfplugin6::ImportResourceState_Response* resp) {
  AtEdge(server_ctx, "ImportResourceState", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
           Resource* r = Lookup(provider(), req->type_name(), diags);
           if (r == nullptr) return;
           cty::Type type = ImpliedType(r->schema().block);
           std::vector<ImportedObject> objects = r->Import(ctx, req->id(), diags);
           for (ImportedObject& obj : objects) {
             tfplugin6::ImportResourceState_ImportedResource* ir = resp->add_imported_resources();
             ir->set_type_name(req->type_name());
             Encode(obj.state, type, "imported state", diags, ir->mutable_state());
             ir->set_private_(std::move(obj.private_data));
           }
         });
  return grpc::Status::OK;
}

grpc::Status ProviderService::GetResourceIdentitySchemas(
    grpc::ServerContext* server_ctx, const tfplugin6::GetResourceIdentitySchemas_Request*,
    tfplugin6::GetResourceIdentitySchemas_Response* resp) {
  // No resource of this framework declares an identity: an empty map.
  AtEdge(server_ctx, "GetResourceIdentitySchemas", "", resp->mutable_diagnostics(),
         [](const RequestContext&, Diagnostics&) {});
  return grpc::Status::OK;
}


grpc::Status ProviderService::StopProvider(grpc::ServerContext*,
                                           const tfplugin6::StopProvider_Request*,
                                           tfplugin6::StopProvider_Response*) {
  // Only the requests in flight now: the next request starts uncancelled.
  size_t n = in_flight_.CancelAll(CancelCause::kStopProvider);
  Log(LogLevel::kDebug, kModule, "served RPC",
      {{"tf_rpc", "StopProvider"}, {"cancelled_requests", static_cast<int64_t>(n)}});
  return grpc::Status::OK;
}

// --- Everything this framework does not offer: an error diagnostic. -------

#define TFPLUGIN_UNSUPPORTED(Rpc, Msg, what)                                               \
  grpc::Status ProviderService::Rpc(grpc::ServerContext* server_ctx,                       \
                                    [[maybe_unused]] const tfplugin6::Msg##_Request* req,  \
                                    tfplugin6::Msg##_Response* resp) {                     \
    AtEdge(server_ctx, #Rpc, "", resp->mutable_diagnostics(),                              \
           [&](const RequestContext&, Diagnostics& diags) { NotSupported(diags, what); }); \
    return grpc::Status::OK;                                                               \
  }

TFPLUGIN_UNSUPPORTED(UpgradeResourceIdentity, UpgradeResourceIdentity,
                     std::string("resource identity"))
TFPLUGIN_UNSUPPORTED(GenerateResourceConfig, GenerateResourceConfig,
                     std::string("configuration generation"))
TFPLUGIN_UNSUPPORTED(ValidateListResourceConfig, ValidateListResourceConfig,
                     "the list resource \"" + req->type_name() + "\"")
TFPLUGIN_UNSUPPORTED(ValidateStateStoreConfig, ValidateStateStore,
                     "the state store \"" + req->type_name() + "\"")
TFPLUGIN_UNSUPPORTED(ConfigureStateStore, ConfigureStateStore,
                     "the state store \"" + req->type_name() + "\"")
TFPLUGIN_UNSUPPORTED(LockState, LockState, "the state store \"" + req->type_name() + "\"")
TFPLUGIN_UNSUPPORTED(UnlockState, UnlockState, "the state store \"" + req->type_name() + "\"")
TFPLUGIN_UNSUPPORTED(GetStates, GetStates, "the state store \"" + req->type_name() + "\"")
TFPLUGIN_UNSUPPORTED(DeleteState, DeleteState, "the state store \"" + req->type_name() + "\"")
TFPLUGIN_UNSUPPORTED(PlanAction, PlanAction, "the action \"" + req->action_type() + "\"")
TFPLUGIN_UNSUPPORTED(ValidateActionConfig, ValidateActionConfig,
                     "the action \"" + req->type_name() + "\"")
#undef TFPLUGIN_UNSUPPORTED


grpc::Status ProviderService::ListResource(
    grpc::ServerContext* server_ctx, const tfplugin6::ListResource_Request* req,
    grpc::ServerWriter<tfplugin6::ListResource_Event>* writer) {
  tfplugin6::ListResource_Event event;
  AtEdge(server_ctx, "ListResource", "", event.mutable_diagnostic(),
         [&](const RequestContext&, Diagnostics& diags) {
           NotSupported(diags, "the list resource \"" + req->type_name() + "\"");
         });
  writer->Write(event);
  return grpc::Status::OK;
}

grpc::Status ProviderService::ReadStateBytes(
    grpc::ServerContext* server_ctx, const tfplugin6::ReadStateBytes_Request* req,
    grpc::ServerWriter<tfplugin6::ReadStateBytes_Response>* writer) {
  tfplugin6::ReadStateBytes_Response resp;
  AtEdge(server_ctx, "ReadStateBytes", "", resp.mutable_diagnostics(),
         [&](const RequestContext&, Diagnostics& diags) {
           NotSupported(diags, "the state store \"" + req->type_name() + "\"");
         });
  writer->Write(resp);
  return grpc::Status::OK;
}

grpc::Status ProviderService::WriteStateBytes(
    grpc::ServerContext* server_ctx,
    grpc::ServerReader<tfplugin6::WriteStateBytes_RequestChunk>* reader,
    tfplugin6::WriteStateBytes_Response* resp) {
  tfplugin6::WriteStateBytes_RequestChunk chunk;
  while (reader->Read(&chunk)) {
  }  // drain what the client sends before answering
  AtEdge(server_ctx, "WriteStateBytes", "", resp->mutable_diagnostics(),
         [&](const RequestContext&, Diagnostics& diags) { NotSupported(diags, "state stores"); });
  return grpc::Status::OK;
}

grpc::Status ProviderService::InvokeAction(
    grpc::ServerContext* server_ctx, const tfplugin6::InvokeAction_Request* req,
    grpc::ServerWriter<tfplugin6::InvokeAction_Event>* writer) {
  tfplugin6::InvokeAction_Event event;
  AtEdge(server_ctx, "InvokeAction", "", event.mutable_completed()->mutable_diagnostics(),
         [&](const RequestContext&, Diagnostics& diags) {
           NotSupported(diags, "the action \"" + req->action_type() + "\"");
         });
  writer->Write(event);
  return grpc::Status::OK;
}

// --- Data sources, ephemeral resources, functions, moved state. -------------

grpc::Status ProviderService::ValidateDataResourceConfig(
    grpc::ServerContext* server_ctx, const tfplugin6::ValidateDataResourceConfig_Request* req,
    tfplugin6::ValidateDataResourceConfig_Response* resp) {
  AtEdge(server_ctx, "ValidateDataResourceConfig", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
    DataSource* d = LookupDataSource(provider(), req->type_name(), diags);
    if (d == nullptr) return;
    cty::Value config;
    if (!Decode(req->config(), ImpliedType(d->schema().block), "data source configuration",
                diags, &config)) {
      return;
    }
    d->Validate(ctx, config, diags);
  });
  return grpc::Status::OK;
}

grpc::Status ProviderService::ReadDataSource(grpc::ServerContext* server_ctx,
                                             const tfplugin6::ReadDataSource_Request* req,
                                             tfplugin6::ReadDataSource_Response* resp) {
  AtEdge(server_ctx, "ReadDataSource", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
    DataSource* d = LookupDataSource(provider(), req->type_name(), diags);
    if (d == nullptr) return;
    cty::Type type = ImpliedType(d->schema().block);
    cty::Value config;
    if (!Decode(req->config(), type, "data source configuration", diags, &config)) return;
    cty::Value state = d->Read(ctx, config, diags);
    if (diags.HasError() && state.is_null()) return;
    Encode(state, type, "data source state", diags, resp->mutable_state());
  });
  return grpc::Status::OK;
}

grpc::Status ProviderService::MoveResourceState(grpc::ServerContext* server_ctx,
                                                const tfplugin6::MoveResourceState_Request* req,
                                                tfplugin6::MoveResourceState_Response* resp) {
  AtEdge(server_ctx, "MoveResourceState", req->target_type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
    Resource* r = Lookup(provider(), req->target_type_name(), diags);
    if (r == nullptr) return;
    if (req->source_state().json().empty()) {
      diags.AddError("Unsupported stored state format",
                     "Terraform sent the moved object's state in a form other than JSON.");
      return;
    }
    MoveStateRequest mr;
    mr.source_provider_address = req->source_provider_address();
    mr.source_type_name = req->source_type_name();
    mr.source_schema_version = req->source_schema_version();
    mr.source_state_json = req->source_state().json();
    mr.source_private = req->source_private();
    MoveStateResponse out = r->MoveState(ctx, mr, diags);
    if (out.target_state.is_null()) return;
    Encode(out.target_state, ImpliedType(r->schema().block), "moved state", diags,
           resp->mutable_target_state());
    resp->set_target_private(std::move(out.target_private));
  });
  return grpc::Status::OK;
}

grpc::Status ProviderService::ValidateEphemeralResourceConfig(
    grpc::ServerContext* server_ctx, const tfplugin6::ValidateEphemeralResourceConfig_Request* req,
    tfplugin6::ValidateEphemeralResourceConfig_Response* resp) {
  AtEdge(server_ctx, "ValidateEphemeralResourceConfig", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
    EphemeralResource* e = LookupEphemeral(provider(), req->type_name(), diags);
    if (e == nullptr) return;
    cty::Value config;
    if (!Decode(req->config(), ImpliedType(e->schema().block),
                "ephemeral resource configuration", diags, &config)) {
      return;
    }
    e->Validate(ctx, config, diags);
  });
  return grpc::Status::OK;
}

grpc::Status ProviderService::OpenEphemeralResource(
    grpc::ServerContext* server_ctx, const tfplugin6::OpenEphemeralResource_Request* req,
    tfplugin6::OpenEphemeralResource_Response* resp) {
  AtEdge(server_ctx, "OpenEphemeralResource", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
    EphemeralResource* e = LookupEphemeral(provider(), req->type_name(), diags);
    if (e == nullptr) return;
    cty::Type type = ImpliedType(e->schema().block);
    cty::Value config;
    if (!Decode(req->config(), type, "ephemeral resource configuration", diags, &config)) return;
    EphemeralOpenResult out = e->Open(ctx, config, diags);
    if (diags.HasError()) return;
    Encode(out.result, type, "ephemeral result", diags, resp->mutable_result());
    if (!out.private_data.empty()) resp->set_private_(std::move(out.private_data));
    if (out.renew_at) SetTimestamp(*out.renew_at, resp->mutable_renew_at());
  });
  return grpc::Status::OK;
}

grpc::Status ProviderService::RenewEphemeralResource(
    grpc::ServerContext* server_ctx, const tfplugin6::RenewEphemeralResource_Request* req,
    tfplugin6::RenewEphemeralResource_Response* resp) {
  AtEdge(server_ctx, "RenewEphemeralResource", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
    EphemeralResource* e = LookupEphemeral(provider(), req->type_name(), diags);
    if (e == nullptr) return;
    EphemeralRenewResult out = e->Renew(ctx, req->private_(), diags);
    if (!out.private_data.empty()) resp->set_private_(std::move(out.private_data));
    if (out.renew_at) SetTimestamp(*out.renew_at, resp->mutable_renew_at());
  });
  return grpc::Status::OK;
}

grpc::Status ProviderService::CloseEphemeralResource(
    grpc::ServerContext* server_ctx, const tfplugin6::CloseEphemeralResource_Request* req,
    tfplugin6::CloseEphemeralResource_Response* resp) {
  AtEdge(server_ctx, "CloseEphemeralResource", req->type_name(), resp->mutable_diagnostics(),
         [&](const RequestContext& ctx, Diagnostics& diags) {
    EphemeralResource* e = LookupEphemeral(provider(), req->type_name(), diags);
    if (e == nullptr) return;
    e->Close(ctx, req->private_(), diags);
  });
  return grpc::Status::OK;
}

grpc::Status ProviderService::GetFunctions(grpc::ServerContext* server_ctx,
                                           const tfplugin6::GetFunctions_Request*,
                                           tfplugin6::GetFunctions_Response* resp) {
  AtEdge(server_ctx, "GetFunctions", "", resp->mutable_diagnostics(),
         [&](const RequestContext&, Diagnostics&) {
    for (Function* f : provider().functions()) {
      wire::FunctionToProto(f->signature(), &(*resp->mutable_functions())[f->name()]);
    }
  });
  return grpc::Status::OK;
}

// Function errors travel in their own field, not as diagnostics.
grpc::Status ProviderService::CallFunction(grpc::ServerContext* server_ctx,
                                           const tfplugin6::CallFunction_Request* req,
                                           tfplugin6::CallFunction_Response* resp) {
  auto fail = [&](std::string text, std::optional<int64_t> argument) {
    resp->clear_result();
    resp->mutable_error()->set_text(std::move(text));
    if (argument) resp->mutable_error()->set_function_argument(*argument);
  };
  RequestContext ctx("CallFunction", "", ClientDeadline(server_ctx));
  InFlightRequests::Registration registered = in_flight_.Add(&ctx, server_ctx);
  try {
    Function* f = provider().FindFunction(req->name());
    if (f == nullptr) {
      fail("This provider has no function named \"" + req->name() + "\".", std::nullopt);
      return grpc::Status::OK;
    }
    const FunctionSignature& sig = f->signature();
    const size_t n = static_cast<size_t>(req->arguments_size());
    if (n < sig.parameters.size() || (!sig.variadic && n > sig.parameters.size())) {
      fail("The function \"" + req->name() + "\" takes " +
               std::to_string(sig.parameters.size()) + (sig.variadic ? " or more" : "") +
               " arguments, not " + std::to_string(n) + ".",
           std::nullopt);
      return grpc::Status::OK;
    }
    std::vector<cty::Value> args;
    args.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      const FunctionParameter& p = i < sig.parameters.size() ? sig.parameters[i] : *sig.variadic;
      absl::StatusOr<cty::Value> v = wire::DecodeDynamicValue(req->arguments(static_cast<int>(i)),
                                                              p.type);
      if (!v.ok()) {
        fail("Argument " + p.name + " could not be decoded: " + std::string(v.status().message()),
             static_cast<int64_t>(i));
        return grpc::Status::OK;
      }
      args.push_back(*std::move(v));
    }
    std::optional<FunctionError> error;
    cty::Value result = f->Call(ctx, args, error);
    if (error) {
      fail(error->text, error->argument);
      return grpc::Status::OK;
    }
    absl::Status s = wire::EncodeDynamicValue(result, sig.return_type, resp->mutable_result());
    if (!s.ok()) {
      fail("The function \"" + req->name() + "\" returned a value of the wrong type: " +
               std::string(s.message()),
           std::nullopt);
    }
  } catch (const std::exception& e) {
    fail("The provider failed while calling \"" + req->name() + "\": " + e.what(), std::nullopt);
  } catch (...) {
    fail("The provider failed while calling \"" + req->name() + "\".", std::nullopt);
  }
  ctx.Log(LogLevel::kDebug, kModule, "served RPC");
  return grpc::Status::OK;
}

}  // namespace tfplugin
