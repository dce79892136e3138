// A framework provider served by tfplugin::ProviderService, driven RPC by RPC
// (no network): the generic guard, the ModifyPlan hook, apply's checks, and
// the wiring of data sources, ephemeral resources, functions and moved state.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "tests/framework/test_model.h"
#include "tests/support/tfplugin_test_client.h"
#include "tfplugin/provider_service.h"

namespace fwtest {
namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Type;
using tfplugin_test::DiagnosticsText;
using tfplugin_test::HasError;

// Names the test "cloud" resolves (value_from.name -> id).
const std::map<std::string, std::string>& Names() {
  static const auto* names =
      new std::map<std::string, std::string>{{"default", "net-1"}, {"other", "net-2"}};
  return *names;
}

class ThingResource final : public fw::Resource<Thing> {
 public:
  explicit ThingResource(bool accepts_moves)
      : fw::Resource<Thing>({.type_name = "fwt_thing",
                             .description = "A thing.",
                             .needs_configuration = true,
                             .accepts_moved_state = accepts_moves},
                            ThingObject()) {}
  bool leave_status_unknown = false;

 protected:
  static std::string Resolve(const fw::Maybe<Ref>& r) {
    if (!r.is_known()) return "";
    if (r.value.value.is_known()) return r.value.value.value;
    if (r.value.value_from.is_known() && r.value.value_from.value.name.is_known()) {
      auto it = Names().find(r.value.value_from.value.name.value);
      return it == Names().end() ? "" : it->second;
    }
    return "";
  }
  // A reference is judged by the id it resolves to.
  void ModifyPlan(const fw::Context& ctx, fw::PlanChange<Thing>& plan,
                  Diagnostics& diags) override {
    if (plan.create) {
      plan.planned.status = "ACTIVE";
      return;
    }
    if (Resolve(plan.config.network) != Resolve(plan.prior.network)) {
      plan.RequireReplace(AttributePath::Root("network"));
    }
  }
  void Create(const fw::Context&, const fw::Change<Thing>& change, fw::NewState<Thing>& out,
              Diagnostics&) override {
    out.state.id = "t-1";
    if (!leave_status_unknown) out.state.status = "ACTIVE";
    out.state.fingerprint = "fp";
    out.state.revision = 1;
    if (out.state.rule.is_known()) {
      for (Rule& r : out.state.rule.value) r.id = "r";
    }
  }
  void ReadState(const fw::Context&, fw::NewState<Thing>&, Diagnostics&) override {}
  void Update(const fw::Context&, const fw::Change<Thing>&, fw::NewState<Thing>&,
              Diagnostics&) override {}
  void Delete(const fw::Context&, const fw::Change<Thing>&, Diagnostics&) override {}
  void MoveFrom(const fw::Context&, const tfplugin::MoveStateRequest& req,
                fw::NewState<Thing>& out, Diagnostics& diags) override {
    if (req.source_type_name != "old_thing") {
      diags.AddError("Cannot move", "only old_thing");
      return;
    }
    out.state.id = "moved";
    out.state.name = "moved";
    out.state.region = "LON1";
    out.state.status = "ACTIVE";
    out.state.fingerprint = "fp";
    out.state.revision = 1;
    out.state.network = Ref{fw::Maybe<std::string>::Known("net-1"), {}};
  }
};

struct Lookup {
  fw::Maybe<std::string> name, id;
};

class LookupSource final : public fw::DataSource<Lookup> {
 public:
  LookupSource()
      : fw::DataSource<Lookup>(
            {.type_name = "fwt_network", .description = "Finds a network by name."},
            fw::Object<Lookup>()
                .Add(fw::Attr("name", &Lookup::name).Required())
                .Add(fw::Attr("id", &Lookup::id).Computed())) {}

 protected:
  void ReadData(const fw::Context&, const Lookup& config, Lookup& state,
                Diagnostics& diags) override {
    auto it = Names().find(config.name.value);
    if (it == Names().end()) {
      diags.AddError("Not found", "no network " + fw::Quote(config.name.value),
                     AttributePath::Root("name"));
      return;
    }
    state.id = it->second;
  }
};

struct Token {
  fw::Maybe<std::string> scope, token;
};

class TokenResource final : public fw::EphemeralResource<Token> {
 public:
  TokenResource()
      : fw::EphemeralResource<Token>(
            {.type_name = "fwt_token"},
            fw::Object<Token>()
                .Add(fw::Attr("scope", &Token::scope).Required())
                .Add(fw::Attr("token", &Token::token).Computed().Sensitive())) {}
  std::vector<std::string> closed;

