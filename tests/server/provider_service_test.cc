// The per-RPC translator, driven directly (no network) with the fake provider.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "tests/server/fake_provider.h"
#include "tests/support/tfplugin_test_client.h"
#include "tfplugin/cty/codec.h"
#include "tfplugin/log.h"
#include "tfplugin/provider_service.h"

namespace {

using tfplugin::cty::Type;
using tfplugin::cty::Value;
using tfplugin_test::DiagnosticsText;
using tfplugin_test::HasError;

class ProviderServiceTest : public ::testing::Test {
 protected:
  ProviderServiceTest()
      : service_([this] {
          auto p = std::make_unique<tptest::FakeProvider>();
          fake_ = p.get();
          return p;
        }) {}

  Type thing_type() const { return tfplugin::ImpliedType(tptest::ThingSchema().block); }

  // A full object of the thing type: every attribute present, most null.
  Value Thing(const std::string& name, Value id = Value::Null()) const {
    std::map<std::string, Value> a;
    const Type type = thing_type();
    for (const auto& [k, t] : type.attributes()) a[k] = Value::Null();
    a["rule"] = Value::List({});
    a["name"] = Value::String(name);
    a["id"] = std::move(id);
    return Value::Object(std::move(a));
  }

  tfplugin6::DynamicValue Dv(const Value& v) const {
    auto dv = tfplugin_test::Encode(v, thing_type());
    EXPECT_TRUE(dv.ok()) << dv.status();
    return *dv;
  }

  Value Back(const tfplugin6::DynamicValue& dv) const {
    auto v = tfplugin_test::Decode(dv, thing_type());
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : Value();
  }

  tptest::FakeProvider& fake() {
    tfplugin6::GetMetadataMessage_Request req;
    tfplugin6::GetMetadataMessage_Response resp;
    service_.GetMetadata(nullptr, &req, &resp);  // makes the provider
    return *fake_;
  }

  tfplugin::ProviderService service_;
  tptest::FakeProvider* fake_ = nullptr;
};

TEST_F(ProviderServiceTest, ProviderIsMadeLazily) {
  EXPECT_EQ(fake_, nullptr);
  tfplugin6::StopProvider_Request req;
  tfplugin6::StopProvider_Response resp;
  service_.StopProvider(nullptr, &req, &resp);  // nothing to stop yet
  EXPECT_EQ(fake_, nullptr);
  fake();
  EXPECT_NE(fake_, nullptr);
}

TEST_F(ProviderServiceTest, GetProviderSchema) {
  tfplugin6::GetProviderSchema_Request req;
  tfplugin6::GetProviderSchema_Response resp;
  ASSERT_TRUE(service_.GetProviderSchema(nullptr, &req, &resp).ok());
  EXPECT_EQ(resp.diagnostics_size(), 0);
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
  EXPECT_TRUE(resp.server_capabilities().get_provider_schema_optional());
  ASSERT_EQ(resp.resource_schemas().count("tptest_thing"), 1u);
  EXPECT_EQ(resp.resource_schemas().at("tptest_thing").version(), 1);
  EXPECT_EQ(resp.provider().block().attributes_size(), 2);
  EXPECT_EQ(resp.data_source_schemas_size(), 0);
  // The implied type of the wire schema equals the model's.
  auto t = tfplugin_test::ImpliedType(resp.resource_schemas().at("tptest_thing").block());
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*t, thing_type());
  // A second call answers the same.
  tfplugin6::GetProviderSchema_Response again;
  service_.GetProviderSchema(nullptr, &req, &again);
  EXPECT_EQ(again.SerializeAsString(), resp.SerializeAsString());
}

TEST_F(ProviderServiceTest, GetMetadata) {
  tfplugin6::GetMetadataMessage_Request req;
  tfplugin6::GetMetadataMessage_Response resp;
  service_.GetMetadata(nullptr, &req, &resp);
  ASSERT_EQ(resp.resources_size(), 1);
  EXPECT_EQ(resp.resources(0).type_name(), "tptest_thing");
  EXPECT_TRUE(resp.server_capabilities().plan_destroy());
}

