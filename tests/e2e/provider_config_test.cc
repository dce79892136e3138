// End-to-end: the provider block and its environment fallbacks (token,
// region, api_endpoint), a missing token and a rejected one.
#include <string>

#include "tests/e2e/fixture.h"

namespace e2e {
namespace {

using ProviderConfig = E2ETest;

TEST_F(ProviderConfig, EverythingFromTheEnvironment) {
  std::string nyc_net = sim_->DefaultNetworkId("NYC1");
  ASSERT_FALSE(nyc_net.empty());
  ws_ = std::make_unique<Workspace>("{}");
  SetWeb(With(BaseFields(), {{"network", "{\"value\": " + Quote(nyc_net) + "}"}}));
  TfResult r = TfOk("apply", {}, {"-env", "CIVO_TOKEN=" + sim_->token(), "-env",
                                  "CIVO_API_URL=" + sim_->url(), "-env", "CIVO_REGION=NYC1"});
  std::string id = StateId();
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(StateAttr(kWeb, "region"), "NYC1");
  EXPECT_TRUE(sim_->Instance(id, "NYC1")) << "instance not made in CIVO_REGION";
  EXPECT_TRUE(sim_->InstanceIds("LON1").empty());
}

TEST_F(ProviderConfig, MissingTokenIsAnErrorAtConfigure) {
  ws_ = std::make_unique<Workspace>("{\"api_endpoint\": " + Quote(sim_->url()) + "}");
  SetWeb(BaseFields());
  size_t mark = sim_->Log().size();
  TfResult r = Tf("plan", {}, {"-env", "CIVO_TOKEN="});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  bool found = false;
  for (const auto& d : r.Errors()) found |= d.rpc == "ConfigureProvider" && d.origin == "provider";
  EXPECT_TRUE(found) << r.Describe();
  EXPECT_EQ(sim_->Log().size(), mark) << "API called without a token:\n"
                                      << Sim::Describe(sim_->Log());
}

TEST_F(ProviderConfig, RejectedTokenFailsAtOnceWithCivoCode) {
  ws_ = std::make_unique<Workspace>("{\"api_endpoint\": " + Quote(sim_->url()) +
                                    ", \"token\": \"wrong-token\", \"region\": \"LON1\"}");
  SetWeb(BaseFields());
  TfResult r = Tf("apply");
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  EXPECT_LT(r.seconds, 30.0) << "a 401 must not be retried until a deadline";
  bool found = false;
  for (const auto& d : r.Errors()) {
    found |= (d.summary + " " + d.detail).find("authentication_invalid_key") != std::string::npos;
    EXPECT_EQ((d.summary + d.detail).find("wrong-token"), std::string::npos) << d.ToString();
  }
  EXPECT_TRUE(found) << r.Describe();
  EXPECT_EQ(FindCall(sim_->Log(), 0, "POST", {"/v2/instances"}), -1);
  EXPECT_EQ(ReadFile(ws_->dir() + "/provider.log").find("wrong-token"), std::string::npos);
}

}  // namespace
}  // namespace e2e