  tfplugin::EphemeralRenewResult Renew(const tfplugin::RequestContext&,
                                       const std::string& private_data, Diagnostics&) override {
    return {private_data + "+", std::nullopt};
  }
  void Close(const tfplugin::RequestContext&, const std::string& private_data,
             Diagnostics&) override {
    closed.push_back(private_data);
  }

 protected:
  void OpenHook(const fw::Context&, const Token& config, fw::Opened<Token>& opened,
                Diagnostics&) override {
    opened.result.token = "secret-for-" + config.scope.value;
    opened.private_data = "lease-1";
    opened.renew_at = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));
  }
};

struct Config {
  fw::Maybe<std::string> token;
};

class TestProvider final : public fw::Provider<Config> {
 public:
  explicit TestProvider(bool accepts_moves)
      : fw::Provider<Config>({.name = "fwt", .configure_hint = "Set token."},
                             fw::Object<Config>().Add(fw::Attr("token", &Config::token).Sensitive())) {
    thing = &AddResource(std::make_unique<ThingResource>(accepts_moves));
    AddDataSource(std::make_unique<LookupSource>());
    token = &AddEphemeralResource(std::make_unique<TokenResource>());
    tfplugin::FunctionSignature sig;
    sig.parameters.push_back({"text", Type::String(), "Text.", false, false});
    sig.variadic = tfplugin::FunctionParameter{"more", Type::Number(), "", false, false};
    sig.return_type = Type::String();
    sig.summary = "Echoes";
    AddFunction(std::make_unique<fw::Function>(
        "echo", sig, [](const fw::Arguments& args, fw::Result& r) {
          if (args.String(0).empty()) return r.Fail("text must not be empty", 0);
          r = Value::String(args.String(0) + "/" + std::to_string(args.size()));
        }));
  }
  ThingResource* thing = nullptr;
  TokenResource* token = nullptr;

 protected:
  bool ConfigureHook(const fw::Context&, const Config& c, const std::string&,
                     Diagnostics&) override {
    return c.token.is_known();
  }
};

class FrameworkService : public ::testing::Test {
 protected:
  explicit FrameworkService(bool accepts_moves = true)
      : service_([this, accepts_moves] {
          auto p = std::make_unique<TestProvider>(accepts_moves);
          provider_ = p.get();
          return p;
        }) {}

  Type thing_type() const { return fw::ImpliedType(*ThingObject().spec()); }
  tfplugin6::DynamicValue Dv(const Value& v, const Type& t) const {
    auto dv = tfplugin_test::Encode(v, t);
    EXPECT_TRUE(dv.ok()) << dv.status();
    return *dv;
  }
  Value Back(const tfplugin6::DynamicValue& dv, const Type& t) const {
    auto v = tfplugin_test::Decode(dv, t);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : Value();
  }
  void Configure(bool known = true) {
    tfplugin6::ConfigureProvider_Request req;
    tfplugin6::ConfigureProvider_Response resp;
    *req.mutable_config() =
        Dv(Value::Object({{"token", known ? S("t") : Value::Unknown()}}),
           Type::Object({{"token", Type::String()}}));
    service_.ConfigureProvider(nullptr, &req, &resp);
    ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  }
  Value Config() const {
    return fw::NullObject(*ThingObject().spec())
        .WithAttr("name", S("web"))
        .WithAttr("network", RefValue("net-1"));
  }
  tfplugin6::PlanResourceChange_Response Plan(const Value& prior, const Value& proposed,
                                              const Value& config) {
    tfplugin6::PlanResourceChange_Request req;
    tfplugin6::PlanResourceChange_Response resp;
    req.set_type_name("fwt_thing");
    *req.mutable_prior_state() = Dv(prior, thing_type());
    *req.mutable_proposed_new_state() = Dv(proposed, thing_type());
    *req.mutable_config() = Dv(config, thing_type());
    service_.PlanResourceChange(nullptr, &req, &resp);
    return resp;
  }
  tfplugin6::ApplyResourceChange_Response Apply(const Value& prior, const Value& planned,
                                                const Value& config) {
    tfplugin6::ApplyResourceChange_Request req;
    tfplugin6::ApplyResourceChange_Response resp;
    req.set_type_name("fwt_thing");
    *req.mutable_prior_state() = Dv(prior, thing_type());
    *req.mutable_planned_state() = Dv(planned, thing_type());
    *req.mutable_config() = Dv(config, thing_type());
    service_.ApplyResourceChange(nullptr, &req, &resp);
    return resp;
  }