TEST_F(ProviderServiceTest, UnknownResourceTypeIsAnErrorDiagnostic) {
  tfplugin6::ValidateResourceConfig_Request req;
  req.set_type_name("tptest_nope");
  *req.mutable_config() = Dv(Thing("x"));
  tfplugin6::ValidateResourceConfig_Response resp;
  ASSERT_TRUE(service_.ValidateResourceConfig(nullptr, &req, &resp).ok());
  ASSERT_TRUE(HasError(resp.diagnostics()));
  EXPECT_NE(DiagnosticsText(resp.diagnostics()).find("tptest_nope"), std::string::npos);

  tfplugin6::PlanResourceChange_Request plan;
  plan.set_type_name("tptest_nope");
  tfplugin6::PlanResourceChange_Response plan_resp;
  service_.PlanResourceChange(nullptr, &plan, &plan_resp);
  EXPECT_TRUE(HasError(plan_resp.diagnostics()));
}

TEST_F(ProviderServiceTest, MalformedValuesBecomeDiagnosticsNeverCrashes) {
  const std::vector<std::string> garbage = {
      std::string("\xc1", 1),                 // never-used msgpack byte
      std::string("\x8f", 1),                 // map of 15 entries, truncated
      std::string("\xdf\xff\xff\xff\xff", 5),  // huge map header
      "\x92\x01",                             // wrong type (array) and truncated
  };
  for (const std::string& bytes : garbage) {
    tfplugin6::ValidateResourceConfig_Request req;
    req.set_type_name("tptest_thing");
    req.mutable_config()->set_msgpack(bytes);
    tfplugin6::ValidateResourceConfig_Response resp;
    ASSERT_TRUE(service_.ValidateResourceConfig(nullptr, &req, &resp).ok());
    ASSERT_TRUE(HasError(resp.diagnostics()));
    EXPECT_EQ(resp.diagnostics(0).summary(), "Invalid resource configuration");
  }
  tfplugin6::ApplyResourceChange_Request apply;
  apply.set_type_name("tptest_thing");
  apply.mutable_planned_state()->set_json("{not json");
  tfplugin6::ApplyResourceChange_Response apply_resp;
  service_.ApplyResourceChange(nullptr, &apply, &apply_resp);
  EXPECT_TRUE(HasError(apply_resp.diagnostics()));
  EXPECT_FALSE(fake().thing().recorded().apply.has_value()) << "resource must not be called";
}

TEST_F(ProviderServiceTest, JsonDynamicValueIsAccepted) {
  tfplugin6::ValidateResourceConfig_Request req;
  req.set_type_name("tptest_thing");
  auto json = tfplugin::cty::EncodeJson(Thing("from-json"), thing_type());
  ASSERT_TRUE(json.ok()) << json.status();
  req.mutable_config()->set_json(*json);
  tfplugin6::ValidateResourceConfig_Response resp;
  service_.ValidateResourceConfig(nullptr, &req, &resp);
  EXPECT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  auto validated = fake().thing().recorded().validated;
  ASSERT_TRUE(validated.has_value());
  EXPECT_EQ(validated->Attr("name"), Value::String("from-json"));
}

TEST_F(ProviderServiceTest, ValidateDiagnosticsKeepTheirPaths) {
  Value config = Thing("").WithAttr(
      "tags", Value::List({Value::String("a"), Value::String("b")}));
  tfplugin6::ValidateResourceConfig_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_config() = Dv(config);
  tfplugin6::ValidateResourceConfig_Response resp;
  service_.ValidateResourceConfig(nullptr, &req, &resp);
  ASSERT_EQ(resp.diagnostics_size(), 2) << DiagnosticsText(resp.diagnostics());
  EXPECT_EQ(resp.diagnostics(0).attribute().steps(0).attribute_name(), "name");
  EXPECT_EQ(resp.diagnostics(1).severity(), tfplugin6::Diagnostic::WARNING);
  EXPECT_EQ(resp.diagnostics(1).attribute().steps(1).element_key_int(), 1);
}

TEST_F(ProviderServiceTest, PlanCreatePassesEverythingThroughIncludingPrivate) {
  Value proposed = Thing("web").WithAttr("size", Value::Int(3));
  tfplugin6::PlanResourceChange_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_prior_state() = Dv(Value::Null());
  *req.mutable_proposed_new_state() = Dv(proposed);
  *req.mutable_config() = Dv(proposed);
  req.set_prior_private("prior\x01bytes");
  tfplugin6::PlanResourceChange_Response resp;
  ASSERT_TRUE(service_.PlanResourceChange(nullptr, &req, &resp).ok());
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());

  auto rec = fake().thing().recorded().plan;
  ASSERT_TRUE(rec.has_value());
  EXPECT_TRUE(rec->prior_state.is_null());
  EXPECT_EQ(rec->proposed_new_state, proposed);
  EXPECT_EQ(rec->config, proposed);
  EXPECT_EQ(rec->prior_private, "prior\x01bytes");

  Value planned = Back(resp.planned_state());
  EXPECT_TRUE(planned.Attr("id").is_unknown());
  EXPECT_TRUE(planned.Attr("id").unknown_not_null());
  EXPECT_EQ(planned.Attr("size"), Value::Int(3));
  EXPECT_EQ(resp.planned_private(), "plan-private:prior\x01bytes");
}

