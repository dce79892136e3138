// Errors, retries, ambiguous creates, cancellation, secrecy of the token,
// concurrency and connection reuse, all against the simulator.
#include <atomic>
#include <thread>

#include "civoapi/errors.h"
#include "tests/civoapi/sim_fixture.h"

namespace civoapi_test {
namespace {

using civoapi::GetApiError;
using civoapi::Instance;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

TEST_F(SimTest, ErrorsAreDecoded) {
  auto missing = client_->GetInstance("no-such-id", Opts());
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(civoapi::IsNotFound(missing.status()));
  auto e = GetApiError(missing.status());
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->http_status, 404);
  EXPECT_EQ(e->code, "database_instance_find");
  EXPECT_FALSE(e->reason.empty());
  EXPECT_NE(missing.status().message().find("database_instance_find"), std::string::npos);

  auto bad_client = MakeClient("wrong-token-123");
  auto unauth = bad_client->ListSizes(Opts());
  ASSERT_FALSE(unauth.ok());
  EXPECT_EQ(unauth.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(GetApiError(unauth.status())->code, "authentication_invalid_key");
  EXPECT_FALSE(civoapi::IsTransient(unauth.status()));

  civoapi::CreateInstanceRequest huge = Req("x", "g9.huge");
  sim_->ClearLog();
  auto bad_size = client_->CreateInstance(huge, Opts());
  ASSERT_FALSE(bad_size.ok());
  EXPECT_EQ(bad_size.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(GetApiError(bad_size.status())->http_status, 422);
  EXPECT_EQ(GetApiError(bad_size.status())->code, "database_size_not_found");
  EXPECT_EQ(sim_->Log().size(), 1u) << "a 4xx is not retried";

  civoapi::CreateInstanceRequest r = Req("x");
  r.network_id = "no-such-network";
  EXPECT_EQ(GetApiError(client_->CreateInstance(r, Opts()).status())->code, "database_network_not_found");
  r = Req("x");
  r.template_id = "no-such-image";
  EXPECT_EQ(GetApiError(client_->CreateInstance(r, Opts()).status())->code, "database_template_not_found");
}

TEST_F(SimTest, RetriesServerErrorsThenSucceeds) {
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.fail_next = 2;
    c.fail_status = 500;
    c.fail_path_prefix = "/v2/sizes";
  });
  auto sizes = client_->ListSizes(Opts());
  ASSERT_TRUE(sizes.ok()) << sizes.status();
  auto log = ApiLog("GET", "/v2/sizes");
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0].status, 500);
  EXPECT_EQ(log[1].status, 500);
  EXPECT_EQ(log[2].status, 200);
}

TEST_F(SimTest, HonoursRetryAfterOn429) {
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.fail_next = 1;
    c.fail_status = 429;
    c.fail_retry_after_s = 1;
  });
  ASSERT_TRUE(client_->ListRegions(Opts()).ok());
  auto log = ApiLog("GET", "/v2/regions");
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].status, 429);
  EXPECT_EQ(log[1].status, 200);
  // Measured by the server: the retry came at least Retry-After after the 429.
  EXPECT_GE(log[1].start_ms - log[0].end_ms, 1000.0);
  EXPECT_LT(log[1].start_ms - log[0].end_ms, 3000.0);
}

TEST_F(SimTest, SurvivesTheRateLimiter) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.rate_limit = 3; });
  for (int n = 0; n < 6; ++n) ASSERT_TRUE(client_->ListSizes(Opts()).ok());
  EXPECT_GT(sim_->Stats().rate_limited, 0u);
  auto log = sim_->Log();
  for (size_t k = 0; k + 1 < log.size(); ++k) {
    if (log[k].status == 429) {
      EXPECT_GE(log[k + 1].start_ms - log[k].end_ms, 1000.0);
    }
  }
}

TEST_F(SimTest, NoRetryForPermanentErrors) {
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.fail_next = 5;
    c.fail_status = 403;
  });
  auto r = client_->ListSizes(Opts());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(sim_->Log().size(), 1u);
}

TEST_F(SimTest, RetriesStopAtTheDeadline) {
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.fail_next = 1000;
    c.fail_status = 503;
  });
  auto start = steady_clock::now();
  auto r = client_->ListSizes(Opts(milliseconds(800)));
  auto took = steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(civoapi::IsTransient(r.status()));
  EXPECT_EQ(GetApiError(r.status())->http_status, 503);
  EXPECT_GT(sim_->Log().size(), 2u);
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST_F(SimTest, AmbiguousCreateIsNotRetried) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.ambiguous_creates = 1; });
  auto r = client_->CreateInstance(Req("once"), Opts());
  ASSERT_FALSE(r.ok());
  auto e = GetApiError(r.status());
  ASSERT_TRUE(e.has_value());
  EXPECT_TRUE(e->ambiguous);
  EXPECT_EQ(e->http_status, 502);
  EXPECT_EQ(e->code, "non_json_response") << "the gateway's HTML page";
  EXPECT_EQ(ApiLog("POST", "/v2/instances").size(), 1u);
  auto all = client_->ListInstances(Opts());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u) << "exactly one instance exists";
}

