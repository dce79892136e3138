// The protocol-free contract between the gRPC server and a managed resource
// type. The server decodes requests into cty Values against the resource's
// schema, calls one of these methods, and encodes the result; a resource
// never sees protobuf. Every method may be called concurrently from several
// threads for different resource instances. Each call gets the context of
// its request: work that waits (API calls, polls) must stop promptly once
// `ctx.cancelled()`, and should respect `ctx.deadline()`.
#ifndef TFPLUGIN_RESOURCE_H_
#define TFPLUGIN_RESOURCE_H_

#include <string>
#include <vector>

#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/request_context.h"
#include "tfplugin/schema.h"

namespace tfplugin {

struct PlanRequest {
  cty::Value prior_state;         // null: create
  cty::Value proposed_new_state;  // null: destroy
  cty::Value config;              // null: destroy
  std::string prior_private;
};

struct PlanResponse {
  cty::Value planned_state;
  std::vector<AttributePath> requires_replace;
  std::string planned_private;
};

struct ApplyRequest {
  cty::Value prior_state;    // null: create
  cty::Value planned_state;  // null: destroy
  cty::Value config;         // null: destroy
  std::string planned_private;
};

struct ApplyResponse {
  // For a destroy: null on success, the prior state when deletion failed.
  // For a failed create: null, or a partial state with the id so nothing
  // leaks (Terraform then marks it tainted).
  cty::Value new_state;
  std::string private_data;
};

struct ReadRequest {
  cty::Value current_state;
  std::string private_data;
};

struct ReadResponse {
  cty::Value new_state;  // null: the object is gone
  std::string private_data;
};

struct ImportedObject {
  cty::Value state;
  std::string private_data;
};

// MoveResourceState: an object of another resource type (possibly of another
// provider) moved into this one by a `moved` block (Terraform >= 1.8).
struct MoveStateRequest {
  std::string source_provider_address;  // e.g. registry.terraform.io/civo/civo
  std::string source_type_name;
  int64_t source_schema_version = 0;
  std::string source_state_json;  // the stored JSON of the source object
  std::string source_private;
};

struct MoveStateResponse {
  cty::Value target_state;  // null: nothing moved (diagnostics say why)
  std::string target_private;
};

class Resource {
 public:
  virtual ~Resource() = default;

  virtual const std::string& type_name() const = 0;
  virtual const Schema& schema() const = 0;

  // Static checks only; no API calls. Unknown values must be skipped.
  virtual void Validate(const RequestContext& ctx, const cty::Value& config,
                        Diagnostics& diags) const = 0;
  virtual PlanResponse Plan(const RequestContext& ctx, const PlanRequest& req,
                            Diagnostics& diags) = 0;
  virtual ApplyResponse Apply(const RequestContext& ctx, const ApplyRequest& req,
                              Diagnostics& diags) = 0;
  virtual ReadResponse Read(const RequestContext& ctx, const ReadRequest& req,
                            Diagnostics& diags) = 0;
  virtual std::vector<ImportedObject> Import(const RequestContext& ctx, const std::string& id,
                                             Diagnostics& diags) = 0;

  // Converts a stored state (JSON, written with schema `version`) to the
  // current schema. The default decodes JSON with the current schema when the
  // versions match and reports an error otherwise.
  virtual cty::Value UpgradeState(const RequestContext& ctx, int64_t version,
                                  const std::string& raw_json, Diagnostics& diags) const;

  // True when MoveState accepts some source; the server then announces the
  // move_resource_state capability. The defaults accept nothing.
  virtual bool SupportsMoveState() const { return false; }
  virtual MoveStateResponse MoveState(const RequestContext& ctx, const MoveStateRequest& req,
                                      Diagnostics& diags);
};

}  // namespace tfplugin

#endif  // TFPLUGIN_RESOURCE_H_
