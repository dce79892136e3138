// civo-sim: a local Civo API on loopback for tests, demos and benchmarks.
// A real HTTP server (cpp-httplib), so clients exercise their real network
// path. Besides the Civo API under /v2, it answers admin endpoints under
// /_sim (knobs, request log, counters, state dump, out-of-band changes).
#ifndef SIM_SIMULATOR_H_
#define SIM_SIMULATOR_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sim/sim_config.h"

namespace civosim {

struct SimOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  int threads = 64;  // keep-alive connections each hold a worker: size for many clients
  SimConfig config;
};

struct LogEntry {
  uint64_t seq = 0;
  std::string method, path, query, body;
  std::string user_agent;
  bool authorized = false;  // whether the bearer token matched (the token itself is never logged)
  int status = 0;  // 0: no answer (the connection was dropped)
  double start_ms = 0;  // since the simulator started
  double end_ms = 0;
  // "", "random", "rate_limit", "fail_next", "ambiguous_create", "ambiguous"
  // (carried out, answered 5xx), "drop" (carried out, no answer),
  // "drop_unperformed" (not carried out, no answer)
  std::string fault;
};

struct SimStats {
  uint64_t requests = 0;     // API requests (not /_sim)
  uint64_t connections = 0;  // TCP connections accepted
  uint64_t faults = 0;       // injected failures, rate limiting included
  uint64_t rate_limited = 0;
};

class World;

class Simulator {
 public:
  explicit Simulator(SimOptions options);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Binds and starts serving on a background thread. False if binding failed.
  bool Start();
  void Stop();
  int port() const { return port_; }
  std::string url() const;

  SimConfig config() const;
  void UpdateConfig(const std::function<void(SimConfig&)>& change);
  std::vector<LogEntry> Log() const;
  void ClearLog();
  SimStats Stats() const;
  void ResetStats();
  std::string StateJson() const;
  bool DeleteInstanceOutOfBand(const std::string& id);
  // Changes instance fields behind the API's back (drift); `json` as for
  // PATCH /_sim/instances/{id}: hostname, notes, tags, size, status, firewall_id.
  // Returns the HTTP status the admin endpoint would answer.
  int PatchInstanceOutOfBand(const std::string& id, const std::string& json);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace civosim

#endif  // SIM_SIMULATOR_H_
