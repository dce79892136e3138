// A Civo client talking to an in-process simulator on 127.0.0.1:0.
#ifndef TESTS_CIVOAPI_SIM_FIXTURE_H_
#define TESTS_CIVOAPI_SIM_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "civoapi/client.h"
#include "sim/simulator.h"

namespace civoapi_test {

inline constexpr char kToken[] = "tok-SECRET-5f1c9a7e";

class SimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    civosim::SimOptions o;
    o.config.token = kToken;
    o.config.build_time = std::chrono::milliseconds(200);
    o.config.action_time = std::chrono::milliseconds(100);
    sim_ = std::make_unique<civosim::Simulator>(o);
    ASSERT_TRUE(sim_->Start());
    client_ = MakeClient(kToken);
  }

  std::unique_ptr<civoapi::Client> MakeClient(const std::string& token, int page_size = 100,
                                              std::string url = "") {
    civoapi::ClientOptions co;
    co.api_url = url.empty() ? sim_->url() : url;
    co.token = token;
    co.region = "LON1";
    co.page_size = page_size;
    co.initial_backoff = std::chrono::milliseconds(20);
    co.max_backoff = std::chrono::milliseconds(200);
    co.debug_log = [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(log_mu_);
      debug_lines_.push_back(line);
    };
    auto c = civoapi::Client::Create(co);
    EXPECT_TRUE(c.ok()) << c.status();
    return std::move(*c);
  }

  static civoapi::CallOptions Opts(std::chrono::milliseconds budget = std::chrono::seconds(20)) {
    civoapi::CallOptions o;
    o.deadline = std::chrono::steady_clock::now() + budget;
    return o;
  }

  std::string DefaultNetworkId() {
    auto nets = client_->ListNetworks(Opts());
    EXPECT_TRUE(nets.ok()) << nets.status();
    for (const auto& n : *nets) {
      if (n.is_default) return n.id;
    }
    return "";
  }

  civoapi::CreateInstanceRequest Req(const std::string& name, const std::string& size = "g3.small") {
    civoapi::CreateInstanceRequest r;
    r.hostname = name;
    r.size = size;
    r.template_id = "9d5ea2e3-0a6c-4f43-a45e-06a5e2a9c9b1";  // ubuntu-jammy in the simulator
    r.network_id = network_id_.empty() ? (network_id_ = DefaultNetworkId()) : network_id_;
    return r;
  }

  civoapi::Instance CreateActive(const std::string& name, const std::string& size = "g3.small") {
    auto i = client_->CreateInstance(Req(name, size), Opts());
    EXPECT_TRUE(i.ok()) << i.status();
    if (!i.ok()) return {};
    auto a = client_->WaitInstance(i->id, [](const civoapi::Instance& x) { return x.status == "ACTIVE"; }, Opts());
    EXPECT_TRUE(a.ok()) << a.status();
    return a.ok() ? *a : civoapi::Instance{};
  }

  std::vector<civosim::LogEntry> ApiLog(const std::string& method, const std::string& path_prefix) {
    std::vector<civosim::LogEntry> out;
    for (auto& e : sim_->Log()) {
      if (e.method == method && e.path.rfind(path_prefix, 0) == 0) out.push_back(e);
    }
    return out;
  }

  std::vector<std::string> DebugLines() {
    std::lock_guard<std::mutex> lock(log_mu_);
    return debug_lines_;
  }

  std::unique_ptr<civosim::Simulator> sim_;
  std::unique_ptr<civoapi::Client> client_;
  std::string network_id_;
  std::mutex log_mu_;
  std::vector<std::string> debug_lines_;
};

}  // namespace civoapi_test

#endif  // TESTS_CIVOAPI_SIM_FIXTURE_H_
