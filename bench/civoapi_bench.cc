// civoapi_bench: requests per second and TCP connections opened by the Civo
// client against an in-process simulator, for 1,000 sequential and 1,000
// concurrent GETs. Prints a markdown table on stdout.
//
//   civoapi_bench [--requests 1000] [--threads 10] [--latency-ms 0]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "civoapi/client.h"
#include "sim/simulator.h"

namespace {

struct Row {
  std::string name;
  int requests = 0;
  int failures = 0;
  double seconds = 0;
  uint64_t connections = 0;
};

std::unique_ptr<civoapi::Client> NewClient(const std::string& url) {
  civoapi::ClientOptions o;
  o.api_url = url;
  o.token = "bench-token";
  o.region = "LON1";
  auto c = civoapi::Client::Create(o);
  if (!c.ok()) {
    std::fprintf(stderr, "client: %s\n", std::string(c.status().message()).c_str());
    std::exit(1);
  }
  return std::move(*c);
}

civoapi::CallOptions Opts() {
  civoapi::CallOptions o;
  o.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  return o;
}

template <typename F>
Row Measure(const std::string& name, civosim::Simulator& sim, int requests, F&& body) {
  sim.ResetStats();
  auto start = std::chrono::steady_clock::now();
  int failures = body();
  Row r;
  r.name = name;
  r.requests = requests;
  r.failures = failures;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.connections = sim.Stats().connections;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int requests = 1000, threads = 10, latency_ms = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--requests")) requests = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--latency-ms")) latency_ms = std::atoi(argv[i + 1]);
  }
  if (requests <= 0 || threads <= 0) return 2;

  civosim::SimOptions so;
  so.config.token = "bench-token";
  so.config.build_time = std::chrono::milliseconds(0);
  so.config.latency = std::chrono::milliseconds(latency_ms);
  civosim::Simulator sim(so);
  if (!sim.Start()) return 1;

  auto client = NewClient(sim.url());
  civoapi::CreateInstanceRequest req;
  req.hostname = "bench";
  req.size = "g3.small";
  req.template_id = "ubuntu-jammy";
  auto inst = client->CreateInstance(req, Opts());
  if (!inst.ok()) {
    std::fprintf(stderr, "create: %s\n", std::string(inst.status().message()).c_str());
    return 1;
  }
  const std::string id = inst->id;
  client.reset();  // each scenario starts with a cold client

  std::vector<Row> rows;
  rows.push_back(Measure("sequential GET /v2/instances/{id}", sim, requests, [&] {
    auto c = NewClient(sim.url());
    int failures = 0;
    for (int n = 0; n < requests; ++n) failures += c->GetInstance(id, Opts()).ok() ? 0 : 1;
    return failures;
  }));
  rows.push_back(Measure("concurrent GET, " + std::to_string(threads) + " threads, one client", sim, requests, [&] {
    auto c = NewClient(sim.url());
    std::atomic<int> failures{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < threads; ++t) {
      ts.emplace_back([&, t] {
        for (int n = t; n < requests; n += threads) {
          if (!c->GetInstance(id, Opts()).ok()) ++failures;
        }
      });
    }
    for (auto& th : ts) th.join();
    return failures.load();
  }));
  int baseline = std::min(requests, 200);
  rows.push_back(Measure("baseline: new client per GET (no reuse)", sim, baseline, [&] {
    int failures = 0;
    for (int n = 0; n < baseline; ++n) failures += NewClient(sim.url())->GetInstance(id, Opts()).ok() ? 0 : 1;
    return failures;
  }));

  std::printf("| scenario | requests | failures | seconds | requests/s | TCP connections opened |\n");
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  for (const Row& r : rows) {
    std::printf("| %s | %d | %d | %.3f | %.0f | %llu |\n", r.name.c_str(), r.requests, r.failures, r.seconds,
                r.requests / r.seconds, static_cast<unsigned long long>(r.connections));
  }
  std::printf("\nSimulator on 127.0.0.1 in the same process, %d ms added latency.\n", latency_ms);
  sim.Stop();
  bool ok = true;
  for (const Row& r : rows) ok = ok && r.failures == 0;
  return ok ? 0 : 1;
}
