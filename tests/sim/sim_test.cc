// The simulator's own behaviour, spoken to over HTTP with a plain client.
#include <gtest/gtest.h>
#include <httplib.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "rapidjson/document.h"
#include "sim/simulator.h"

namespace {

using std::chrono::milliseconds;

constexpr char kToken[] = "sim-test-token";

class SimBehaviour : public ::testing::Test {
 protected:
  void SetUp() override {
    civosim::SimOptions o;
    o.config.token = kToken;
    o.config.build_time = milliseconds(200);
    o.config.action_time = milliseconds(150);
    sim_ = std::make_unique<civosim::Simulator>(o);
    ASSERT_TRUE(sim_->Start());
    http_ = std::make_unique<httplib::Client>("127.0.0.1", sim_->port());
    http_->set_default_headers({{"Authorization", std::string("bearer ") + kToken}});
  }

  struct Res {
    int status = 0;
    rapidjson::Document json;
    std::string retry_after;
  };

  Res Call(const std::string& method, const std::string& path, const std::string& body = "") {
    httplib::Result r = method == "GET"      ? http_->Get(path.c_str())
                        : method == "DELETE" ? http_->Delete(path.c_str())
                        : method == "PUT"    ? http_->Put(path.c_str(), body, "application/json")
                        : method == "PATCH"  ? http_->Patch(path.c_str(), body, "application/json")
                                             : http_->Post(path.c_str(), body, "application/json");
    Res out;
    if (!r) return out;
    out.status = r->status;
    out.json.Parse(r->body.c_str());
    out.retry_after = r->get_header_value("Retry-After");
    return out;
  }

  static std::string Str(const rapidjson::Value& v, const char* k) {
    return v.HasMember(k) && v[k].IsString() ? v[k].GetString() : "";
  }

  std::string CreateInstance(const std::string& size = "g3.medium", const std::string& extra = "") {
    Res r = Call("POST", "/v2/instances?region=LON1",
                 R"({"hostname":"h","size":")" + size + R"(","template_id":"ubuntu-jammy","tags":"a b")" + extra + "}");
    EXPECT_EQ(r.status, 200);
    return r.status == 200 ? Str(r.json, "id") : "";
  }

  std::string Status(const std::string& id) {
    Res r = Call("GET", "/v2/instances/" + id);
    return r.status == 200 ? Str(r.json, "status") : "HTTP " + std::to_string(r.status);
  }

  void WaitActive(const std::string& id) {
    for (int n = 0; n < 100 && Status(id) != "ACTIVE"; ++n) std::this_thread::sleep_for(milliseconds(20));
    ASSERT_EQ(Status(id), "ACTIVE");
  }

