// The Civo endpoints, one small method each. Paths and bodies follow the
// public API as the civogo client uses it.
#include <algorithm>
#include <optional>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "civoapi/civo_client.h"
#include "civoapi/errors.h"
#include "civoapi/instance_list_scan.h"
#include "civoapi/json_fields.h"
#include "civoapi/models_json.h"
#include "civoapi/path_ids.h"
#include "civoapi/poll_schedule.h"

namespace civoapi {
namespace {

bool HasTerminalFailure(const std::string& status) {
  std::string s = absl::AsciiStrToUpper(status);
  return s == "ERROR" || s == "FAILED" || s == "BUILD_FAILED";
}

bool SleepOrCancel(const std::shared_ptr<const CancelToken>& cancel, std::chrono::milliseconds d) {
  if (cancel != nullptr) return cancel->SleepFor(d);
  std::this_thread::sleep_for(d);
  return true;
}

// Polls `get` until `pred` holds, on a PollSchedule (see poll_schedule.h).
// `get(t)` reads the object no earlier than t (it may be answered sooner by
// a read shared with other waiters: instance_reads.h); the schedule says t:
// the first poll is immediate and tells which status the object is in; how
// long objects stayed in that status before (learned in `dwell`, keyed by
// `kind`, status and `determined_by`, e.g. size and image) decides when to
// look again. Each poll is logged (object, status, next poll) through `log`.
// `known`: the object's status was just seen (e.g. in the create call's
// answer), so the wait starts from then and needs no first poll.
struct KnownStart {
  std::chrono::steady_clock::time_point at;
  std::string status;
  std::string determined_by;
};

template <typename T>
absl::StatusOr<T> Poll(const std::string& what, const std::string& kind,
                       const std::function<absl::StatusOr<T>(std::chrono::steady_clock::time_point)>& get,
                       const std::function<bool(const T&)>& pred,
                       const std::function<std::string(const T&)>& status,
                       const std::function<std::string(const T&)>& determined_by, StatusDwellTimes& dwell,
                       const CallOptions& opts, const std::function<void(const std::string&)>& log,
                       const std::optional<KnownStart>& known = std::nullopt) {
  using std::chrono::duration_cast;
  using ms = std::chrono::milliseconds;
  const auto start = known.has_value() ? known->at : std::chrono::steady_clock::now();
  auto since_start = [&] { return duration_cast<ms>(std::chrono::steady_clock::now() - start); };
  std::optional<PollSchedule> schedule;
  std::string first_status;  // the status being waited out
  std::string dwell_key;     // where its dwell time is learned
  bool same_status = true;   // still the status first seen (so the dwell time means something)
  std::optional<ms> last_miss;
  std::string last = "unknown";
  auto next_at = start;
  if (known.has_value()) {
    first_status = last = known->status;
    dwell_key = StatusDwellTimes::DwellKey(kind, first_status, known->determined_by);
    schedule.emplace(dwell.Expected(dwell_key), dwell.RoundTrip());
    next_at = start + schedule->Next(since_start());
  }
  while (true) {
    if (opts.cancel != nullptr && opts.cancel->cancelled()) return absl::CancelledError("wait cancelled");
    absl::StatusOr<T> cur = get(next_at);
    if (!cur.ok()) return cur.status();
    if (pred(*cur)) {
      if (schedule.has_value() && same_status) {
        dwell.Record(dwell_key, last_miss, since_start(), schedule->Resolution());
      }
      return cur;
    }
    last = status(*cur);
    const ms missed_at = since_start();
    last_miss = missed_at;
    if (!schedule.has_value()) {
      first_status = last;
      dwell_key = StatusDwellTimes::DwellKey(kind, first_status, determined_by(*cur));
      schedule.emplace(dwell.Expected(dwell_key), dwell.RoundTrip());
    } else if (last != first_status) {
      same_status = false;
    }
    if (HasTerminalFailure(last)) {
      return absl::FailedPreconditionError(absl::StrCat(what, " reached status ", last));
    }
    auto now = std::chrono::steady_clock::now();
    if (now >= opts.deadline) {
      return absl::DeadlineExceededError(absl::StrCat("timed out waiting for ", what, " (last status ", last, ")"));
    }
    auto sleep = std::min(schedule->Next(missed_at), duration_cast<ms>(opts.deadline - now));
    log(absl::StrCat("civoapi: waiting for ", what, ": status ", last, " after ", missed_at.count(),
                     " ms, next poll in ", sleep.count(), " ms"));
    next_at = now + sleep;
  }
}

}  // namespace

// ---- Instances ----

absl::StatusOr<Instance> CivoClient::CreateInstance(const CreateInstanceRequest& req, const CallOptions& opts) {
  auto d = Call("POST", "/v2/instances", {}, CreateInstanceBody(req, RegionFor(opts)), opts,
                RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  Instance i = ParseInstance(*d);
  if (i.id.empty()) {
    // The call succeeded but we cannot tell what it made: as ambiguous as a 502.
    return MakeApiError(ApiError{200, "unexpected_response", "create response has no instance id", "", true});
  }
  if (!i.status.empty()) {
    // The answer says how the build starts: a wait for it can begin from
    // here without a first poll.
    std::lock_guard<std::mutex> lock(created_mu_);
    if (created_.size() >= 4096) created_.clear();  // waits that never came
    created_[i.id] = CreatedRecord{std::chrono::steady_clock::now(), i.status, i.size + "/" + i.source_id};
  }
  return i;
}

absl::StatusOr<Instance> CivoClient::GetInstance(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("instance");
  return reads_.Read(id, RegionFor(opts), std::chrono::steady_clock::now(), opts);
}

absl::StatusOr<Instance> CivoClient::GetOneInstance(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("instance");
  auto d = Call("GET", "/v2/instances/" + PathSegment(id), {}, "", opts, RetryMode::kAllTransient);
  if (!d.ok()) return d.status();
  return ParseInstance(*d);
}

absl::StatusOr<InstanceListPage> CivoClient::ListInstancesPage(int page, const std::set<std::string>& wanted,
                                                               const CallOptions& opts) {
  Query q = {{"page", std::to_string(page)}, {"per_page", std::to_string(options_.read_list_page_size)}};
  auto body = CallForBody("GET", "/v2/instances", q, "", opts, RetryMode::kAllTransient);
  if (!body.ok()) return body.status();
  // Only the instances asked for are parsed; the rest of the account is skipped.
  return ScanInstanceListPage(*body, wanted);
}

absl::StatusOr<std::vector<Instance>> CivoClient::ListInstances(const CallOptions& opts, const std::string& tag) {
  Query q;
  if (!tag.empty()) q.emplace_back("tags", tag);
  auto all = ListPaged<Instance>("/v2/instances", q, opts, &ParseInstance);
  if (!all.ok() || tag.empty()) return all;
  // The server filters by tag; filtering again here keeps the promise even
  // against a server that ignores the parameter.
  std::vector<Instance> out;
  for (Instance& i : *all) {
    if (std::find(i.tags.begin(), i.tags.end(), tag) != i.tags.end()) out.push_back(std::move(i));
  }
  return out;
}

absl::Status CivoClient::UpdateInstanceHostname(const std::string& id, const std::string& hostname,
                                                const CallOptions& opts) {
  if (id.empty()) return EmptyId("instance");
  return Call("PUT", "/v2/instances/" + PathSegment(id), {}, Body({{"hostname", hostname}}, opts), opts,
              RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::UpdateInstanceNotes(const std::string& id, const std::string& notes,
                                             const CallOptions& opts) {
  if (id.empty()) return EmptyId("instance");
  std::vector<std::pair<std::string, std::string>> fields = {{"notes", notes}};
  if (notes.empty()) fields.emplace_back("notes_delete", "true");
  return Call("PUT", "/v2/instances/" + PathSegment(id), {}, Body(fields, opts), opts, RetryMode::kOnlyIfNothingDone).status();
}

absl::Status CivoClient::SetInstanceTags(const std::string& id, const std::vector<std::string>& tags,
                                         const CallOptions& opts) {
  if (id.empty()) return EmptyId("instance");
  return Call("PUT", "/v2/instances/" + PathSegment(id) + "/tags", {}, Body({{"tags", absl::StrJoin(tags, " ")}}, opts),
              opts, RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::ResizeInstance(const std::string& id, const std::string& size, const CallOptions& opts) {
  if (id.empty()) return EmptyId("instance");
  return Call("PUT", "/v2/instances/" + PathSegment(id) + "/resize", {}, Body({{"size", size}}, opts), opts,
              RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::SetInstanceFirewall(const std::string& id, const std::string& firewall_id,
                                             const CallOptions& opts) {
  if (id.empty()) return EmptyId("instance");
  return Call("PUT", "/v2/instances/" + PathSegment(id) + "/firewall", {}, Body({{"firewall_id", firewall_id}}, opts),
              opts, RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::DeleteInstance(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("instance");
  absl::Status s = Call("DELETE", "/v2/instances/" + PathSegment(id), {}, "", opts, RetryMode::kOnlyIfNothingDone).status();
  if (s.ok()) {
    // Accepted: a wait for the instance to go can start from here without a
    // first poll (its schedule is learned apart from waits that looked first).
    std::lock_guard<std::mutex> lock(created_mu_);
    if (created_.size() >= 4096) created_.clear();
    created_[id] = CreatedRecord{std::chrono::steady_clock::now(), "DELETING", "after-delete-call"};
  }
  return s;
}

absl::StatusOr<Instance> CivoClient::WaitInstance(const std::string& id,
                                                  const std::function<bool(const Instance&)>& pred,
                                                  const CallOptions& opts) {
  const std::string region = RegionFor(opts);
  std::optional<KnownStart> known;
  {
    std::lock_guard<std::mutex> lock(created_mu_);
    if (auto it = created_.find(id); it != created_.end()) {
      // Only a wait that would accept nothing in the state the create left.
      Instance as_created;
      as_created.id = id;
      as_created.status = it->second.status;
      if (!pred(as_created)) known = KnownStart{it->second.at, it->second.status, it->second.determined_by};
      created_.erase(it);
    }
  }
  return Poll<Instance>(
      "instance " + id, "instance",
      [&](std::chrono::steady_clock::time_point not_before) { return reads_.Read(id, region, not_before, opts); },
      pred,
      [](const Instance& i) { return i.status; },
      [](const Instance& i) { return i.size + "/" + i.source_id; }, dwell_, opts,
      [this](const std::string& line) { Log(line); }, known);
}

// ---- Catalogue ----

absl::StatusOr<std::vector<Size>> CivoClient::ListSizes(const CallOptions& opts) {
  return ListBare<Size>("/v2/sizes", opts, &ParseSize);
}

absl::StatusOr<std::vector<DiskImage>> CivoClient::ListDiskImages(const CallOptions& opts) {
  return ListBare<DiskImage>("/v2/disk_images", opts, &ParseDiskImage);
}

absl::StatusOr<std::vector<Region>> CivoClient::ListRegions(const CallOptions& opts) {
  return ListBare<Region>("/v2/regions", opts, &ParseRegion);
}

absl::StatusOr<Quota> CivoClient::GetQuota(const CallOptions& opts) {
  auto d = Call("GET", "/v2/quota", {}, "", opts, RetryMode::kAllTransient);
  if (!d.ok()) return d.status();
  return ParseQuota(*d);
}

// ---- Networking and keys ----

absl::StatusOr<std::vector<Network>> CivoClient::ListNetworks(const CallOptions& opts) {
  return ListBare<Network>("/v2/networks", opts, &ParseNetwork);
}

absl::StatusOr<std::vector<Firewall>> CivoClient::ListFirewalls(const CallOptions& opts) {
  return ListBare<Firewall>("/v2/firewalls", opts, &ParseFirewall);
}

absl::StatusOr<std::vector<SshKey>> CivoClient::ListSshKeys(const CallOptions& opts) {
  return ListBare<SshKey>("/v2/sshkeys", opts, &ParseSshKey);
}

absl::StatusOr<Network> CivoClient::CreateNetwork(const std::string& label, const CallOptions& opts) {
  auto d = Call("POST", "/v2/networks", {}, Body({{"label", label}}, opts), opts, RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  Network n = ParseNetwork(*d);
  if (n.name.empty()) n.name = label;
  return n;
}

absl::StatusOr<Firewall> CivoClient::CreateFirewall(const std::string& name, const std::string& network_id,
                                                    const CallOptions& opts) {
  auto d = Call("POST", "/v2/firewalls", {}, Body({{"name", name}, {"network_id", network_id}}, opts), opts,
                RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  Firewall f = ParseFirewall(*d);
  if (f.name.empty()) f.name = name;
  if (f.network_id.empty()) f.network_id = network_id;
  return f;
}

absl::StatusOr<SshKey> CivoClient::CreateSshKey(const std::string& name, const std::string& public_key,
                                                const CallOptions& opts) {
  auto d = Call("POST", "/v2/sshkeys", {}, Body({{"name", name}, {"public_key", public_key}}, opts), opts,
                RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  SshKey k = ParseSshKey(*d);
  if (k.name.empty()) k.name = name;
  return k;
}

// ---- Volumes ----

absl::StatusOr<std::vector<Volume>> CivoClient::ListVolumes(const CallOptions& opts) {
  return ListBare<Volume>("/v2/volumes", opts, &ParseVolume);
}

absl::StatusOr<Volume> CivoClient::GetVolume(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("volume");
  auto d = Call("GET", "/v2/volumes/" + PathSegment(id), {}, "", opts, RetryMode::kAllTransient);
  if (!d.ok()) return d.status();
  return ParseVolume(*d);
}

absl::StatusOr<Volume> CivoClient::CreateVolume(const std::string& name, const std::string& network_id,
                                                int64_t size_gb, const CallOptions& opts) {
  std::string body = Body({{"name", name}, {"network_id", network_id}}, opts);
  // size_gb is a number on the wire; splice it into the object Body() made.
  body.insert(body.size() - 1, absl::StrCat(",\"size_gb\":", size_gb));
  auto d = Call("POST", "/v2/volumes", {}, body, opts, RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  std::string id = json::String(*d, "id");
  if (id.empty()) return MakeApiError(ApiError{200, "unexpected_response", "volume create returned no id", "", true});
  return GetVolume(id, opts);
}

absl::Status CivoClient::DeleteVolume(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("volume");
  return Call("DELETE", "/v2/volumes/" + PathSegment(id), {}, "", opts, RetryMode::kOnlyIfNothingDone).status();
}

absl::Status CivoClient::AttachVolume(const std::string& volume_id, const std::string& instance_id,
                                      const CallOptions& opts) {
  if (volume_id.empty()) return EmptyId("volume");
  return Call("PUT", "/v2/volumes/" + PathSegment(volume_id) + "/attach", {}, Body({{"instance_id", instance_id}}, opts),
              opts, RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::DetachVolume(const std::string& volume_id, const CallOptions& opts) {
  if (volume_id.empty()) return EmptyId("volume");
  return Call("PUT", "/v2/volumes/" + PathSegment(volume_id) + "/detach", {}, Body({}, opts), opts,
              RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::StatusOr<Volume> CivoClient::WaitVolume(const std::string& id, const std::function<bool(const Volume&)>& pred,
                                              const CallOptions& opts) {
  return Poll<Volume>(
      "volume " + id, "volume",
      [&](std::chrono::steady_clock::time_point not_before) -> absl::StatusOr<Volume> {
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(not_before -
                                                                          std::chrono::steady_clock::now());
        if (wait.count() > 0 && !SleepOrCancel(opts.cancel, wait)) return absl::CancelledError("wait cancelled");
        return GetVolume(id, opts);
      },
      pred,
      [](const Volume& v) { return v.status; }, [](const Volume&) { return std::string(); }, dwell_, opts,
      [this](const std::string& line) { Log(line); });
}

// ---- Reserved IPs ----

absl::StatusOr<std::vector<ReservedIp>> CivoClient::ListReservedIps(const CallOptions& opts) {
  return ListPaged<ReservedIp>("/v2/ips", {}, opts, &ParseReservedIp);
}

absl::StatusOr<ReservedIp> CivoClient::GetReservedIp(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("reserved IP");
  auto d = Call("GET", "/v2/ips/" + PathSegment(id), {}, "", opts, RetryMode::kAllTransient);
  if (!d.ok()) return d.status();
  return ParseReservedIp(*d);
}

absl::StatusOr<ReservedIp> CivoClient::CreateReservedIp(const std::string& name, const CallOptions& opts) {
  auto d = Call("POST", "/v2/ips", {}, Body({{"name", name}}, opts), opts, RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  ReservedIp ip = ParseReservedIp(*d);
  if (ip.id.empty()) {
    return MakeApiError(ApiError{200, "unexpected_response", "reserved IP create returned no id", "", true});
  }
  return ip;
}

absl::Status CivoClient::DeleteReservedIp(const std::string& id, const CallOptions& opts) {
  if (id.empty()) return EmptyId("reserved IP");
  return Call("DELETE", "/v2/ips/" + PathSegment(id), {}, "", opts, RetryMode::kOnlyIfNothingDone).status();
}

absl::Status CivoClient::AssignReservedIp(const std::string& ip_id, const std::string& instance_id,
                                          const CallOptions& opts) {
  if (ip_id.empty()) return EmptyId("reserved IP");
  return Call("POST", "/v2/ips/" + PathSegment(ip_id) + "/actions", {},
              Body({{"action", "assign"}, {"assign_to_id", instance_id}, {"assign_to_type", "instance"}}, opts),
              opts, RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::Status CivoClient::UnassignReservedIp(const std::string& ip_id, const CallOptions& opts) {
  if (ip_id.empty()) return EmptyId("reserved IP");
  return Call("POST", "/v2/ips/" + PathSegment(ip_id) + "/actions", {}, Body({{"action", "unassign"}}, opts), opts,
              RetryMode::kOnlyIfNothingDone)
      .status();
}

}  // namespace civoapi
