// Fresh reads of instances, shared between the threads that want them.
//
// Why: Terraform reads and waits on many instances at once (refresh, the
// build wait after create, the wait for a deleted instance to go), and each
// used to cost one GET /v2/instances/{id} per look. Civo limits requests per
// account, so at scale every call is wall time. One page of the region's
// instance list answers for every instance in it; when several reads of one
// region are due together, one list call serves them all.
//
// Freshness is never traded: a read is answered only by a response to a
// request sent after the read began (a list already in flight when a read
// arrives does not answer it; the read waits for the next one). So a
// coalesced read sees everything a GET sent at the same moment would see,
// drift included.
//
// Absence: an instance missing from a list that came in one page is gone
// (what a GET's 404 says). From a list of several pages absence proves
// nothing (items shift between pages when others are deleted), so those
// reads fall back to their own GET.
//
// When not to coalesce: a lone read (no other read of the region in the last
// moments) goes out at once as a GET. A list that came in one page costs one
// call, as a GET does, and answers every waiting read, so it is used whenever
// another read waits; a list of several pages (learned from the last one)
// only when it replaces more GETs than it costs.
#ifndef CIVOAPI_INSTANCE_READS_H_
#define CIVOAPI_INSTANCE_READS_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "civoapi/client.h"
#include "civoapi/models.h"

namespace civoapi {

// One page of an instance list: the page count the server reported, and the
// items whose id was asked for (the others are skipped while parsing).
struct InstanceListPage {
  int pages = 1;
  std::map<std::string, Instance> wanted;
};

class InstanceReads {
 public:
  using Clock = std::chrono::steady_clock;
  struct Fetchers {
    std::function<absl::StatusOr<Instance>(const std::string& id, const CallOptions& opts)> get;
    std::function<absl::StatusOr<InstanceListPage>(int page, const std::set<std::string>& wanted,
                                                   const CallOptions& opts)>
        list_page;
  };

  // A read for now waits this long for companions when others are reading too.
  static constexpr std::chrono::milliseconds kGather{40};
  // A list waits this long after the region's last answer: the readers it
  // answered that poll again (each on its own schedule, often at once) are
  // back in the queue by then, so one list answers them all again.
  static constexpr std::chrono::milliseconds kRegroup{5};
  // A read less than this after another of its region is taken for one of
  // a burst (Terraform refreshes in rounds of its parallelism, seconds apart
  // when its own work between rounds is slow).
  static constexpr std::chrono::milliseconds kBusyWindow{10000};

  InstanceReads(Fetchers fetchers, std::function<void(const std::string&)> log);

  // The instance as a GET sent now would show it (NotFound when it is gone),
  // read no earlier than `not_before` unless a list another reader triggered
  // answers it sooner. `region` keys the sharing (the caller's resolved region).
  // A read for now (`not_before` not in the future) in a busy region waits
  // kGather for companions; one for a later moment (a poll's schedule) does
  // not: its moment was chosen.
  absl::StatusOr<Instance> Read(const std::string& id, const std::string& region, Clock::time_point not_before,
                                const CallOptions& opts);

  // Counters for tests and logs.
  struct Stats {
    uint64_t reads = 0;
    uint64_t gets = 0;
    uint64_t lists = 0;        // list fetches (each may be several pages)
    uint64_t served_by_list = 0;
  };
  Stats stats() const;

 private:
  struct Pending;
  struct Region {
    std::vector<std::shared_ptr<Pending>> pending;
    bool list_in_flight = false;
    Clock::time_point last_read{};
    Clock::time_point last_answer{};
    int pages_estimate = 1;
  };

  void Log(const std::string& line) const;
  // Runs one list for `region` on behalf of every pending read in it; called
  // with `lock` held, releases it during the calls.
  void ListFor(Region& r, Pending* leader, std::unique_lock<std::mutex>& lock, const CallOptions& opts);

  Fetchers fetchers_;
  std::function<void(const std::string&)> log_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Region> regions_;
  Stats stats_;
};

}  // namespace civoapi

#endif  // CIVOAPI_INSTANCE_READS_H_