  std::unique_ptr<civosim::Simulator> sim_;
  std::unique_ptr<httplib::Client> http_;
};

TEST_F(SimBehaviour, RejectsMissingOrWrongToken) {
  httplib::Client anon("127.0.0.1", sim_->port());
  auto r = anon.Get("/v2/sizes");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_NE(r->body.find("authentication_invalid_key"), std::string::npos);
  anon.set_default_headers({{"Authorization", "bearer nope"}});
  EXPECT_EQ(anon.Get("/v2/sizes")->status, 401);
  EXPECT_EQ(Call("GET", "/v2/sizes").status, 200);
}

TEST_F(SimBehaviour, InstanceBuildsThenIsActive) {
  std::string id = CreateInstance();
  Res r = Call("GET", "/v2/instances/" + id);
  EXPECT_EQ(Str(r.json, "status"), "BUILDING");
  EXPECT_TRUE(r.json["public_ip"].IsNull());
  ASSERT_TRUE(r.json["tags"].IsArray());
  EXPECT_EQ(r.json["tags"].Size(), 2u);
  EXPECT_EQ(Str(r.json, "source_id"), "ubuntu-jammy");
  WaitActive(id);
  r = Call("GET", "/v2/instances/" + id);
  EXPECT_TRUE(r.json["public_ip"].IsString());
}

TEST_F(SimBehaviour, ValidationErrorCodes) {
  auto code = [this](const std::string& body) {
    Res r = Call("POST", "/v2/instances", body);
    return std::to_string(r.status) + " " + Str(r.json, "code");
  };
  EXPECT_EQ(code(R"({"hostname":"h","size":"g9.huge","template_id":"ubuntu-jammy"})"), "422 database_size_not_found");
  EXPECT_EQ(code(R"({"hostname":"h","size":"g2.legacy","template_id":"ubuntu-jammy"})"),
            "422 database_size_not_found");
  EXPECT_EQ(code(R"({"hostname":"h","size":"g3.small","template_id":"windows-95"})"),
            "422 database_template_not_found");
  EXPECT_EQ(code(R"({"hostname":"h","size":"g3.small","template_id":"ubuntu-jammy","network_id":"x"})"),
            "422 database_network_not_found");
  EXPECT_EQ(code(R"({"size":"g3.small","template_id":"ubuntu-jammy"})"), "400 parameter_name_invalid");
  Res nyc = Call("POST", "/v2/instances?region=NYC1", R"({"hostname":"h","size":"g3.small","template_id":"rocky-9"})");
  EXPECT_EQ(nyc.status, 422) << "rocky-9 is only in LON1";
  EXPECT_EQ(Call("GET", "/v2/sizes?region=MARS1").status, 400);
  EXPECT_EQ(Str(Call("GET", "/v2/instances/nope").json, "code"), "database_instance_find");
}

TEST_F(SimBehaviour, ResizeOnlyUpwardsViaRebooting) {
  std::string id = CreateInstance("g3.medium");
  Res early = Call("PUT", "/v2/instances/" + id + "/resize", R"({"size":"g3.large"})");
  EXPECT_EQ(early.status, 400) << "not while BUILDING";
  WaitActive(id);
  Res down = Call("PUT", "/v2/instances/" + id + "/resize", R"({"size":"g3.small"})");
  EXPECT_EQ(down.status, 400);
  EXPECT_EQ(Str(down.json, "code"), "openstack_instance_resize");
  EXPECT_EQ(Call("PUT", "/v2/instances/" + id + "/resize", R"({"size":"g3.large"})").status, 200);
  EXPECT_EQ(Status(id), "REBOOTING");
  WaitActive(id);
  Res r = Call("GET", "/v2/instances/" + id);
  EXPECT_EQ(Str(r.json, "size"), "g3.large");
  EXPECT_EQ(r.json["disk_gb"].GetInt(), 100);
}

TEST_F(SimBehaviour, DeleteReleasesVolumesAndIpsThenIsGone) {
  std::string id = CreateInstance();
  WaitActive(id);
  std::string vol = Str(Call("POST", "/v2/volumes", R"({"name":"v","size_gb":10})").json, "id");
  EXPECT_EQ(Call("PUT", "/v2/volumes/" + vol + "/attach", R"({"instance_id":")" + id + "\"}").status, 200);
  EXPECT_EQ(Str(Call("GET", "/v2/volumes/" + vol).json, "status"), "attaching");
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(Str(Call("GET", "/v2/volumes/" + vol).json, "status"), "attached");
  std::string ip = Str(Call("POST", "/v2/vpc/ips", R"({"name":"front"})").json, "id");
  EXPECT_EQ(Call("POST", "/v2/ips/" + ip + "/actions", R"({"action":"assign","assign_to_id":")" + id + "\"}").status,
            200);
  EXPECT_EQ(Str(Call("GET", "/v2/instances/" + id).json, "reserved_ip_id"), ip);

  EXPECT_EQ(Call("DELETE", "/v2/instances/" + id).status, 200);
  EXPECT_EQ(Status(id), "DELETING");
  EXPECT_EQ(Str(Call("GET", "/v2/volumes/" + vol).json, "status"), "available");
  // The reserved IP stays held while the instance is DELETING (so it cannot
  // be deleted yet: civo/terraform-provider-civo#252), and is released once
  // the instance is gone.
  EXPECT_EQ(Str(Call("GET", "/v2/ips/" + ip).json["assigned_to"], "id"), id);
  EXPECT_EQ(Call("DELETE", "/v2/ips/" + ip).status, 400);
  std::this_thread::sleep_for(milliseconds(200));
  EXPECT_EQ(Status(id), "HTTP 404");
  EXPECT_EQ(Str(Call("GET", "/v2/ips/" + ip).json["assigned_to"], "id"), "");
}

