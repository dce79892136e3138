// tfplugin_startup_bench BINARY [RUNS]: launches a provider plugin as
// Terraform does, RUNS times (default 30), and prints the median and p90 of
//   handshake_ms  exec -> handshake line read from stdout
//   rss_kb        VmRSS after one GetProviderSchema
//   hwm_kb        VmHWM (peak RSS) at that point
//   rss_anon_kb / rss_file_kb  the split of VmRSS (heap+stacks / mapped code)
// as one JSON object. Not a test: numbers for the README and BENCHMARKS.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/tfplugin_test_client.h"

namespace {

long StatusKb(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

double Pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PROVIDER_BINARY [RUNS]\n", argv[0]);
    return 2;
  }
  int runs = argc > 2 ? std::stoi(argv[2]) : 30;
  std::vector<double> hs, rss, hwm, anon, file;
  for (int i = 0; i < runs; ++i) {
    tfplugin_test::LaunchOptions o;
    o.binary = argv[1];
    o.env = {{"TF_LOG", std::nullopt}, {"TF_LOG_PROVIDER", std::nullopt}};
    auto start = std::chrono::steady_clock::now();
    auto p = tfplugin_test::ProviderProcess::Launch(o);
    auto took = std::chrono::steady_clock::now() - start;
    if (!p.ok()) {
      std::fprintf(stderr, "launch failed: %s\n", std::string(p.status().message()).c_str());
      return 1;
    }
    // Launch also makes the client certificate (~0.2 ms) before exec; the
    // time is dominated by the child's start-up.
    hs.push_back(std::chrono::duration<double, std::milli>(took).count());
    grpc::ClientContext ctx;
    tfplugin6::GetProviderSchema_Request req;
    tfplugin6::GetProviderSchema_Response resp;
    if (!(*p)->provider().GetProviderSchema(&ctx, req, &resp).ok()) return 1;
    rss.push_back(static_cast<double>(StatusKb((*p)->pid(), "VmRSS")));
    hwm.push_back(static_cast<double>(StatusKb((*p)->pid(), "VmHWM")));
    anon.push_back(static_cast<double>(StatusKb((*p)->pid(), "RssAnon")));
    file.push_back(static_cast<double>(StatusKb((*p)->pid(), "RssFile")));
    (*p)->Shutdown(std::chrono::seconds(2));
  }
  std::printf(
      "{\"binary\":\"%s\",\"runs\":%d,\"handshake_ms_median\":%.2f,\"handshake_ms_p90\":%.2f,"
      "\"rss_kb_median\":%.0f,\"hwm_kb_median\":%.0f,\"rss_anon_kb_median\":%.0f,"
      "\"rss_file_kb_median\":%.0f}\n",
      argv[1], runs, Pct(hs, 0.5), Pct(hs, 0.9), Pct(rss, 0.5), Pct(hwm, 0.5), Pct(anon, 0.5),
      Pct(file, 0.5));
  return 0;
}