  tfplugin::ProviderService service_;
  TestProvider* provider_ = nullptr;
};

TEST_F(FrameworkService, MetadataAndSchemaListEverything) {
  tfplugin6::GetMetadataMessage_Request mreq;
  tfplugin6::GetMetadataMessage_Response meta;
  service_.GetMetadata(nullptr, &mreq, &meta);
  ASSERT_EQ(meta.data_sources_size(), 1);
  EXPECT_EQ(meta.data_sources(0).type_name(), "fwt_network");
  ASSERT_EQ(meta.ephemeral_resources_size(), 1);
  EXPECT_EQ(meta.ephemeral_resources(0).type_name(), "fwt_token");
  ASSERT_EQ(meta.functions_size(), 1);
  EXPECT_EQ(meta.functions(0).name(), "echo");
  EXPECT_TRUE(meta.server_capabilities().move_resource_state());

  tfplugin6::GetProviderSchema_Request sreq;
  tfplugin6::GetProviderSchema_Response schema;
  service_.GetProviderSchema(nullptr, &sreq, &schema);
  EXPECT_EQ(schema.data_source_schemas().count("fwt_network"), 1u);
  EXPECT_EQ(schema.ephemeral_resource_schemas().count("fwt_token"), 1u);
  ASSERT_EQ(schema.functions().count("echo"), 1u);
  const tfplugin6::Function& echo = schema.functions().at("echo");
  ASSERT_EQ(echo.parameters_size(), 1);
  EXPECT_EQ(echo.parameters(0).type(), "\"string\"");
  EXPECT_EQ(echo.variadic_parameter().type(), "\"number\"");
  EXPECT_EQ(echo.return_().type(), "\"string\"");
  EXPECT_TRUE(schema.server_capabilities().move_resource_state());
  const auto& thing = schema.resource_schemas().at("fwt_thing").block();
  bool sensitive_user_data = false;
  for (const auto& a : thing.attributes()) {
    if (a.name() == "user_data") sensitive_user_data = a.sensitive();
  }
  EXPECT_TRUE(sensitive_user_data);

  tfplugin6::GetFunctions_Request freq;
  tfplugin6::GetFunctions_Response fns;
  service_.GetFunctions(nullptr, &freq, &fns);
  EXPECT_EQ(fns.functions().count("echo"), 1u);
}

class FrameworkServiceNoMoves : public FrameworkService {
 protected:
  FrameworkServiceNoMoves() : FrameworkService(false) {}
};

TEST_F(FrameworkServiceNoMoves, NoMoveCapabilityWithoutAResourceThatTakesMoves) {
  tfplugin6::GetMetadataMessage_Request mreq;
  tfplugin6::GetMetadataMessage_Response meta;
  service_.GetMetadata(nullptr, &mreq, &meta);
  EXPECT_FALSE(meta.server_capabilities().move_resource_state());
  tfplugin6::MoveResourceState_Request req;
  tfplugin6::MoveResourceState_Response resp;
  req.set_target_type_name("fwt_thing");
  req.set_source_type_name("old_thing");
  req.mutable_source_state()->set_json("{}");
  service_.MoveResourceState(nullptr, &req, &resp);
  EXPECT_TRUE(HasError(resp.diagnostics()));
}