TEST_F(SimBehaviour, VolumeAndIpRules) {
  std::string a = CreateInstance();
  std::string vol = Str(Call("POST", "/v2/volumes", R"({"name":"v","size_gb":10})").json, "id");
  Res building = Call("PUT", "/v2/volumes/" + vol + "/attach", R"({"instance_id":")" + a + "\"}");
  EXPECT_EQ(Str(building.json, "code"), "instance_state_must_be_active_or_shutoff");
  WaitActive(a);
  std::string b = CreateInstance();
  WaitActive(b);
  EXPECT_EQ(Call("PUT", "/v2/volumes/" + vol + "/attach", R"({"instance_id":")" + a + "\"}").status, 200);
  Res twice = Call("PUT", "/v2/volumes/" + vol + "/attach", R"({"instance_id":")" + b + "\"}");
  EXPECT_EQ(Str(twice.json, "code"), "database_volume_cannot_multiple_attach");
  EXPECT_EQ(Str(Call("DELETE", "/v2/volumes/" + vol).json, "code"), "database_volume_delete_failed");
  std::string ip = Str(Call("POST", "/v2/ips", R"({"name":"x"})").json, "id");
  Call("POST", "/v2/ips/" + ip + "/actions", R"({"action":"assign","assign_to_id":")" + a + "\"}");
  Res move = Call("POST", "/v2/ips/" + ip + "/actions", R"({"action":"assign","assign_to_id":")" + b + "\"}");
  EXPECT_EQ(Str(move.json, "code"), "database_cannot_move_ip");
}

TEST_F(SimBehaviour, PaginationTagsAndVpcPaths) {
  for (int n = 0; n < 5; ++n) CreateInstance("g3.small", n < 2 ? R"(,"x":1)" : "");
  Res p = Call("GET", "/v2/instances?page=2&per_page=2");
  EXPECT_EQ(p.json["page"].GetInt(), 2);
  EXPECT_EQ(p.json["pages"].GetInt(), 3);
  EXPECT_EQ(p.json["items"].Size(), 2u);
  Call("PUT", "/v2/instances/" + Str(p.json["items"][0], "id") + "/tags", R"({"tags":"red"})");
  Res red = Call("GET", "/v2/instances?tags=red");
  EXPECT_EQ(red.json["items"].Size(), 1u);
  Res a = Call("GET", "/v2/networks");
  Res b = Call("GET", "/v2/vpc/networks");
  ASSERT_EQ(a.json.Size(), 1u);
  EXPECT_EQ(Str(a.json[0], "id"), Str(b.json[0], "id"));
  EXPECT_EQ(Call("GET", "/v2/vpc/firewalls").json.Size(), 1u) << "the default network's default firewall";
}

