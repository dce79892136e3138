// The local Civo API simulator (`civo-sim`) as the end-to-end tests use it:
// started on 127.0.0.1:0 per test, called over real HTTP (the same Civo API
// the provider calls, plus the simulator's /_sim admin endpoints for knobs,
// the request log and out-of-band changes), killed at teardown.
#ifndef TESTS_E2E_SIM_H_
#define TESTS_E2E_SIM_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/json.h"
#include "tests/e2e/process.h"

namespace e2e {

struct SimOptions {
  std::string build_time = "300ms";
  std::vector<std::string> extra_args;  // further civo-sim flags
};

// One request the simulator answered.
struct SimRequest {
  size_t index = 0;  // position in the log
  std::string method;
  std::string path;   // without the query string
  std::string query;  // may be empty
  int status = 0;     // 0: no answer (the simulator dropped the connection)
  std::string body;   // request body when the log keeps it
  std::string fault;  // the simulator's fault_kind: "" when none was injected
  std::string ToString() const;
};

struct HttpAnswer {
  int status = 0;  // 0: no answer (connection failed)
  std::string body;
  Json json() const { return Json::Parse(body); }
};

class Sim {
 public:
  // Starts civo-sim; `dir` receives its stdout/stderr files.
  static std::unique_ptr<Sim> Start(const SimOptions& options, const std::string& dir,
                                    std::string* error);
  ~Sim();

  const std::string& url() const { return url_; }
  const std::string& token() const { return token_; }

  // A Civo API call as a client would make it (bearer token; `region`
  // added to the query when the path has none).
  HttpAnswer Api(const std::string& method, const std::string& path, const std::string& body = "",
                 const std::string& region = "LON1");
  // A /_sim admin call.
  HttpAnswer Admin(const std::string& method, const std::string& path,
                   const std::string& body = "");

  // The request log, admin calls left out.
  std::vector<SimRequest> Log();
  // The log entries that change something (POST/PUT/PATCH/DELETE), from
  // `since` (a log size taken earlier) on.
  std::vector<SimRequest> MutatingCalls(size_t since = 0);
  static std::string Describe(const std::vector<SimRequest>& requests);

  // ---- seed data and objects the tests need (through the Civo API) ----
  std::string DefaultNetworkId(const std::string& region = "LON1");
  std::string NetworkName(const std::string& id, const std::string& region = "LON1");
  std::string CreateNetwork(const std::string& label, const std::string& region = "LON1");
  // The firewall the simulator gave the network (its admin state; the Civo
  // API never says which firewall is a network's default).
  std::string DefaultFirewallId(const std::string& network_id, const std::string& region = "LON1");
  std::string CreateFirewall(const std::string& name, const std::string& network_id,
                             const std::string& region = "LON1", bool allow_duplicate_name = false);
  std::string CreateVolume(const std::string& name, const std::string& network_id,
                           const std::string& region = "LON1");
  std::string CreateReservedIp(const std::string& name, const std::string& region = "LON1");
  std::string CreateSshKey(const std::string& name);
  // An instance created straight through the API (as the Civo CLI or the
  // web console would), for import and drift scenarios; "" on failure.
  std::string CreateInstance(const std::string& hostname, const std::string& size,
                             const std::string& image, const std::string& network_id,
                             const std::string& region = "LON1");

  // Instances that exist (any status but gone), from the Civo API.
  std::vector<Json> Instances(const std::string& region = "LON1");
  std::vector<std::string> InstanceIds(const std::string& region = "LON1");
  std::optional<Json> Instance(const std::string& id, const std::string& region = "LON1");
  std::optional<Json> Volume(const std::string& id, const std::string& region = "LON1");
  std::optional<Json> ReservedIp(const std::string& id, const std::string& region = "LON1");

  // ---- out-of-band changes and faults (admin endpoints) ----
  bool DeleteInstanceOutOfBand(const std::string& id);
  bool SetHostnameOutOfBand(const std::string& id, const std::string& hostname);
  // Fault knobs; each returns false when the simulator refused the knob.
  bool FaultRate5xx(double rate);  // share of API calls answered 5xx
  bool RateLimit429();             // a storm of 429 with Retry-After
  bool AmbiguousCreate502();       // next instance create: created, answered 502
  bool FailVolumeAttach();         // attaching volumes fails (permanently)
  // The next `count` API calls matching `method` and `path_prefix` are
  // carried out, then answered `status` (500, 502 or 504).
  bool AmbiguousNext(const std::string& method, const std::string& path_prefix, int status = 502,
                     int count = 1);
  // The next `count` matching calls are received (and carried out when
  // `perform`), then the connection is closed without an answer.
  bool DropNext(const std::string& method, const std::string& path_prefix, bool perform = true,
                int count = 1);
  bool ClearFaults();
  bool SetBuildTimeMs(int ms);

  // Sizes as the simulator offers them: name, disk_gb (for choosing sizes).
  struct SizeInfo {
    std::string name;
    int cpu = 0, ram_mb = 0, disk_gb = 0;
  };
  std::vector<SizeInfo> Sizes();
  std::string ImageName(size_t which = 0);  // the n-th available disk image name

 private:
  Sim() = default;
  std::optional<Process> process_;
  std::string url_;
  std::string host_;
  int port_ = 0;
  std::string token_;
};

}  // namespace e2e

#endif  // TESTS_E2E_SIM_H_