TEST_F(FrameworkService, NotConfiguredIsTheStandardDiagnostic) {
  Configure(/*known=*/false);  // unknown config: plans work, apply does not
  auto plan = Plan(Value::Null(), Config(), Config());
  ASSERT_FALSE(HasError(plan.diagnostics())) << DiagnosticsText(plan.diagnostics());
  auto apply = Apply(Value::Null(), Back(plan.planned_state(), thing_type()), Config());
  ASSERT_TRUE(HasError(apply.diagnostics()));
  EXPECT_EQ(apply.diagnostics(0).summary(), "Provider not configured");
  EXPECT_EQ(apply.diagnostics(0).detail(),
            "The fwt provider has no usable configuration, so fwt_thing cannot be created. "
            "Set token.");
}

TEST_F(FrameworkService, CreateThenReferencesJudgedByResolvedId) {
  Configure();
  auto plan = Plan(Value::Null(), Config(), Config());
  ASSERT_FALSE(HasError(plan.diagnostics())) << DiagnosticsText(plan.diagnostics());
  Value planned = Back(plan.planned_state(), thing_type());
  EXPECT_EQ(planned.Attr("status"), S("ACTIVE"));  // from ModifyPlan
  EXPECT_TRUE(planned.Attr("id").is_unknown());    // from the generic rules
  auto apply = Apply(Value::Null(), planned, Config());
  ASSERT_FALSE(HasError(apply.diagnostics())) << DiagnosticsText(apply.diagnostics());
  Value state = Back(apply.new_state(), thing_type());
  EXPECT_EQ(state.Attr("id"), S("t-1"));
  EXPECT_TRUE(state.IsWhollyKnown());

  // The same network by name: no replacement.
  Value by_name = Config().WithAttr("network", RefByName("default"));
  auto same = Plan(state, by_name.WithAttr("id", S("t-1")).WithAttr("status", S("ACTIVE"))
                              .WithAttr("fingerprint", S("fp")).WithAttr("revision", Value::Int(1))
                              .WithAttr("region", S("LON1")),
                   by_name);
  ASSERT_FALSE(HasError(same.diagnostics())) << DiagnosticsText(same.diagnostics());
  EXPECT_EQ(same.requires_replace_size(), 0);
  // Another network: replaced.
  Value other = Config().WithAttr("network", RefByName("other"));
  auto moved = Plan(state, other.WithAttr("id", S("t-1")).WithAttr("status", S("ACTIVE"))
                               .WithAttr("fingerprint", S("fp")).WithAttr("revision", Value::Int(1))
                               .WithAttr("region", S("LON1")),
                    other);
  ASSERT_EQ(moved.requires_replace_size(), 1);
  EXPECT_EQ(moved.requires_replace(0).steps(0).attribute_name(), "network");
}

TEST_F(FrameworkService, ApplyThatLeavesAValueUnknownIsAnError) {
  Configure();
  provider_->thing->leave_status_unknown = true;
  Value planned = Config().WithAttr("status", Value::Unknown()).WithAttr("id", Value::Unknown())
                      .WithAttr("fingerprint", Value::Unknown()).WithAttr("revision", Value::Unknown())
                      .WithAttr("region", S("LON1"));
  auto apply = Apply(Value::Null(), planned, Config());
  ASSERT_TRUE(HasError(apply.diagnostics()));
  EXPECT_NE(apply.diagnostics(0).detail().find("status"), std::string::npos);
  Value state = Back(apply.new_state(), thing_type());
  EXPECT_TRUE(state.IsWhollyKnown());
  EXPECT_EQ(state.Attr("id"), S("t-1"));
}

TEST_F(FrameworkService, DataSourceReads) {
  Configure();
  const Type t = Type::Object({{"name", Type::String()}, {"id", Type::String()}});
  tfplugin6::ReadDataSource_Request req;
  tfplugin6::ReadDataSource_Response resp;
  req.set_type_name("fwt_network");
  *req.mutable_config() = Dv(Value::Object({{"name", S("other")}, {"id", Value::Null()}}), t);
  service_.ReadDataSource(nullptr, &req, &resp);
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  EXPECT_EQ(Back(resp.state(), t).Attr("id"), S("net-2"));

  *req.mutable_config() = Dv(Value::Object({{"name", S("nope")}, {"id", Value::Null()}}), t);
  tfplugin6::ReadDataSource_Response missing;
  service_.ReadDataSource(nullptr, &req, &missing);
  ASSERT_TRUE(HasError(missing.diagnostics()));
  EXPECT_EQ(missing.diagnostics(0).attribute().steps(0).attribute_name(), "name");
}

