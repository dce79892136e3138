#include "tests/server/fake_provider.h"

#include <chrono>
#include <cstdlib>

#include "tfplugin/log.h"

namespace tptest {

using tfplugin::Attribute;
using tfplugin::Nesting;
using tfplugin::cty::Type;
using tfplugin::cty::Value;

namespace {
Attribute Attr(std::string name, Type t, bool required, bool optional, bool computed,
               bool sensitive = false) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(t);
  a.required = required;
  a.optional = optional;
  a.computed = computed;
  a.sensitive = sensitive;
  a.description = "The `" + a.name + "` attribute.";
  return a;
}
}  // namespace

tfplugin::Schema ThingSchema() {
  tfplugin::Schema s;
  s.version = 1;
  s.block.description = "A **test** thing.";
  s.block.attributes = {
      Attr("id", Type::String(), false, false, true),
      Attr("name", Type::String(), true, false, false),
      Attr("size", Type::Number(), false, true, false),
      Attr("secret", Type::String(), false, true, false, true),
      Attr("tags", Type::List(Type::String()), false, true, false),
  };
  Attribute spec = tfplugin::NestedAttribute(
      "spec", Nesting::kSingle,
      {Attr("a", Type::String(), false, true, false), Attr("b", Type::Bool(), false, true, true)});
  spec.optional = true;
  Attribute items =
      tfplugin::NestedAttribute("items", Nesting::kList, {Attr("k", Type::String(), true, false, false)});
  items.optional = true;
  Attribute by_key =
      tfplugin::NestedAttribute("by_key", Nesting::kMap, {Attr("v", Type::Number(), false, true, false)});
  by_key.optional = true;
  Attribute members =
      tfplugin::NestedAttribute("members", Nesting::kSet, {Attr("m", Type::String(), false, true, false)});
  members.optional = true;
  s.block.attributes.push_back(spec);
  s.block.attributes.push_back(items);
  s.block.attributes.push_back(by_key);
  s.block.attributes.push_back(members);
  auto rule = std::make_shared<tfplugin::Block>();
  rule->attributes = {Attr("port", Type::Number(), true, false, false)};
  s.block.block_types.push_back(tfplugin::NestedBlock{"rule", rule, Nesting::kList, 0, 3});
  return s;
}

tfplugin::Schema ConfigSchema() {
  tfplugin::Schema s;
  s.block.attributes = {Attr("token", Type::String(), false, true, false, true),
                        Attr("endpoint", Type::String(), false, true, false)};
  return s;
}

FakeThing::FakeThing() : schema_(ThingSchema()) {}

Recorded FakeThing::recorded() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rec_;
}

void FakeThing::Validate(const tfplugin::RequestContext&, const Value& config,
                         tfplugin::Diagnostics& diags) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    rec_.validated = config;
  }
  const Value& name = config.Attr("name");
  if (name.is_known() && !name.is_null() && name.AsString().empty()) {
    diags.AddError("Invalid name", "name must not be empty",
                   tfplugin::AttributePath::Root("name"));
  }
  const Value& tags = config.Attr("tags");
  if (tags.is_known() && !tags.is_null() && tags.Elements().size() > 1) {
    diags.AddWarning("Several tags", "only the first tag is used",
                     tfplugin::AttributePath::Root("tags").Index(1));
  }
}

tfplugin::PlanResponse FakeThing::Plan(const tfplugin::RequestContext&,
                                       const tfplugin::PlanRequest& req, tfplugin::Diagnostics&) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    rec_.plan = req;
  }
  if (throw_in_plan_) throw std::runtime_error("plan exploded");
  tfplugin::PlanResponse out;
  out.planned_private = "plan-private:" + req.prior_private;
  if (req.proposed_new_state.is_null()) return out;  // destroy
  Value planned = req.proposed_new_state;
  if (req.prior_state.is_null()) {
    planned = planned.WithAttr("id", Value::Unknown(true));
    if (planned.Attr("spec").is_known() && !planned.Attr("spec").is_null() &&
        planned.Attr("spec").Attr("b").is_null()) {
      planned = planned.WithAttr("spec", planned.Attr("spec").WithAttr("b", Value::Unknown()));
    }
  } else {
    planned = planned.WithAttr("id", req.prior_state.Attr("id"));
    if (!(planned.Attr("name") == req.prior_state.Attr("name"))) {
      out.requires_replace.push_back(tfplugin::AttributePath::Root("name"));
    }
  }
  out.planned_state = planned;
  return out;
}

