// fw::Resource<M>: a managed resource written as its typed model and its
// hooks. The framework does the generic work (schema from the declaration,
// validation, the planning rules of planning.cc, the "not configured" guard,
// decoding and encoding, checking that apply leaves nothing unknown); a
// resource writes only what its cloud needs.
#ifndef TFPLUGIN_FRAMEWORK_RESOURCE_H_
#define TFPLUGIN_FRAMEWORK_RESOURCE_H_

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "tfplugin/framework/context.h"
#include "tfplugin/framework/object.h"
#include "tfplugin/resource.h"

namespace tfplugin::fw {

struct ResourceOptions {
  std::string type_name{};
  std::string description{};  // markdown, for the schema and the docs
  // Create/Read/Update/Delete/Import need a configured provider; without
  // one they fail with the standard diagnostic.
  bool needs_configuration = false;
  int64_t version = 0;      // schema version (UpgradeState gets older ones)
  // MoveState accepts objects of other types (announces the capability).
  bool accepts_moved_state = false;
};

// The protocol schema of a resource declared by `spec` (what fw::Resource
// serves; callers that need it without an instance, e.g. docs, use this).
inline Schema ResourceSchema(const ObjectSpec& spec, const ResourceOptions& options) {
  Schema schema;
  schema.version = options.version;
  schema.block = ToBlock(spec, options.description);
  schema.block.version = options.version;
  return schema;
}

// ModifyPlan's view of a plan (never a destroy). `planned` is what the
// generic rules produced; change it, and add replacement paths.
template <typename M>
struct PlanChange {
  M config;
  M prior;  // all null on create
  M planned;
  bool create = false;
  std::vector<AttributePath> requires_replace;
  std::string private_data;

  void RequireReplace(AttributePath path) {
    if (std::find(requires_replace.begin(), requires_replace.end(), path) ==
        requires_replace.end()) {
      requires_replace.push_back(std::move(path));
    }
  }
};

// What Create/Update/Delete receive.
template <typename M>
struct Change {
  M config;   // all null on delete
  M prior;    // all null on create
  M planned;  // all null on delete
  std::string private_data;
};

// What Create/Update/Read/Import/MoveState fill. `state` starts as the
// planned (or current) object, so a hook sets only what it learns.
template <typename M>
struct NewState {
  M state;
  std::string private_data;
  // Read: the object no longer exists (removed from state).
  bool gone = false;
  // Create/Update that failed part-way: keep `state` (e.g. the id of what was
  // created, so nothing leaks) instead of nothing (create) or the prior state.
  bool keep_on_error = false;
};

template <typename M>
class Resource : public tfplugin::Resource, public Component {
 public:
  Resource(ResourceOptions options, Object<M> object)
      : Component(options.type_name, options.needs_configuration),
        options_(std::move(options)),
        object_(std::move(object)),
        schema_(ResourceSchema(*object_.spec(), options_)) {}

  const std::string& type_name() const final { return options_.type_name; }
  const Schema& schema() const final { return schema_; }
  const Object<M>& object() const { return object_; }

  void Validate(const RequestContext& rc, const cty::Value& config,
                Diagnostics& diags) const final {
    ValidateObject(*object_.spec(), config, AttributePath(), diags);
    if (diags.HasError()) return;
    const M typed = object_.Decode(config, AttributePath(), diags);
    if (!diags.HasError()) ValidateConfig(MakeContext(rc), typed, diags);
  }