TEST_F(SimBehaviour, AdminKnobs) {
  // Duplicate labels only through the admin endpoint.
  EXPECT_EQ(Call("POST", "/_sim/networks", R"({"label":"shared"})").status, 200);
  EXPECT_EQ(Call("POST", "/_sim/networks", R"({"label":"shared"})").status, 200);
  EXPECT_EQ(Str(Call("POST", "/v2/networks", R"({"label":"shared"})").json, "code"), "database_network_duplicate_name");
  EXPECT_EQ(Call("GET", "/v2/networks").json.Size(), 3u);

  std::string id = CreateInstance();
  EXPECT_EQ(Call("PATCH", "/_sim/instances/" + id, R"({"hostname":"drifted","tags":["z"]})").status, 200);
  EXPECT_EQ(Str(Call("GET", "/v2/instances/" + id).json, "hostname"), "drifted");
  EXPECT_EQ(Call("DELETE", "/_sim/instances/" + id).status, 200);
  EXPECT_EQ(Status(id), "HTTP 404");

  // Rate limit: 429 with Retry-After.
  Call("POST", "/_sim/config", R"({"rate_limit":1})");
  Call("GET", "/v2/sizes");
  Res limited = Call("GET", "/v2/sizes");
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.retry_after, "1");
  Call("POST", "/_sim/config", R"({"rate_limit":0})");

  // Ambiguous create: the instance exists although the answer is 502.
  Call("POST", "/_sim/config", R"({"ambiguous_creates":1})");
  auto r = http_->Post("/v2/instances", R"({"hostname":"amb","size":"g3.small","template_id":"ubuntu-jammy"})",
                       "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 502);
  Res list = Call("GET", "/v2/instances");
  ASSERT_EQ(list.json["items"].Size(), 1u);
  EXPECT_EQ(Str(list.json["items"][0], "hostname"), "amb");

  Res log = Call("GET", "/_sim/log");
  ASSERT_TRUE(log.json.IsArray());
  bool saw_fault = false;
  for (const auto& e : log.json.GetArray()) saw_fault |= e["fault"].GetBool();
  EXPECT_TRUE(saw_fault);
  Res stats = Call("GET", "/_sim/stats");
  EXPECT_GT(stats.json["requests"].GetInt(), 5);
  EXPECT_GE(stats.json["connections"].GetInt(), 1);
  Res state = Call("GET", "/_sim/state");
  EXPECT_EQ(state.json["instances"].Size(), 1u);
  Call("DELETE", "/_sim/log");
  EXPECT_EQ(Call("GET", "/_sim/log").json.Size(), 0u);
}

TEST_F(SimBehaviour, FaultRateIsDeterministicForASeed) {
  auto run = [this] {
    Call("POST", "/_sim/config", R"({"fault_rate":0.5,"fault_seed":7})");
    std::string statuses;
    for (int n = 0; n < 20; ++n) statuses += std::to_string(Call("GET", "/v2/regions").status) + ",";
    Call("POST", "/_sim/config", R"({"fault_rate":0})");
    return statuses;
  };
  std::string first = run();
  EXPECT_EQ(first, run());
  EXPECT_NE(first.find("200"), std::string::npos);
  EXPECT_TRUE(first.find("500") != std::string::npos || first.find("502") != std::string::npos ||
              first.find("503") != std::string::npos || first.find("504") != std::string::npos);
}

TEST_F(SimBehaviour, ConcurrentRequests) {
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int t = 0; t < 12; ++t) {
    threads.emplace_back([this, &bad] {
      httplib::Client c("127.0.0.1", sim_->port());
      c.set_default_headers({{"Authorization", std::string("bearer ") + kToken}});
      for (int n = 0; n < 10; ++n) {
        auto r = c.Post("/v2/instances", R"({"hostname":"c","size":"g3.small","template_id":"debian-11"})",
                        "application/json");
        if (!r || r->status != 200) ++bad;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(Call("GET", "/v2/instances?per_page=1000").json["items"].Size(), 120u);
}

#ifdef CIVO_SIM_BINARY
TEST(SimBinary, PrintsItsUrlFirstAndServes) {
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  const char* argv[] = {CIVO_SIM_BINARY, "--addr", "127.0.0.1:0", "--token", "T", "--build-time", "100ms", nullptr};
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, CIVO_SIM_BINARY, &fa, nullptr, const_cast<char**>(argv), environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[256] = {0};
  bool got = fgets(line, sizeof line, f) != nullptr;
  std::string url(line);
  while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
  int status = 0;
  if (got && url.rfind("http://127.0.0.1:", 0) == 0) {
    httplib::Client c(url);
    c.set_default_headers({{"Authorization", "bearer T"}});
    auto r = c.Get("/v2/regions");
    EXPECT_TRUE(r && r->status == 200);
    auto anon = httplib::Client(url).Get("/v2/regions");
    EXPECT_TRUE(anon && anon->status == 401);
  } else {
    ADD_FAILURE() << "first line was not the URL: " << url;
  }
  kill(pid, SIGTERM);  // the process this test started, by its id
  waitpid(pid, &status, 0);
  fclose(f);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "clean exit on SIGTERM";
}
#endif

}  // namespace