TEST_F(ProviderServiceTest, PlanUpdateReportsRequiresReplace) {
  tfplugin6::PlanResourceChange_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_prior_state() = Dv(Thing("old", Value::String("thing-old")));
  *req.mutable_proposed_new_state() = Dv(Thing("new", Value::String("thing-old")));
  *req.mutable_config() = Dv(Thing("new"));
  tfplugin6::PlanResourceChange_Response resp;
  service_.PlanResourceChange(nullptr, &req, &resp);
  ASSERT_EQ(resp.requires_replace_size(), 1);
  EXPECT_EQ(resp.requires_replace(0).steps(0).attribute_name(), "name");
}

TEST_F(ProviderServiceTest, PlanDestroyWithNullProposedState) {
  tfplugin6::PlanResourceChange_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_prior_state() = Dv(Thing("old", Value::String("thing-old")));
  *req.mutable_proposed_new_state() = Dv(Value::Null());
  *req.mutable_config() = Dv(Value::Null());
  tfplugin6::PlanResourceChange_Response resp;
  service_.PlanResourceChange(nullptr, &req, &resp);
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  auto rec = fake().thing().recorded().plan;
  ASSERT_TRUE(rec.has_value());
  EXPECT_TRUE(rec->proposed_new_state.is_null());
  EXPECT_TRUE(rec->config.is_null());
  EXPECT_TRUE(Back(resp.planned_state()).is_null());
  EXPECT_EQ(resp.planned_state().msgpack(), std::string("\xc0", 1));
}

TEST_F(ProviderServiceTest, ExceptionInProviderCodeBecomesDiagnostic) {
  fake().thing().set_throw_in_plan(true);
  tfplugin6::PlanResourceChange_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_proposed_new_state() = Dv(Thing("x"));
  *req.mutable_config() = Dv(Thing("x"));
  tfplugin6::PlanResourceChange_Response resp;
  ASSERT_TRUE(service_.PlanResourceChange(nullptr, &req, &resp).ok());
  ASSERT_TRUE(HasError(resp.diagnostics()));
  EXPECT_NE(resp.diagnostics(0).detail().find("plan exploded"), std::string::npos);
}

TEST_F(ProviderServiceTest, ApplyPassesPlannedPrivateAndReturnsPrivate) {
  Value planned = Thing("web").WithAttr("id", Value::Unknown());
  tfplugin6::ApplyResourceChange_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_prior_state() = Dv(Value::Null());
  *req.mutable_planned_state() = Dv(planned);
  *req.mutable_config() = Dv(Thing("web"));
  req.set_planned_private("pp");
  tfplugin6::ApplyResourceChange_Response resp;
  service_.ApplyResourceChange(nullptr, &req, &resp);
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  auto rec = fake().thing().recorded().apply;
  ASSERT_TRUE(rec.has_value());
  EXPECT_EQ(rec->planned_private, "pp");
  EXPECT_TRUE(rec->planned_state.Attr("id").is_unknown());
  EXPECT_EQ(Back(resp.new_state()).Attr("id"), Value::String("thing-web"));
  EXPECT_EQ(resp.private_(), "apply-private:pp");
}

TEST_F(ProviderServiceTest, ApplyResultThatDoesNotMatchTheSchemaIsAnError) {
  fake().thing().set_bad_apply_result(true);
  tfplugin6::ApplyResourceChange_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_planned_state() = Dv(Thing("web"));
  *req.mutable_config() = Dv(Thing("web"));
  tfplugin6::ApplyResourceChange_Response resp;
  service_.ApplyResourceChange(nullptr, &req, &resp);
  EXPECT_TRUE(HasError(resp.diagnostics()));
}

