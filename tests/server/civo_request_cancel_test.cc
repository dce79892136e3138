// The real terraform-provider-civo, launched as Terraform launches it and
// driven over gRPC, against an in-process simulator. One process serves two
// runs, as a `-debug` provider does: in the first, StopProvider ends a long
// create promptly with a cancellation diagnostic; the second (configure,
// plan, apply) then works normally. Its DEBUG log has a line per API request
// and neither the token nor user_data.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <map>
#include <string>
#include <thread>

#include "sim/simulator.h"
#include "tests/support/tfplugin_test_client.h"

namespace {

using namespace std::chrono_literals;
using tfplugin::cty::Type;
using tfplugin::cty::Value;
using tfplugin_test::DiagnosticsText;
using tfplugin_test::HasError;

constexpr char kToken[] = "sim-token-request-cancel-7d1e";
constexpr char kUserData[] = "#cloud-config\nruncmd: [echo user-data-never-logged]\n";

class CivoRequestCancelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    civosim::SimOptions so;
    so.threads = 8;
    so.config.token = kToken;
    so.config.build_time = std::chrono::minutes(10);
    so.config.action_time = 50ms;
    sim_ = std::make_unique<civosim::Simulator>(so);
    ASSERT_TRUE(sim_->Start());

    tfplugin_test::LaunchOptions o;
    o.binary = CIVO_PROVIDER_BINARY;
    o.env = {{"CIVO_TOKEN", std::nullopt},     {"CIVO_API_URL", std::nullopt},
             {"CIVO_REGION", std::nullopt},    {"TF_LOG", std::nullopt},
             {"TF_LOG_PROVIDER", std::string("DEBUG")}};
    auto p = tfplugin_test::ProviderProcess::Launch(o);
    ASSERT_TRUE(p.ok()) << p.status();
    p_ = *std::move(p);

    grpc::ClientContext ctx;
    tfplugin6::GetProviderSchema_Request req;
    tfplugin6::GetProviderSchema_Response resp;
    ASSERT_TRUE(p_->provider().GetProviderSchema(&ctx, req, &resp).ok());
    config_type_ = *tfplugin_test::ImpliedType(resp.provider().block());
    type_ = *tfplugin_test::ImpliedType(
        resp.resource_schemas().at("civo_compute_instance").block());
  }

  void TearDown() override {
    p_.reset();
    if (sim_) sim_->Stop();
  }

  void Configure() {
    std::map<std::string, Value> a;
    for (const auto& [k, t] : config_type_.attributes()) a[k] = Value::Null();
    a["token"] = Value::String(kToken);
    a["region"] = Value::String("LON1");
    a["api_endpoint"] = Value::String(sim_->url());
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 30s);
    tfplugin6::ConfigureProvider_Request req;
    req.set_terraform_version("1.11.4");
    *req.mutable_config() = *tfplugin_test::Encode(Value::Object(a), config_type_);
    tfplugin6::ConfigureProvider_Response resp;
    ASSERT_TRUE(p_->provider().ConfigureProvider(&ctx, req, &resp).ok());
    ASSERT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
  }

  Value Config(const std::string& name) const {
    std::map<std::string, Value> a;
    for (const auto& [k, t] : type_.attributes()) a[k] = Value::Null();
    a["instance_name"] = Value::String(name);
    a["size"] = Value::String("g3.small");
    a["image"] = Value::String("ubuntu-jammy");
    a["user_data"] = Value::String(kUserData);
    a["network"] = Value::Object(
        {{"value", Value::Null()},
         {"value_from",
          Value::Object({{"kind", Value::Null()}, {"name", Value::String("default")}})}});
    return Value::Object(a);
  }

  // PlanResourceChange for a create; returns the planned state.
  Value PlanCreate(const Value& config) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 30s);
    tfplugin6::PlanResourceChange_Request req;
    req.set_type_name("civo_compute_instance");
    *req.mutable_prior_state() = *tfplugin_test::Encode(Value::Null(), type_);
    *req.mutable_proposed_new_state() = *tfplugin_test::Encode(config, type_);
    *req.mutable_config() = *tfplugin_test::Encode(config, type_);
    tfplugin6::PlanResourceChange_Response resp;
    EXPECT_TRUE(p_->provider().PlanResourceChange(&ctx, req, &resp).ok());
    EXPECT_FALSE(HasError(resp.diagnostics())) << DiagnosticsText(resp.diagnostics());
    auto planned = tfplugin_test::Decode(resp.planned_state(), type_);
    EXPECT_TRUE(planned.ok()) << planned.status();
    return planned.ok() ? *planned : Value::Null();
  }

  std::future<tfplugin6::ApplyResourceChange_Response> ApplyCreate(const Value& planned,
                                                                   const Value& config) {
    return std::async(std::launch::async, [this, planned, config] {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() + 120s);
      tfplugin6::ApplyResourceChange_Request req;
      req.set_type_name("civo_compute_instance");
      *req.mutable_prior_state() = *tfplugin_test::Encode(Value::Null(), type_);
      *req.mutable_planned_state() = *tfplugin_test::Encode(planned, type_);
      *req.mutable_config() = *tfplugin_test::Encode(config, type_);
      tfplugin6::ApplyResourceChange_Response resp;
      p_->provider().ApplyResourceChange(&ctx, req, &resp);
      return resp;
    });
  }

  size_t Creates() const {
    size_t n = 0;
    for (const auto& e : sim_->Log()) {
      if (e.method == "POST" && e.path.rfind("/v2/instances", 0) == 0 &&
          e.path.find("/v2/instances/") == std::string::npos) {
        ++n;
      }
    }
    return n;
  }

  std::unique_ptr<civosim::Simulator> sim_;
  std::unique_ptr<tfplugin_test::ProviderProcess> p_;
  Type config_type_;
  Type type_;
};

