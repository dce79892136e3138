#include "civoapi/instance_reads.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"

namespace civoapi {

struct InstanceReads::Pending {
  std::string id;
  Clock::time_point due;
  bool in_batch = false;  // taken by a list in flight
  bool own_get = false;   // a list could not answer it: it reads itself
  bool done = false;
  absl::StatusOr<Instance> result = absl::UnknownError("unset");
};

namespace {

constexpr std::chrono::milliseconds kCheckCancel{50};
// A server announcing more pages than this is not followed further.
constexpr int kMaxPages = 1000;

absl::Status Gone(const std::string& id) {
  return MakeApiError(ApiError{404, "database_instance_find",
                               absl::StrCat("The instance ", id, " could not be found (not in the instance list)"),
                               "", false});
}

}  // namespace

InstanceReads::InstanceReads(Fetchers fetchers, std::function<void(const std::string&)> log)
    : fetchers_(std::move(fetchers)), log_(std::move(log)) {}

void InstanceReads::Log(const std::string& line) const {
  if (log_) log_(line);
}

InstanceReads::Stats InstanceReads::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

absl::StatusOr<Instance> InstanceReads::Read(const std::string& id, const std::string& region,
                                             Clock::time_point not_before, const CallOptions& opts) {
  std::unique_lock<std::mutex> lock(mu_);
  Region& r = regions_[region];
  auto now = Clock::now();
  ++stats_.reads;
  auto me = std::make_shared<Pending>();
  me->id = id;
  me->due = std::max(now, not_before);
  // Others reading this region now or a moment ago: this read is probably
  // one of a burst (Terraform's parallelism), so it waits a little for the
  // rest of the burst to share one call.
  const bool busy = !r.pending.empty() || (r.last_read != Clock::time_point{} && now - r.last_read < kBusyWindow);
  r.last_read = now;
  if (busy && not_before <= now && me->due < now + kGather) me->due = now + kGather;
  r.pending.push_back(me);
  auto leave = [&] {
    r.pending.erase(std::remove(r.pending.begin(), r.pending.end(), me), r.pending.end());
  };

  while (true) {
    if (me->done) {
      leave();
      return me->result;
    }
    now = Clock::now();
    if (opts.cancel != nullptr && opts.cancel->cancelled()) {
      leave();
      return absl::CancelledError("Civo API call cancelled");
    }
    if (now >= opts.deadline) {
      leave();
      return MakeApiError(ApiError{0, "timeout", "deadline passed before the instance was read", "", false});
    }
    const auto regrouped = r.last_answer + kRegroup;
    if (!me->in_batch && now >= me->due && (me->own_get || (!r.list_in_flight && now >= regrouped))) {
      int due_soon = 0, waiting = 0;
      for (const auto& p : r.pending) {
        if (p->in_batch || p->own_get || p->done) continue;
        ++waiting;
        if (p->due <= now + kGather) ++due_soon;
      }
      // A one-page list costs what this read's GET costs and answers every
      // waiting read too (those not yet due get a fresh look for free); a
      // list of several pages only when it replaces more GETs than it costs.
      const bool list = waiting >= 2 && (r.pages_estimate == 1 || due_soon > r.pages_estimate);
      if (!me->own_get && list) {
        ListFor(r, me.get(), lock, opts);
        continue;
      }
      me->own_get = true;
      ++stats_.gets;
      lock.unlock();
      absl::StatusOr<Instance> got = fetchers_.get(id, opts);
      lock.lock();
      leave();
      return got;
    }
    Clock::time_point until = now + kCheckCancel;
    if (!me->in_batch && !r.list_in_flight) until = std::min(until, std::max(me->due, regrouped));
    cv_.wait_until(lock, std::min(until, opts.deadline));
  }
}

void InstanceReads::ListFor(Region& r, Pending* leader, std::unique_lock<std::mutex>& lock,
                            const CallOptions& opts) {
  // Everyone waiting now is in: each arrived before the list is sent.
  std::vector<std::shared_ptr<Pending>> batch;
  std::set<std::string> wanted;
  for (const auto& p : r.pending) {
    if (p->in_batch || p->own_get || p->done) continue;
    p->in_batch = true;
    batch.push_back(p);
    wanted.insert(p->id);
  }
  r.list_in_flight = true;
  ++stats_.lists;
  lock.unlock();

  std::map<std::string, Instance> found;
  int pages = 1;
  absl::Status err;
  for (int page = 1; page <= pages && page <= kMaxPages; ++page) {
    absl::StatusOr<InstanceListPage> got = fetchers_.list_page(page, wanted, opts);
    if (!got.ok()) {
      err = got.status();
      break;
    }
    pages = std::max(1, got->pages);
    found.merge(got->wanted);
  }

  lock.lock();
  r.list_in_flight = false;
  r.last_answer = Clock::now();
  if (err.ok()) r.pages_estimate = pages;
  size_t served = 0;
  for (const auto& p : batch) {
    p->in_batch = false;
    if (!err.ok()) {
      // The leader owns its failure; the others read for themselves rather
      // than each repeating a list that just failed.
      if (p.get() == leader) {
        p->done = true;
        p->result = err;
      } else {
        p->own_get = true;
      }
      continue;
    }
    auto it = found.find(p->id);
    if (it != found.end()) {
      p->done = true;
      p->result = it->second;
      ++served;
    } else if (pages == 1) {
      p->done = true;
      p->result = Gone(p->id);
      ++served;
    } else {
      p->own_get = true;  // absence from a multi-page list proves nothing
    }
  }
  stats_.served_by_list += served;
  if (log_) {
    Log(absl::StrCat("civoapi: one instance list (", pages, pages == 1 ? " page" : " pages", ") answered ", served,
                     " of ", batch.size(), " reads", err.ok() ? "" : absl::StrCat(" (failed: ", err.message(), ")")));
  }
  cv_.notify_all();
}

}  // namespace civoapi