TEST_F(SimTest, CreateRetriesOnlyWhenNothingWasDone) {
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.fail_next = 1;
    c.fail_status = 503;
    c.fail_method = "POST";
  });
  auto ok = client_->CreateInstance(Req("after-503"), Opts());
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ApiLog("POST", "/v2/instances").size(), 2u);

  sim_->ClearLog();
  sim_->UpdateConfig([](civosim::SimConfig& c) {
    c.fail_next = 1;
    c.fail_status = 500;
    c.fail_method = "POST";
  });
  auto amb = client_->CreateInstance(Req("after-500"), Opts());
  ASSERT_FALSE(amb.ok());
  EXPECT_TRUE(GetApiError(amb.status())->ambiguous);
  EXPECT_EQ(ApiLog("POST", "/v2/instances").size(), 1u);
}

TEST_F(SimTest, ConnectionRefusedIsTransientAndNotAmbiguous) {
  civosim::SimOptions o;
  o.config.token = kToken;
  auto dead = std::make_unique<civosim::Simulator>(o);
  ASSERT_TRUE(dead->Start());
  std::string url = dead->url();
  dead.reset();  // nothing listens there any more
  auto client = MakeClient(kToken, 100, url);
  auto r = client->CreateInstance(Req("nowhere"), Opts(milliseconds(500)));
  ASSERT_FALSE(r.ok());
  auto e = GetApiError(r.status());
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->code, "connection_refused");
  EXPECT_FALSE(e->ambiguous);
  EXPECT_TRUE(civoapi::IsTransient(r.status()));
  size_t attempts = 0;
  for (const auto& line : DebugLines()) attempts += line.find("connection_refused") != std::string::npos;
  EXPECT_GT(attempts, 1u) << "refused connections are retried, even for a create";
}

TEST_F(SimTest, CancelStopsAWaitPromptly) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.build_time = std::chrono::minutes(10); });
  auto created = client_->CreateInstance(Req("forever"), Opts());
  ASSERT_TRUE(created.ok());
  auto cancel = std::make_shared<civoapi::CancelToken>();
  civoapi::CallOptions o = Opts(std::chrono::minutes(5));
  o.cancel = cancel;
  std::thread stopper([cancel] {
    std::this_thread::sleep_for(milliseconds(300));
    cancel->Cancel();
  });
  auto start = steady_clock::now();
  auto r = client_->WaitInstance(created->id, [](const Instance& i) { return i.status == "ACTIVE"; }, o);
  auto took = steady_clock::now() - start;
  stopper.join();
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(civoapi::IsCancelled(r.status())) << r.status();
  EXPECT_LT(took, std::chrono::seconds(3));
}

TEST_F(SimTest, CancelAbortsAnInFlightRequest) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.latency = std::chrono::seconds(2); });
  auto cancel = std::make_shared<civoapi::CancelToken>();
  civoapi::CallOptions o = Opts();
  o.cancel = cancel;
  std::thread stopper([cancel] {
    std::this_thread::sleep_for(milliseconds(200));
    cancel->Cancel();
  });
  auto start = steady_clock::now();
  auto r = client_->ListSizes(o);
  auto took = steady_clock::now() - start;
  stopper.join();
  EXPECT_TRUE(civoapi::IsCancelled(r.status())) << r.status();
  EXPECT_LT(took, milliseconds(1500)) << "did not wait for the 2 s response";
}

TEST_F(SimTest, TokenNeverAppearsInLogsOrErrors) {
  std::vector<std::string> messages;
  messages.push_back(std::string(client_->GetInstance("missing", Opts()).status().message()));
  messages.push_back(std::string(client_->CreateInstance(Req("x", "nope"), Opts()).status().message()));
  CreateActive("visible");
  auto wrong = MakeClient("tok-OTHER-secret-77");
  messages.push_back(std::string(wrong->ListSizes(Opts()).status().message()));
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.ambiguous_creates = 1; });
  messages.push_back(std::string(client_->CreateInstance(Req("y"), Opts()).status().message()));
  auto lines = DebugLines();
  ASSERT_GT(lines.size(), 5u);
  for (const auto& l : lines) {
    EXPECT_EQ(l.find(kToken), std::string::npos) << l;
    EXPECT_EQ(l.find("tok-OTHER-secret-77"), std::string::npos) << l;
  }
  for (const auto& m : messages) {
    EXPECT_FALSE(m.empty());
    EXPECT_EQ(m.find(kToken), std::string::npos) << m;
    EXPECT_EQ(m.find("tok-OTHER-secret-77"), std::string::npos) << m;
  }
  // The debug line says what happened: method, path, status.
  EXPECT_NE(lines[0].find("GET /v2/instances/missing"), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("404"), std::string::npos) << lines[0];
}

TEST_F(SimTest, ManyThreadsCreateAtOnce) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.latency = milliseconds(20); });
  Req("warm-up");  // resolve the default network once
  constexpr int kThreads = 16;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 2; ++k) {
        auto r = client_->CreateInstance(Req("par-" + std::to_string(t) + "-" + std::to_string(k)), Opts());
        if (!r.ok()) ++failures;
        else if (!client_->GetInstance(r->id, Opts()).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto all = client_->ListInstances(Opts());
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u * kThreads);
  // A create goes out on a connection of its own (never resent by libcurl on
  // a kept-alive one); the reads reuse pooled connections.
  EXPECT_LE(sim_->Stats().connections, static_cast<uint64_t>(2 * kThreads + kThreads) + 2)
      << "one connection per create, else one pooled connection per thread";
}

TEST_F(SimTest, ConnectionsAreReused) {
  sim_->ResetStats();
  for (int n = 0; n < 200; ++n) ASSERT_TRUE(client_->ListRegions(Opts()).ok());
  auto stats = sim_->Stats();
  EXPECT_EQ(stats.requests, 200u);
  EXPECT_LE(stats.connections, 2u);
}

}  // namespace
}  // namespace civoapi_test