TEST_F(CivoRequestCancelTest, StopEndsALongCreatePromptlyAndTheNextRunWorks) {
  // Run 1: a create whose build takes ten minutes, stopped while it waits.
  Configure();
  Value config = Config("slow");
  Value planned = PlanCreate(config);
  ASSERT_FALSE(planned.is_null());
  auto first = ApplyCreate(planned, config);
  for (int i = 0; i < 300 && Creates() == 0; ++i) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(Creates(), 1u) << "the create call never reached the simulator";
  std::this_thread::sleep_for(500ms);  // the provider is now waiting for the build
  ASSERT_EQ(first.wait_for(0ms), std::future_status::timeout);

  const auto stopped_at = std::chrono::steady_clock::now();
  {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + 5s);
    tfplugin6::StopProvider_Request req;
    tfplugin6::StopProvider_Response resp;
    ASSERT_TRUE(p_->provider().StopProvider(&ctx, req, &resp).ok());
    EXPECT_TRUE(resp.error().empty()) << resp.error();
  }
  ASSERT_EQ(first.wait_for(10s), std::future_status::ready) << "the apply ignored StopProvider";
  EXPECT_LT(std::chrono::steady_clock::now() - stopped_at, 5s);
  tfplugin6::ApplyResourceChange_Response stopped = first.get();
  ASSERT_TRUE(HasError(stopped.diagnostics()));
  EXPECT_NE(DiagnosticsText(stopped.diagnostics()).find("cancelled"), std::string::npos)
      << DiagnosticsText(stopped.diagnostics());
  auto partial = tfplugin_test::Decode(stopped.new_state(), type_);
  ASSERT_TRUE(partial.ok()) << partial.status();
  ASSERT_FALSE(partial->is_null()) << "the created instance's id must be kept";
  EXPECT_FALSE(partial->Attr("id").is_null());

  // Run 2 on the same process: builds are quick now; everything works.
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.build_time = 200ms; });
  Configure();
  Value config2 = Config("after-stop");
  Value planned2 = PlanCreate(config2);
  ASSERT_FALSE(planned2.is_null());
  auto second = ApplyCreate(planned2, config2);
  ASSERT_EQ(second.wait_for(60s), std::future_status::ready);
  tfplugin6::ApplyResourceChange_Response created = second.get();
  EXPECT_FALSE(HasError(created.diagnostics())) << DiagnosticsText(created.diagnostics());
  auto state = tfplugin_test::Decode(created.new_state(), type_);
  ASSERT_TRUE(state.ok()) << state.status();
  ASSERT_FALSE(state->is_null());
  EXPECT_EQ(state->Attr("status"), Value::String("ACTIVE"));
  EXPECT_EQ(Creates(), 2u);

  // The DEBUG log: API requests and waits are there; secrets are not.
  p_->Shutdown(2s);
  const std::string log = p_->process().stderr_text();
  EXPECT_NE(log.find("civoapi: POST /v2/instances"), std::string::npos) << log;
  EXPECT_NE(log.find("civoapi: GET /v2/sizes"), std::string::npos) << log;
  EXPECT_NE(log.find("civoapi: waiting for instance"), std::string::npos) << log;
  EXPECT_EQ(log.find(kToken), std::string::npos) << "the token is in the log";
  EXPECT_EQ(log.find("user-data-never-logged"), std::string::npos) << "user_data is in the log";
}

}  // namespace