TEST_F(ProviderServiceTest, ReadPassesPrivateBothWays) {
  Value current = Thing("web", Value::String("thing-web"));
  tfplugin6::ReadResource_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_current_state() = Dv(current);
  req.set_private_("keep-me");
  tfplugin6::ReadResource_Response resp;
  service_.ReadResource(nullptr, &req, &resp);
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  EXPECT_EQ(fake().thing().recorded().read->private_data, "keep-me");
  EXPECT_EQ(Back(resp.new_state()), current);
  EXPECT_EQ(resp.private_(), "keep-me");
}

TEST_F(ProviderServiceTest, ImportAnswersTypedObjectsWithPrivate) {
  tfplugin6::ImportResourceState_Request req;
  req.set_type_name("tptest_thing");
  req.set_id("abc");
  tfplugin6::ImportResourceState_Response resp;
  service_.ImportResourceState(nullptr, &req, &resp);
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  ASSERT_EQ(resp.imported_resources_size(), 1);
  EXPECT_EQ(resp.imported_resources(0).type_name(), "tptest_thing");
  EXPECT_EQ(resp.imported_resources(0).private_(), "import-private");
  EXPECT_EQ(Back(resp.imported_resources(0).state()).Attr("id"), Value::String("abc"));
  EXPECT_EQ(*fake().thing().recorded().import_id, "abc");
}

TEST_F(ProviderServiceTest, UpgradeResourceStateDecodesJsonOfTheCurrentVersion) {
  auto json = tfplugin::cty::EncodeJson(Thing("web", Value::String("thing-web")), thing_type());
  ASSERT_TRUE(json.ok());
  tfplugin6::UpgradeResourceState_Request req;
  req.set_type_name("tptest_thing");
  req.set_version(1);
  req.mutable_raw_state()->set_json(*json);
  tfplugin6::UpgradeResourceState_Response resp;
  service_.UpgradeResourceState(nullptr, &req, &resp);
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  ASSERT_FALSE(resp.upgraded_state().msgpack().empty());
  EXPECT_EQ(Back(resp.upgraded_state()).Attr("id"), Value::String("thing-web"));
}

TEST_F(ProviderServiceTest, UpgradeResourceStateRejectsOtherVersionsAndFlatmap) {
  tfplugin6::UpgradeResourceState_Request req;
  req.set_type_name("tptest_thing");
  req.set_version(0);
  req.mutable_raw_state()->set_json("{}");
  tfplugin6::UpgradeResourceState_Response resp;
  service_.UpgradeResourceState(nullptr, &req, &resp);
  EXPECT_TRUE(HasError(resp.diagnostics()));

  tfplugin6::UpgradeResourceState_Request flat;
  flat.set_type_name("tptest_thing");
  flat.set_version(1);
  (*flat.mutable_raw_state()->mutable_flatmap())["id"] = "x";
  tfplugin6::UpgradeResourceState_Response flat_resp;
  service_.UpgradeResourceState(nullptr, &flat, &flat_resp);
  EXPECT_TRUE(HasError(flat_resp.diagnostics()));

  tfplugin6::UpgradeResourceState_Request bad;
  bad.set_type_name("tptest_thing");
  bad.set_version(1);
  bad.mutable_raw_state()->set_json("{\"id\":");
  tfplugin6::UpgradeResourceState_Response bad_resp;
  service_.UpgradeResourceState(nullptr, &bad, &bad_resp);
  EXPECT_TRUE(HasError(bad_resp.diagnostics()));
}

TEST_F(ProviderServiceTest, ConfigurePassesTerraformVersionAndUnknowns) {
  Type config_type = tfplugin::ImpliedType(tptest::ConfigSchema().block);
  Value config = Value::Object({{"token", Value::String("t")}, {"endpoint", Value::Unknown()}});
  tfplugin6::ConfigureProvider_Request req;
  req.set_terraform_version("1.9.8");
  *req.mutable_config() = *tfplugin_test::Encode(config, config_type);
  tfplugin6::ConfigureProvider_Response resp;
  service_.ConfigureProvider(nullptr, &req, &resp);
  ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  EXPECT_EQ(fake().terraform_version(), "1.9.8");
  EXPECT_TRUE(fake().configured()->Attr("endpoint").is_unknown());
}