TEST_F(FrameworkService, FunctionsCallAndFail) {
  tfplugin6::CallFunction_Request req;
  tfplugin6::CallFunction_Response resp;
  req.set_name("echo");
  *req.add_arguments() = Dv(S("hi"), Type::String());
  *req.add_arguments() = Dv(Value::Int(1), Type::Number());
  *req.add_arguments() = Dv(Value::Int(2), Type::Number());
  service_.CallFunction(nullptr, &req, &resp);
  ASSERT_FALSE(resp.has_error()) << resp.error().text();
  EXPECT_EQ(Back(resp.result(), Type::String()), S("hi/3"));

  tfplugin6::CallFunction_Request empty;
  tfplugin6::CallFunction_Response failed;
  empty.set_name("echo");
  *empty.add_arguments() = Dv(S(""), Type::String());
  service_.CallFunction(nullptr, &empty, &failed);
  ASSERT_TRUE(failed.has_error());
  EXPECT_EQ(failed.error().text(), "text must not be empty");
  EXPECT_EQ(failed.error().function_argument(), 0);

  tfplugin6::CallFunction_Request none;
  tfplugin6::CallFunction_Response too_few;
  none.set_name("echo");
  service_.CallFunction(nullptr, &none, &too_few);
  EXPECT_TRUE(too_few.has_error());
  tfplugin6::CallFunction_Request unknown;
  tfplugin6::CallFunction_Response no_such;
  unknown.set_name("nope");
  service_.CallFunction(nullptr, &unknown, &no_such);
  EXPECT_TRUE(no_such.has_error());
}

TEST_F(FrameworkService, EphemeralOpenRenewClose) {
  Configure();
  const Type t = Type::Object({{"scope", Type::String()}, {"token", Type::String()}});
  tfplugin6::OpenEphemeralResource_Request open;
  tfplugin6::OpenEphemeralResource_Response opened;
  open.set_type_name("fwt_token");
  *open.mutable_config() = Dv(Value::Object({{"scope", S("read")}, {"token", Value::Null()}}), t);
  service_.OpenEphemeralResource(nullptr, &open, &opened);
  ASSERT_FALSE(HasError(opened.diagnostics())) << DiagnosticsText(opened.diagnostics());
  EXPECT_EQ(Back(opened.result(), t).Attr("token"), S("secret-for-read"));
  EXPECT_EQ(opened.private_(), "lease-1");
  EXPECT_EQ(opened.renew_at().seconds(), 1700000000);

  tfplugin6::RenewEphemeralResource_Request renew;
  tfplugin6::RenewEphemeralResource_Response renewed;
  renew.set_type_name("fwt_token");
  renew.set_private_(opened.private_());
  service_.RenewEphemeralResource(nullptr, &renew, &renewed);
  EXPECT_EQ(renewed.private_(), "lease-1+");
  tfplugin6::CloseEphemeralResource_Request close;
  tfplugin6::CloseEphemeralResource_Response closed;
  close.set_type_name("fwt_token");
  close.set_private_(renewed.private_());
  service_.CloseEphemeralResource(nullptr, &close, &closed);
  ASSERT_FALSE(HasError(closed.diagnostics()));
  EXPECT_EQ(provider_->token->closed, std::vector<std::string>{"lease-1+"});
}

TEST_F(FrameworkService, MoveResourceState) {
  tfplugin6::MoveResourceState_Request req;
  tfplugin6::MoveResourceState_Response resp;
  req.set_target_type_name("fwt_thing");
  req.set_source_type_name("old_thing");
  req.set_source_provider_address("registry.terraform.io/other/old");
  req.mutable_source_state()->set_json("{\"id\":\"x\"}");
  service_.MoveResourceState(nullptr, &req, &resp);
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  Value moved = Back(resp.target_state(), thing_type());
  EXPECT_EQ(moved.Attr("id"), S("moved"));
  EXPECT_EQ(moved.Attr("network").Attr("value"), S("net-1"));

  req.set_source_type_name("stranger");
  tfplugin6::MoveResourceState_Response refused;
  service_.MoveResourceState(nullptr, &req, &refused);
  EXPECT_TRUE(HasError(refused.diagnostics()));
}

}  // namespace
}  // namespace fwtest