tfplugin::ApplyResponse FakeThing::Apply(const tfplugin::RequestContext& ctx,
                                         const tfplugin::ApplyRequest& req,
                                         tfplugin::Diagnostics& diags) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    rec_.apply = req;
  }
  tfplugin::ApplyResponse out;
  if (req.planned_state.is_null()) return out;  // destroy
  Value state = req.planned_state;
  if (state.Attr("name").is_known() && !state.Attr("name").is_null() &&
      state.Attr("name").AsString() == kBlockUntilCancelled) {
    blocked_.fetch_add(1);
    ctx.SleepFor(std::chrono::seconds(60));
    blocked_.fetch_sub(1);
    std::string cause(tfplugin::CancelCauseText(ctx.cancel_cause()));
    ctx.Log(tfplugin::LogLevel::kInfo, "tptest", "blocked apply ended", {{"cause", cause}});
    diags.AddError("Cancelled", "the operation was cancelled: " + cause);
    return out;
  }
  if (bad_apply_result_) {
    out.new_state = Value::String("not an object");
    return out;
  }
  if (!state.Attr("id").is_known()) {
    state = state.WithAttr("id", Value::String("thing-" + state.Attr("name").AsString()));
  }
  if (state.Attr("spec").is_known() && !state.Attr("spec").is_null() &&
      !state.Attr("spec").Attr("b").is_known()) {
    state = state.WithAttr("spec", state.Attr("spec").WithAttr("b", Value::Bool(true)));
  }
  out.new_state = state;
  out.private_data = "apply-private:" + req.planned_private;
  return out;
}

tfplugin::ReadResponse FakeThing::Read(const tfplugin::RequestContext&,
                                       const tfplugin::ReadRequest& req, tfplugin::Diagnostics&) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    rec_.read = req;
  }
  tfplugin::ReadResponse out;
  out.new_state = req.current_state;
  out.private_data = req.private_data;
  return out;
}

std::vector<tfplugin::ImportedObject> FakeThing::Import(const tfplugin::RequestContext&,
                                                        const std::string& id,
                                                        tfplugin::Diagnostics& diags) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    rec_.import_id = id;
  }
  if (id.empty()) {
    diags.AddError("Invalid import id", "the id must not be empty");
    return {};
  }
  std::map<std::string, Value> attrs;
  for (const Attribute& a : schema_.block.attributes) attrs[a.name] = Value::Null();
  attrs["rule"] = Value::List({});
  attrs["id"] = Value::String(id);
  attrs["name"] = Value::String(id);
  return {tfplugin::ImportedObject{Value::Object(std::move(attrs)), "import-private"}};
}

FakeProvider::FakeProvider()
    : config_schema_(ConfigSchema()), thing_(std::make_unique<FakeThing>()) {
  list_.push_back(thing_.get());
}

void FakeProvider::ValidateConfig(const tfplugin::RequestContext&, const Value& config,
                                  tfplugin::Diagnostics& diags) const {
  const Value& endpoint = config.Attr("endpoint");
  if (endpoint.is_known() && !endpoint.is_null() && endpoint.AsString().rfind("http", 0) != 0) {
    diags.AddError("Invalid endpoint", "endpoint must be a URL",
                   tfplugin::AttributePath::Root("endpoint"));
  }
}

void FakeProvider::Configure(const tfplugin::RequestContext&, const Value& config,
                             const std::string& terraform_version, tfplugin::Diagnostics& diags) {
  const Value& token = config.Attr("token");
  bool has_token = token.is_known() && !token.is_null() && !token.AsString().empty();
  if (!has_token && std::getenv("TPTEST_TOKEN") == nullptr) {
    diags.AddError("Missing token", "set token or TPTEST_TOKEN");
  }
  // The only way a token may appear in a log line: acknowledged, not shown.
  tfplugin::Log(tfplugin::LogLevel::kDebug, "tptest", "configured",
                {tfplugin::LogField::Sensitive("token"), {"terraform_version", terraform_version}});
  std::lock_guard<std::mutex> lock(mu_);
  configured_ = config;
  terraform_version_ = terraform_version;
}

}  // namespace tptest
