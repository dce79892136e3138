// The tfplugin6.Provider gRPC service: a thin translator per RPC. It decodes
// DynamicValues with the schema's implied type, calls the protocol-free
// tfplugin::Provider / tfplugin::Resource, and encodes the results. Nothing
// here knows about any particular provider.
//
// Failure policy: a request that cannot be decoded, an unknown type name or
// an exception thrown by provider code becomes an error diagnostic in the
// response; the gRPC status stays OK. No exception ever leaves a handler.
//
// Each RPC that reaches provider code gets its own RequestContext,
// registered while the handler runs: StopProvider cancels the requests in
// flight at that moment, a client that goes away cancels its own request
// (the ServerContext is watched), and the next request starts afresh. A null
// ServerContext is allowed (tests call handlers directly).
#ifndef TFPLUGIN_PROVIDER_SERVICE_H_
#define TFPLUGIN_PROVIDER_SERVICE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "proto/tfplugin6.grpc.pb.h"
#include "tfplugin/in_flight.h"
#include "tfplugin/provider.h"

namespace tfplugin {

class ProviderService final : public tfplugin6::Provider::Service {
 public:
  using Factory = std::function<std::unique_ptr<Provider>()>;

  // The provider is made by `factory` on the first RPC that needs it, so its
  // set-up cost is not paid before the handshake line.
  explicit ProviderService(Factory factory);
  ~ProviderService() override;

  // Cancels every request in flight (used at shutdown).
  void StopIfStarted();

#define TFPLUGIN_UNARY(Rpc, Msg)                                                        \
  grpc::Status Rpc(grpc::ServerContext* ctx, const tfplugin6::Msg##_Request* req,       \
                   tfplugin6::Msg##_Response* resp) override;
  TFPLUGIN_UNARY(GetMetadata, GetMetadataMessage)
  TFPLUGIN_UNARY(GetProviderSchema, GetProviderSchema)
  TFPLUGIN_UNARY(ValidateProviderConfig, ValidateProviderConfig)
  TFPLUGIN_UNARY(ValidateResourceConfig, ValidateResourceConfig)
  TFPLUGIN_UNARY(ValidateDataResourceConfig, ValidateDataResourceConfig)
  TFPLUGIN_UNARY(UpgradeResourceState, UpgradeResourceState)
  TFPLUGIN_UNARY(GetResourceIdentitySchemas, GetResourceIdentitySchemas)
  TFPLUGIN_UNARY(UpgradeResourceIdentity, UpgradeResourceIdentity)
  TFPLUGIN_UNARY(ConfigureProvider, ConfigureProvider)
  TFPLUGIN_UNARY(ReadResource, ReadResource)
  TFPLUGIN_UNARY(PlanResourceChange, PlanResourceChange)
  TFPLUGIN_UNARY(ApplyResourceChange, ApplyResourceChange)
  TFPLUGIN_UNARY(ImportResourceState, ImportResourceState)
  TFPLUGIN_UNARY(MoveResourceState, MoveResourceState)
  TFPLUGIN_UNARY(ReadDataSource, ReadDataSource)
  TFPLUGIN_UNARY(GenerateResourceConfig, GenerateResourceConfig)
  TFPLUGIN_UNARY(ValidateEphemeralResourceConfig, ValidateEphemeralResourceConfig)
  TFPLUGIN_UNARY(OpenEphemeralResource, OpenEphemeralResource)
  TFPLUGIN_UNARY(RenewEphemeralResource, RenewEphemeralResource)
  TFPLUGIN_UNARY(CloseEphemeralResource, CloseEphemeralResource)
  TFPLUGIN_UNARY(ValidateListResourceConfig, ValidateListResourceConfig)
  TFPLUGIN_UNARY(GetFunctions, GetFunctions)
  TFPLUGIN_UNARY(CallFunction, CallFunction)
  TFPLUGIN_UNARY(ValidateStateStoreConfig, ValidateStateStore)
  TFPLUGIN_UNARY(ConfigureStateStore, ConfigureStateStore)
  TFPLUGIN_UNARY(LockState, LockState)
  TFPLUGIN_UNARY(UnlockState, UnlockState)
  TFPLUGIN_UNARY(GetStates, GetStates)
  TFPLUGIN_UNARY(DeleteState, DeleteState)
  TFPLUGIN_UNARY(PlanAction, PlanAction)
  TFPLUGIN_UNARY(ValidateActionConfig, ValidateActionConfig)
  TFPLUGIN_UNARY(StopProvider, StopProvider)
#undef TFPLUGIN_UNARY

  grpc::Status ListResource(grpc::ServerContext* ctx, const tfplugin6::ListResource_Request* req,
                            grpc::ServerWriter<tfplugin6::ListResource_Event>* writer) override;
  grpc::Status ReadStateBytes(grpc::ServerContext* ctx,
                              const tfplugin6::ReadStateBytes_Request* req,
                              grpc::ServerWriter<tfplugin6::ReadStateBytes_Response>* writer) override;
  grpc::Status WriteStateBytes(grpc::ServerContext* ctx,
                               grpc::ServerReader<tfplugin6::WriteStateBytes_RequestChunk>* reader,
                               tfplugin6::WriteStateBytes_Response* resp) override;
  grpc::Status InvokeAction(grpc::ServerContext* ctx, const tfplugin6::InvokeAction_Request* req,
                            grpc::ServerWriter<tfplugin6::InvokeAction_Event>* writer) override;

 private:
  Provider& provider();  // makes it on first use; thread-safe
  // Runs one RPC body with its RequestContext registered as in flight;
  // turns any exception into an error diagnostic.
  template <typename Fn>
  void AtEdge(grpc::ServerContext* server_ctx, const char* rpc, const std::string& type_name,
              google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic>* out, Fn&& body);

  InFlightRequests in_flight_;

  Factory factory_;
  std::once_flag made_;
  std::unique_ptr<Provider> provider_;
  std::atomic<Provider*> ready_{nullptr};

  // GetProviderSchema's answer never changes: built once, then copied.
  std::once_flag schema_built_;
  tfplugin6::GetProviderSchema_Response schema_response_;
};

}  // namespace tfplugin

#endif  // TFPLUGIN_PROVIDER_SERVICE_H_