  tfplugin::PlanResponse Plan(const RequestContext& rc, const tfplugin::PlanRequest& req,
                              Diagnostics& diags) final {
    tfplugin::PlanResponse resp;
    resp.planned_private = req.prior_private;
    PlanResult generic =
        PlanObject(*object_.spec(), req.prior_state, req.proposed_new_state, req.config, diags);
    resp.planned_state = generic.planned;
    resp.requires_replace = generic.requires_replace;
    if (req.proposed_new_state.is_null() || diags.HasError()) return resp;

    const Context ctx = MakeContext(rc);
    PlanChange<M> change;
    change.config = object_.Decode(req.config, AttributePath(), diags);
    if (diags.HasError()) return resp;
    {
      Diagnostics checks;  // the typed config rules, errors only (as the declared ones)
      ValidateConfig(ctx, change.config, checks);
      for (const Diagnostic& d : checks.items()) {
        if (d.severity == Severity::kError) diags.Add(d);
      }
      if (checks.HasError()) return resp;
    }
    change.prior = object_.Decode(req.prior_state);
    change.planned = object_.Decode(generic.planned);
    change.create = req.prior_state.is_null();
    change.requires_replace = generic.requires_replace;
    change.private_data = req.prior_private;
    const M before = change.planned;
    ModifyPlan(ctx, change, diags);
    resp.planned_state = object_.Merge(generic.planned, before, change.planned);
    resp.requires_replace = change.requires_replace;
    resp.planned_private = change.private_data;
    return resp;
  }

  tfplugin::ApplyResponse Apply(const RequestContext& rc, const tfplugin::ApplyRequest& req,
                                Diagnostics& diags) final {
    tfplugin::ApplyResponse resp;
    resp.private_data = req.planned_private;
    Change<M> change;
    change.config = object_.Decode(req.config);
    change.prior = object_.Decode(req.prior_state);
    change.planned = object_.Decode(req.planned_state);
    change.private_data = req.planned_private;

    if (req.planned_state.is_null()) {  // destroy
      resp.new_state = req.prior_state;
      if (!RequireConfigured("deleted", diags)) return resp;
      Delete(MakeContext(rc), change, diags);
      if (!diags.HasError()) resp.new_state = cty::Value::Null();
      return resp;
    }
    const bool create = req.prior_state.is_null();
    resp.new_state = create ? cty::Value::Null() : req.prior_state;
    if (!RequireConfigured(create ? "created" : "updated", diags)) return resp;

    NewState<M> out{change.planned, req.planned_private};
    Diagnostics hook;
    if (create) {
      Create(MakeContext(rc), change, out, hook);
    } else {
      Update(MakeContext(rc), change, out, hook);
    }
    diags.Append(hook);
    if (hook.HasError() && !out.keep_on_error) return resp;
    resp.new_state = Finish(object_.Merge(req.planned_state, change.planned, out.state),
                            !hook.HasError(), diags);
    resp.private_data = std::move(out.private_data);
    return resp;
  }

  tfplugin::ReadResponse Read(const RequestContext& rc, const tfplugin::ReadRequest& req,
                              Diagnostics& diags) final {
    tfplugin::ReadResponse resp{req.current_state, req.private_data};
    if (req.current_state.is_null()) return resp;
    if (!RequireConfigured("read", diags)) return resp;
    const M current = object_.Decode(req.current_state);
    NewState<M> out{current, req.private_data};
    Diagnostics hook;
    ReadState(MakeContext(rc), out, hook);
    diags.Append(hook);
    if (hook.HasError()) return resp;
    if (out.gone) return tfplugin::ReadResponse{cty::Value::Null(), ""};
    resp.new_state = Finish(object_.Merge(req.current_state, current, out.state), true, diags);
    resp.private_data = std::move(out.private_data);
    return resp;
  }

  std::vector<ImportedObject> Import(const RequestContext& rc, const std::string& id,
                                     Diagnostics& diags) final {
    if (!RequireConfigured("imported", diags)) return {};
    NewState<M> out{object_.Decode(NullObject(*object_.spec())), ""};
    Diagnostics hook;
    ImportState(MakeContext(rc), id, out, hook);
    diags.Append(hook);
    if (hook.HasError()) return {};
    return {ImportedObject{Finish(object_.Encode(out.state), true, diags), out.private_data}};
  }