TEST_F(ProviderServiceTest, ValidateProviderConfig) {
  Type config_type = tfplugin::ImpliedType(tptest::ConfigSchema().block);
  Value config = Value::Object({{"token", Value::Null()}, {"endpoint", Value::String("ftp:x")}});
  tfplugin6::ValidateProviderConfig_Request req;
  *req.mutable_config() = *tfplugin_test::Encode(config, config_type);
  tfplugin6::ValidateProviderConfig_Response resp;
  service_.ValidateProviderConfig(nullptr, &req, &resp);
  ASSERT_TRUE(HasError(resp.diagnostics()));
  EXPECT_EQ(resp.diagnostics(0).attribute().steps(0).attribute_name(), "endpoint");
}

TEST_F(ProviderServiceTest, StopProviderCancelsTheRequestsInFlightAndOnlyThem) {
  fake();
  // An apply that waits until its request is cancelled.
  auto blocked_apply = [this] {
    return std::async(std::launch::async, [this] {
      tfplugin6::ApplyResourceChange_Request req;
      req.set_type_name("tptest_thing");
      *req.mutable_prior_state() = Dv(Value::Null());
      *req.mutable_planned_state() =
          Dv(Thing(tptest::kBlockUntilCancelled).WithAttr("id", Value::Unknown()));
      *req.mutable_config() = Dv(Thing(tptest::kBlockUntilCancelled));
      tfplugin6::ApplyResourceChange_Response resp;
      service_.ApplyResourceChange(nullptr, &req, &resp);
      return resp;
    });
  };
  auto wait_blocked = [this](int n) {
    for (int i = 0; i < 500 && fake_->thing().blocked() != n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return fake_->thing().blocked() == n;
  };
  tfplugin6::StopProvider_Request stop;
  tfplugin6::StopProvider_Response stop_resp;

  auto first = blocked_apply();
  ASSERT_TRUE(wait_blocked(1));
  const auto stopped_at = std::chrono::steady_clock::now();
  service_.StopProvider(nullptr, &stop, &stop_resp);
  EXPECT_TRUE(stop_resp.error().empty());
  ASSERT_EQ(first.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_LT(std::chrono::steady_clock::now() - stopped_at, std::chrono::seconds(2));
  tfplugin6::ApplyResourceChange_Response r1 = first.get();
  ASSERT_TRUE(HasError(r1.diagnostics()));
  EXPECT_NE(DiagnosticsText(r1.diagnostics()).find("Terraform asked the provider to stop"),
            std::string::npos)
      << DiagnosticsText(r1.diagnostics());

  // A request after the stop starts afresh: an ordinary apply succeeds, and
  // a waiting one waits until the next StopProvider.
  tfplugin6::ApplyResourceChange_Request ok_req;
  ok_req.set_type_name("tptest_thing");
  *ok_req.mutable_prior_state() = Dv(Value::Null());
  *ok_req.mutable_planned_state() = Dv(Thing("after-stop").WithAttr("id", Value::Unknown()));
  *ok_req.mutable_config() = Dv(Thing("after-stop"));
  tfplugin6::ApplyResourceChange_Response ok_resp;
  service_.ApplyResourceChange(nullptr, &ok_req, &ok_resp);
  EXPECT_FALSE(HasError(ok_resp.diagnostics())) << DiagnosticsText(ok_resp.diagnostics());
  EXPECT_EQ(Back(ok_resp.new_state()).Attr("id"), Value::String("thing-after-stop"));

  auto second = blocked_apply();
  ASSERT_TRUE(wait_blocked(1));
  EXPECT_EQ(second.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout)
      << "the earlier StopProvider must not cancel a later request";
  service_.StopProvider(nullptr, &stop, &stop_resp);
  ASSERT_EQ(second.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  EXPECT_TRUE(HasError(second.get().diagnostics()));
}

// The context names the RPC and resource type in the provider's log lines.
TEST_F(ProviderServiceTest, RequestLogLinesNameTheRpcAndResourceType) {
  std::mutex mu;
  std::vector<std::string> lines;
  tfplugin::SetLogLevel(tfplugin::LogLevel::kDebug);
  tfplugin::SetLogSinkForTesting([&](std::string_view l) {
    std::lock_guard<std::mutex> lock(mu);
    lines.emplace_back(l);
  });
  tfplugin6::PlanResourceChange_Request req;
  req.set_type_name("tptest_thing");
  *req.mutable_prior_state() = Dv(Value::Null());
  *req.mutable_proposed_new_state() = Dv(Thing("web"));
  *req.mutable_config() = Dv(Thing("web"));
  tfplugin6::PlanResourceChange_Response resp;
  service_.PlanResourceChange(nullptr, &req, &resp);
  tfplugin::SetLogSinkForTesting(nullptr);
  tfplugin::SetLogLevel(tfplugin::LogLevel::kOff);
  bool found = false;
  for (const std::string& l : lines) {
    if (l.find("\"tf_rpc\":\"PlanResourceChange\"") != std::string::npos &&
        l.find("\"tf_resource_type\":\"tptest_thing\"") != std::string::npos) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << "no line names the RPC and type; lines: " << lines.size();
}

TEST_F(ProviderServiceTest, UnsupportedFeaturesAnswerPolitely) {
  tfplugin6::ReadDataSource_Request ds;
  ds.set_type_name("tptest_data");
  tfplugin6::ReadDataSource_Response ds_resp;
  service_.ReadDataSource(nullptr, &ds, &ds_resp);
  ASSERT_TRUE(HasError(ds_resp.diagnostics()));
  EXPECT_NE(ds_resp.diagnostics(0).summary().find("not supported by this provider"),
            std::string::npos);

  tfplugin6::GetFunctions_Request fn;
  tfplugin6::GetFunctions_Response fn_resp;
  service_.GetFunctions(nullptr, &fn, &fn_resp);
  EXPECT_EQ(fn_resp.functions_size(), 0);
  EXPECT_EQ(fn_resp.diagnostics_size(), 0);

  tfplugin6::GetResourceIdentitySchemas_Request id;
  tfplugin6::GetResourceIdentitySchemas_Response id_resp;
  service_.GetResourceIdentitySchemas(nullptr, &id, &id_resp);
  EXPECT_EQ(id_resp.identity_schemas_size(), 0);
  EXPECT_EQ(id_resp.diagnostics_size(), 0);

  tfplugin6::CallFunction_Request call;
  call.set_name("f");
  tfplugin6::CallFunction_Response call_resp;
  service_.CallFunction(nullptr, &call, &call_resp);
  EXPECT_FALSE(call_resp.error().text().empty());

  tfplugin6::OpenEphemeralResource_Request eph;
  tfplugin6::OpenEphemeralResource_Response eph_resp;
  service_.OpenEphemeralResource(nullptr, &eph, &eph_resp);
  EXPECT_TRUE(HasError(eph_resp.diagnostics()));
}

// Request values (a token, a sensitive attribute) never reach a log line,
// even at TRACE.
TEST_F(ProviderServiceTest, NoRequestValueIsEverLogged) {
  const std::string secret = "sekr3t-T0KEN-value";
  std::mutex mu;
  std::vector<std::string> lines;
  tfplugin::SetLogLevel(tfplugin::LogLevel::kTrace);
  tfplugin::SetLogSinkForTesting([&](std::string_view l) {
    std::lock_guard<std::mutex> lock(mu);
    lines.emplace_back(l);
  });

  Type config_type = tfplugin::ImpliedType(tptest::ConfigSchema().block);
  Value config = Value::Object({{"token", Value::String(secret)}, {"endpoint", Value::Null()}});
  tfplugin6::ConfigureProvider_Request creq;
  *creq.mutable_config() = *tfplugin_test::Encode(config, config_type);
  tfplugin6::ConfigureProvider_Response cresp;
  service_.ConfigureProvider(nullptr, &creq, &cresp);

  Value thing = Thing("web").WithAttr("secret", Value::String(secret));
  tfplugin6::PlanResourceChange_Request preq;
  preq.set_type_name("tptest_thing");
  *preq.mutable_proposed_new_state() = Dv(thing);
  *preq.mutable_config() = Dv(thing);
  tfplugin6::PlanResourceChange_Response presp;
  service_.PlanResourceChange(nullptr, &preq, &presp);
  fake().thing().set_throw_in_plan(true);
  service_.PlanResourceChange(nullptr, &preq, &presp);

  tfplugin::SetLogSinkForTesting(nullptr);
  tfplugin::SetLogLevel(tfplugin::LogLevel::kOff);
  ASSERT_GE(lines.size(), 3u) << "the RPCs should have been logged at TRACE";
  bool saw_sensitive_field = false;
  for (const std::string& l : lines) {
    EXPECT_EQ(l.find(secret), std::string::npos) << l;
    if (l.find("\"token\":\"(sensitive)\"") != std::string::npos) saw_sensitive_field = true;
  }
  EXPECT_TRUE(saw_sensitive_field);
}

}  // namespace
