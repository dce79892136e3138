// The simulator's knobs: set at start (command line) and changed at run time
// through POST /_sim/config or Simulator::UpdateConfig.
#ifndef SIM_SIM_CONFIG_H_
#define SIM_SIM_CONFIG_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace civosim {

struct SimConfig {
  std::string token;                        // the only bearer token accepted
  std::vector<std::string> regions = {"LON1", "NYC1", "FRA1"};
  std::chrono::milliseconds build_time{2000};   // BUILDING -> ACTIVE
  std::chrono::milliseconds action_time{500};   // REBOOTING, DELETING, attaching, detaching
  std::chrono::milliseconds latency{0};         // added to every API request
  double fault_rate = 0;                    // share of API requests answered 5xx (seeded)
  uint64_t fault_seed = 1;
  double rate_limit = 0;                    // requests per second; 0 = unlimited
  int rate_limit_retry_after_s = 0;         // 0: computed from the bucket
  int ambiguous_creates = 0;                // next N instance creates: performed, then 502
  int ambiguous_create_status = 502;
  // The next N API requests matching method and path prefix are carried out,
  // then answered `ambiguous_status` (500, 502 or 504: the client cannot tell
  // whether anything was done). The answer replaces whatever the API said.
  int ambiguous_next = 0;
  int ambiguous_status = 502;
  std::string ambiguous_method;             // empty: any method
  std::string ambiguous_path_prefix;        // empty: any path
  // The next N matching API requests are received (and carried out when
  // `drop_perform`), then the connection is closed without an answer.
  int drop_next = 0;
  bool drop_perform = true;
  std::string drop_method;                  // empty: any method
  std::string drop_path_prefix;             // empty: any path
  int fail_next = 0;                        // next N matching API requests fail with fail_status
  int fail_status = 503;
  int fail_retry_after_s = -1;              // -1: no Retry-After header
  std::string fail_path_prefix;             // empty: any path
  std::string fail_method;                  // empty: any method
  int instance_quota = 1000;
  int default_per_page = 20;
};

}  // namespace civosim

#endif  // SIM_SIM_CONFIG_H_