  cty::Value UpgradeState(const RequestContext& rc, int64_t version, const std::string& raw_json,
                          Diagnostics& diags) const final {
    M state{};
    Diagnostics hook;
    if (!UpgradeFrom(MakeContext(rc), version, raw_json, state, hook)) {
      return tfplugin::Resource::UpgradeState(rc, version, raw_json, diags);
    }
    diags.Append(hook);
    if (hook.HasError()) return cty::Value::Null();
    return Finish(object_.Encode(state), true, diags);
  }

  bool SupportsMoveState() const final { return options_.accepts_moved_state; }

  MoveStateResponse MoveState(const RequestContext& rc, const MoveStateRequest& req,
                              Diagnostics& diags) final {
    if (!options_.accepts_moved_state) return tfplugin::Resource::MoveState(rc, req, diags);
    NewState<M> out{object_.Decode(NullObject(*object_.spec())), ""};
    Diagnostics hook;
    MoveFrom(MakeContext(rc), req, out, hook);
    diags.Append(hook);
    if (hook.HasError()) return MoveStateResponse{cty::Value::Null(), ""};
    return MoveStateResponse{Finish(object_.Encode(out.state), true, diags), out.private_data};
  }

 protected:
  // --- Hooks. ---------------------------------------------------------------
  // Rules the declaration cannot say; runs at validate and (errors) at plan.
  // Values may be unknown: skip those.
  virtual void ValidateConfig(const Context& ctx, const M& config, Diagnostics& diags) const {}
  // After the generic rules: what only this resource knows (references
  // compared by what they resolve to, a replacement the API forces, ...).
  virtual void ModifyPlan(const Context& ctx, PlanChange<M>& plan, Diagnostics& diags) {}
  virtual void Create(const Context& ctx, const Change<M>& change, NewState<M>& out,
                      Diagnostics& diags) = 0;
  // Refresh `out.state` (it holds the current state); set `gone` when the
  // object no longer exists.
  virtual void ReadState(const Context& ctx, NewState<M>& out, Diagnostics& diags) = 0;
  virtual void Update(const Context& ctx, const Change<M>& change, NewState<M>& out,
                      Diagnostics& diags) = 0;
  virtual void Delete(const Context& ctx, const Change<M>& change, Diagnostics& diags) = 0;
  // `terraform import`: fill what the id tells (Terraform calls Read next).
  virtual void ImportState(const Context& ctx, const std::string& id, NewState<M>& out,
                           Diagnostics& diags) {
    diags.AddError("Import not supported",
                   "The resource type " + options_.type_name + " cannot be imported.");
  }
  // A stored state of an older schema version: return true after filling
  // `state`; false leaves it to the default (same version only).
  virtual bool UpgradeFrom(const Context& ctx, int64_t version, const std::string& raw_json,
                           M& state, Diagnostics& diags) const {
    return false;
  }
  // A `moved` block from another type (when options.accepts_moved_state).
  virtual void MoveFrom(const Context& ctx, const MoveStateRequest& req, NewState<M>& out,
                        Diagnostics& diags) {
    tfplugin::Resource::MoveState(ctx.request(), req, diags);
  }

 private:
  // A state must be wholly known: what a hook left unknown becomes null,
  // with an error naming it when nothing else failed.
  cty::Value Finish(const cty::Value& state, bool report, Diagnostics& diags) const {
    std::vector<AttributePath> unknown;
    cty::Value out = UnknownsToNull(state, AttributePath(), &unknown);
    if (report && !unknown.empty()) {
      std::string names;
      for (const AttributePath& p : unknown) names += (names.empty() ? "" : ", ") + p.ToString();
      diags.AddError("Provider left values unknown",
                     "The provider did not set " + names + " of " + options_.type_name +
                         "; this is a bug in the provider.",
                     unknown.front());
    }
    return out;
  }

  ResourceOptions options_;
  Object<M> object_;
  Schema schema_;
};

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_RESOURCE_H_
