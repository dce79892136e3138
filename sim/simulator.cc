#include "sim/simulator.h"

#include <dirent.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <map>

#include "sim/json_io.h"
#include "sim/world.h"

namespace civosim {
namespace {

// cpp-httplib has no accept hook; every accepted connection becomes one task
// in the server's queue, so counting enqueues counts TCP connections.
class CountingPool : public httplib::ThreadPool {
 public:
  CountingPool(size_t n, std::atomic<uint64_t>* counter) : httplib::ThreadPool(n), counter_(counter) {}
  void enqueue(std::function<void()> fn) override {
    counter_->fetch_add(1, std::memory_order_relaxed);
    httplib::ThreadPool::enqueue(std::move(fn));
  }

 private:
  std::atomic<uint64_t>* counter_;
};

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

bool StartsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

int PortOf(const sockaddr_storage& a) {
  if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
  if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
  return -1;
}

std::string HostOf(const sockaddr_storage& a) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (a.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(a).sin_addr, buf, sizeof(buf));
  } else if (a.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(a).sin6_addr, buf, sizeof(buf));
  }
  return buf;
}

// The accepted socket a request arrived on. cpp-httplib (0.11) hands handlers
// no socket, so it is found among the process's descriptors by its ends:
// local port = the port the request came in on, peer = the client's address
// and port. (The client's own socket, in tests that run client and simulator
// in one process, has those ports the other way round.) -1 when not found.
int FindConnectionSocket(const httplib::Request& req) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int found = -1;
  while (dirent* e = readdir(dir)) {
    char* end = nullptr;
    long fd = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0' || fd == dirfd(dir)) continue;
    sockaddr_storage local{}, peer{};
    socklen_t llen = sizeof(local), plen = sizeof(peer);
    if (getsockname(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&local), &llen) != 0) continue;
    if (getpeername(static_cast<int>(fd), reinterpret_cast<sockaddr*>(&peer), &plen) != 0) continue;
    if (PortOf(local) == req.local_port && PortOf(peer) == req.remote_port && HostOf(peer) == req.remote_addr) {
      found = static_cast<int>(fd);
      break;
    }
  }
  closedir(dir);
  return found;
}

// Closes a connection without answering the request read from it: the
// client sees the connection end after it sent its request. The descriptor
// number is then pointed at /dev/null (dup2 closes the socket) so that
// httplib's attempt to write the response fails quietly (it is not a socket:
// no SIGPIPE) and its own close later cannot hit a reused number.
void CloseUnanswered(int fd) {
  shutdown(fd, SHUT_RDWR);
  int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0) return;  // shut down but still a socket: writes fail with EPIPE
  dup2(devnull, fd);
  close(devnull);
}

bool Matches(const httplib::Request& req, const std::string& method, const std::string& path_prefix) {
  return StartsWith(req.path, path_prefix) && (method.empty() || Upper(method) == req.method);
}

// A 5xx as Civo's gateway or API sends it: HTML from the gateway (502, 504),
// JSON from the API itself.
Reply ServerErrorReply(int status) {
  if (status == 502 || status == 504) {
    return Reply{status, "<html><body><h1>" + std::to_string(status) + " Gateway error</h1></body></html>", -1,
                 "text/html"};
  }
  return ErrorReply(status, status == 500 ? "internal_server_error" : "service_unavailable", "Simulated fault");
}

std::string ConfigJson(const SimConfig& c) {
  JsonOut j;
  j.Begin().FStrList("regions", c.regions).FInt("build_time_ms", c.build_time.count());
  j.FInt("action_time_ms", c.action_time.count()).FInt("latency_ms", c.latency.count());
  j.Key("fault_rate").Double(c.fault_rate).FInt("fault_seed", static_cast<int64_t>(c.fault_seed));
  j.Key("rate_limit").Double(c.rate_limit).FInt("rate_limit_retry_after_s", c.rate_limit_retry_after_s);
  j.FInt("ambiguous_creates", c.ambiguous_creates).FInt("ambiguous_create_status", c.ambiguous_create_status);
  j.FInt("fail_next", c.fail_next).FInt("fail_status", c.fail_status).FInt("fail_retry_after_s", c.fail_retry_after_s);
  j.FStr("fail_path_prefix", c.fail_path_prefix).FStr("fail_method", c.fail_method);
  j.FInt("ambiguous_next", c.ambiguous_next).FInt("ambiguous_status", c.ambiguous_status);
  j.FStr("ambiguous_method", c.ambiguous_method).FStr("ambiguous_path_prefix", c.ambiguous_path_prefix);
  j.FInt("drop_next", c.drop_next).FBool("drop_perform", c.drop_perform);
  j.FStr("drop_method", c.drop_method).FStr("drop_path_prefix", c.drop_path_prefix);
  j.FInt("instance_quota", c.instance_quota).FInt("default_per_page", c.default_per_page);
  return j.End().str();
}

}  // namespace

struct Simulator::Impl {
  SimOptions options;
  httplib::Server svr;
  World world;
  std::thread thread;
  const Clock::time_point started = Clock::now();

  mutable std::mutex cfg_mu;  // guards cfg, fault_rng, the rate-limit bucket
  SimConfig cfg;
  std::mt19937_64 fault_rng;
  double bucket = 0;
  Clock::time_point bucket_at = Clock::now();

  mutable std::mutex log_mu;
  std::vector<LogEntry> log;
  uint64_t log_seq = 0;

  std::atomic<uint64_t> requests{0}, connections{0}, faults{0}, rate_limited{0};

  explicit Impl(SimOptions o)
      : options(std::move(o)), world(options.config), cfg(options.config), fault_rng(options.config.fault_seed) {
    for (auto& r : cfg.regions) r = Upper(r);
    if (cfg.regions.empty()) cfg.regions = {"LON1"};
    bucket = cfg.rate_limit;
  }

  double Ms(Clock::time_point t) const {
    return std::chrono::duration<double, std::milli>(t - started).count();
  }

  // Decides whether this API request fails before reaching the world.
  std::string Inject(const httplib::Request& req, Reply* reply) {
    std::lock_guard<std::mutex> lock(cfg_mu);
    if (cfg.fail_next > 0 && Matches(req, cfg.fail_method, cfg.fail_path_prefix)) {
      --cfg.fail_next;
      *reply = ErrorReply(cfg.fail_status, "simulated_failure", "Simulated failure (fail_next)");
      reply->retry_after_s = cfg.fail_retry_after_s;
      return "fail_next";
    }
    if (cfg.rate_limit > 0) {
      auto now = Clock::now();
      double elapsed = std::chrono::duration<double>(now - bucket_at).count();
      bucket_at = now;
      bucket = std::min(cfg.rate_limit, bucket + elapsed * cfg.rate_limit);
      if (bucket < 1.0) {
        int wait = cfg.rate_limit_retry_after_s > 0
                       ? cfg.rate_limit_retry_after_s
                       : std::max(1, static_cast<int>(std::ceil((1.0 - bucket) / cfg.rate_limit)));
        *reply = ErrorReply(429, "too_many_requests", "Rate limit exceeded, retry later");
        reply->retry_after_s = wait;
        return "rate_limit";
      }
      bucket -= 1.0;
    }
    if (cfg.fault_rate > 0 && std::uniform_real_distribution<double>(0, 1)(fault_rng) < cfg.fault_rate) {
      static constexpr int kStatuses[] = {500, 502, 503, 504};
      *reply = ServerErrorReply(kStatuses[fault_rng() % 4]);
      return "random";
    }
    return "";
  }

  bool TakeAmbiguousCreate(int* status) {
    std::lock_guard<std::mutex> lock(cfg_mu);
    if (cfg.ambiguous_creates <= 0) return false;
    --cfg.ambiguous_creates;
    *status = cfg.ambiguous_create_status;
    return true;
  }

  // Whether this request is one of the next `ambiguous_next` to be answered
  // 5xx after being carried out.
  bool TakeAmbiguous(const httplib::Request& req, int* status) {
    std::lock_guard<std::mutex> lock(cfg_mu);
    if (cfg.ambiguous_next <= 0 || !Matches(req, cfg.ambiguous_method, cfg.ambiguous_path_prefix)) return false;
    --cfg.ambiguous_next;
    *status = cfg.ambiguous_status;
    return true;
  }

  // Whether this request's connection is to be dropped; `perform`: whether
  // the request is carried out first.
  bool TakeDrop(const httplib::Request& req, bool* perform) {
    std::lock_guard<std::mutex> lock(cfg_mu);
    if (cfg.drop_next <= 0 || !Matches(req, cfg.drop_method, cfg.drop_path_prefix)) return false;
    --cfg.drop_next;
    *perform = cfg.drop_perform;
    return true;
  }

  void ApplyConfig(const rapidjson::Value& b) {
    std::lock_guard<std::mutex> lock(cfg_mu);
    using std::chrono::milliseconds;
    if (Has(b, "build_time_ms")) cfg.build_time = milliseconds(GetInt(b, "build_time_ms"));
    if (Has(b, "action_time_ms")) cfg.action_time = milliseconds(GetInt(b, "action_time_ms"));
    if (Has(b, "latency_ms")) cfg.latency = milliseconds(GetInt(b, "latency_ms"));
    if (Has(b, "fault_rate")) cfg.fault_rate = GetDouble(b, "fault_rate");
    if (Has(b, "fault_seed")) {
      cfg.fault_seed = static_cast<uint64_t>(GetInt(b, "fault_seed"));
      fault_rng.seed(cfg.fault_seed);
    }
    if (Has(b, "rate_limit")) {
      cfg.rate_limit = GetDouble(b, "rate_limit");
      bucket = cfg.rate_limit;
      bucket_at = Clock::now();
    }
    if (Has(b, "rate_limit_retry_after_s")) cfg.rate_limit_retry_after_s = static_cast<int>(GetInt(b, "rate_limit_retry_after_s"));
    if (Has(b, "ambiguous_creates")) cfg.ambiguous_creates = static_cast<int>(GetInt(b, "ambiguous_creates"));
    if (Has(b, "ambiguous_create_status")) cfg.ambiguous_create_status = static_cast<int>(GetInt(b, "ambiguous_create_status"));
    if (Has(b, "fail_next")) cfg.fail_next = static_cast<int>(GetInt(b, "fail_next"));
    if (Has(b, "fail_status")) cfg.fail_status = static_cast<int>(GetInt(b, "fail_status"));
    if (Has(b, "fail_retry_after_s")) cfg.fail_retry_after_s = static_cast<int>(GetInt(b, "fail_retry_after_s", -1));
    if (Has(b, "fail_path_prefix")) cfg.fail_path_prefix = GetStr(b, "fail_path_prefix");
    if (Has(b, "fail_method")) cfg.fail_method = GetStr(b, "fail_method");
    if (Has(b, "ambiguous_next")) cfg.ambiguous_next = static_cast<int>(GetInt(b, "ambiguous_next"));
    if (Has(b, "ambiguous_status")) cfg.ambiguous_status = static_cast<int>(GetInt(b, "ambiguous_status"));
    if (Has(b, "ambiguous_method")) cfg.ambiguous_method = GetStr(b, "ambiguous_method");
    if (Has(b, "ambiguous_path_prefix")) cfg.ambiguous_path_prefix = GetStr(b, "ambiguous_path_prefix");
    if (Has(b, "drop_next")) cfg.drop_next = static_cast<int>(GetInt(b, "drop_next"));
    if (Has(b, "drop_perform") && b["drop_perform"].IsBool()) cfg.drop_perform = b["drop_perform"].GetBool();
    if (Has(b, "drop_method")) cfg.drop_method = GetStr(b, "drop_method");
    if (Has(b, "drop_path_prefix")) cfg.drop_path_prefix = GetStr(b, "drop_path_prefix");
    if (Has(b, "instance_quota")) cfg.instance_quota = static_cast<int>(GetInt(b, "instance_quota"));
    if (Has(b, "default_per_page")) cfg.default_per_page = std::max<int>(1, static_cast<int>(GetInt(b, "default_per_page")));
  }

  static void Send(httplib::Response& res, const Reply& r) {
    res.status = r.status;
    if (r.retry_after_s >= 0) res.set_header("Retry-After", std::to_string(r.retry_after_s));
    res.set_content(r.body, r.content_type.c_str());
  }

  bool Authorized(const httplib::Request& req, const std::string& token) const {
    std::string h = req.get_header_value("Authorization");
    if (h.size() < 7) return false;
    std::string scheme = h.substr(0, 7);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(), ::tolower);
    return scheme == "bearer " && !token.empty() && h.substr(7) == token;
  }

  void Serve(const httplib::Request& req, httplib::Response& res) {
    auto start = Clock::now();
    if (StartsWith(req.path, "/_sim/")) {
      Admin(req, res);
      return;
    }
    requests.fetch_add(1, std::memory_order_relaxed);
    SimConfig snap;
    {
      std::lock_guard<std::mutex> lock(cfg_mu);
      snap = cfg;
    }
    if (snap.latency.count() > 0) std::this_thread::sleep_for(snap.latency);

    Reply reply;
    std::string fault;
    bool drop = false;
    rapidjson::Document body;
    body.SetObject();
    std::vector<std::string> segs = Split(req.path);
    const bool authorized = Authorized(req, snap.token);
    if (!authorized) {
      reply = ErrorReply(401, "authentication_invalid_key", "Your API key is missing or invalid");
    } else if (!(fault = Inject(req, &reply)).empty()) {
      faults.fetch_add(1, std::memory_order_relaxed);
      if (fault == "rate_limit") rate_limited.fetch_add(1, std::memory_order_relaxed);
    } else if (segs.empty() || segs[0] != "v2") {
      reply = ErrorReply(404, "not_found", "No such endpoint");
    } else {
      segs.erase(segs.begin());
      // civogo's newer calls use /v2/vpc/{networks,firewalls,ips}: same objects.
      if (!segs.empty() && segs[0] == "vpc") segs.erase(segs.begin());
      bool body_ok = true;
      if (!req.body.empty()) {
        rapidjson::Document parsed;
        parsed.Parse(req.body.c_str(), req.body.size());
        if (parsed.HasParseError()) body_ok = false;
        else if (parsed.IsObject()) body = std::move(parsed);
      }
      ApiRequest api;
      api.method = req.method;
      api.segs = segs;
      for (const auto& [k, v] : req.params) api.query[k] = v;
      api.body = &body;
      api.region = api.query.count("region") ? api.query["region"] : GetStr(body, "region");
      api.region = Upper(api.region.empty() ? snap.regions.front() : api.region);
      if (!body_ok) {
        reply = ErrorReply(400, "parameter_invalid_json", "The request body is not valid JSON");
      } else if (!world.KnownRegion(api.region) &&
                 // The region list answers whatever region the client sends
                 // (civogo sends one on every call): it is how a client
                 // learns which codes exist.
                 !(segs.size() == 1 && segs[0] == "regions")) {
        reply = ErrorReply(400, "region_unavailable", "The region " + api.region + " is not available");
      } else {
        bool perform = true;
        drop = TakeDrop(req, &perform);
        if (perform) reply = world.Handle(api, snap);
        int status = 0;
        bool is_create = req.method == "POST" && segs.size() == 1 && segs[0] == "instances";
        if (drop) {
          fault = perform ? "drop" : "drop_unperformed";
          faults.fetch_add(1, std::memory_order_relaxed);
        } else if (is_create && reply.status == 200 && TakeAmbiguousCreate(&status)) {
          // The instance now exists, but the client is told the gateway failed.
          reply = Reply{status, "<html><body><h1>502 Bad Gateway</h1></body></html>", -1, "text/html"};
          fault = "ambiguous_create";
          faults.fetch_add(1, std::memory_order_relaxed);
        } else if (TakeAmbiguous(req, &status)) {
          // Carried out (whatever the API answered), but the client is told
          // the server failed.
          reply = ServerErrorReply(status);
          fault = "ambiguous";
          faults.fetch_add(1, std::memory_order_relaxed);
        }
      }
    }
    // A dropped request is logged before its connection closes: a client
    // that sees the close may read the log at once.
    const int drop_fd = drop ? FindConnectionSocket(req) : -1;
    if (drop_fd >= 0) {
      reply.status = 0;  // logged as "no answer"
    } else {
      if (drop) {
        reply = ErrorReply(500, "simulator_drop_failed", "The simulator could not find the connection to drop");
        fault = "drop_failed";
      }
      Send(res, reply);
    }

    LogEntry e;
    e.method = req.method;
    e.path = req.path;
    for (const auto& [k, v] : req.params) e.query += (e.query.empty() ? "" : "&") + k + "=" + v;
    if (req.method != "GET") e.body = req.body.substr(0, 4096);
    e.user_agent = req.get_header_value("User-Agent");
    e.authorized = authorized;
    e.status = reply.status;
    e.start_ms = Ms(start);
    e.end_ms = Ms(Clock::now());
    e.fault = fault;
    {
      std::lock_guard<std::mutex> lock(log_mu);
      e.seq = ++log_seq;
      log.push_back(std::move(e));
    }
    if (drop_fd >= 0) CloseUnanswered(drop_fd);
  }

  std::string LogJson() const {
    std::lock_guard<std::mutex> lock(log_mu);
    JsonOut j;
    j.BeginArray();
    for (const auto& e : log) {
      j.Begin().FInt("seq", static_cast<int64_t>(e.seq)).FStr("method", e.method).FStr("path", e.path);
      j.FStr("query", e.query).FInt("status", e.status).Key("t_ms").Double(e.start_ms);
      j.Key("end_ms").Double(e.end_ms).FBool("fault", !e.fault.empty()).FStr("fault_kind", e.fault);
      j.FStr("body", e.body).FStr("user_agent", e.user_agent).FBool("authorized", e.authorized).End();
    }
    return j.EndArray().str();
  }

  std::string StatsJson() const {
    JsonOut j;
    j.Begin().FInt("requests", static_cast<int64_t>(requests.load())).FInt("connections", static_cast<int64_t>(connections.load()));
    j.FInt("faults", static_cast<int64_t>(faults.load())).FInt("rate_limited", static_cast<int64_t>(rate_limited.load()));
    return j.End().str();
  }

  void Admin(const httplib::Request& req, httplib::Response& res) {
    std::vector<std::string> segs = Split(req.path);  // "_sim", ...
    rapidjson::Document body;
    body.SetObject();
    if (!req.body.empty()) {
      rapidjson::Document parsed;
      parsed.Parse(req.body.c_str(), req.body.size());
      if (!parsed.HasParseError() && parsed.IsObject()) body = std::move(parsed);
    }
    auto ok = [&res](const std::string& json) { Send(res, Reply{200, json}); };
    const std::string what = segs.size() > 1 ? segs[1] : "";
    const std::string& m = req.method;
    if (what == "log" && m == "GET") return ok(LogJson());
    if (what == "log" && m == "DELETE") {
      std::lock_guard<std::mutex> lock(log_mu);
      log.clear();
      return ok("{\"result\":\"success\"}");
    }
    if (what == "stats" && m == "GET") return ok(StatsJson());
    if (what == "stats" && m == "DELETE") {
      requests = 0;
      connections = 0;
      faults = 0;
      rate_limited = 0;
      return ok("{\"result\":\"success\"}");
    }
    if (what == "state" && m == "GET") return ok(world.StateJson());
    if (what == "config") {
      if (m == "POST" || m == "PUT" || m == "PATCH") ApplyConfig(body);
      std::lock_guard<std::mutex> lock(cfg_mu);
      return ok(ConfigJson(cfg));
    }
    if (what == "instances" && segs.size() == 3) {
      if (m == "DELETE") {
        if (world.OobDeleteInstance(segs[2])) return ok("{\"result\":\"success\"}");
        return Send(res, ErrorReply(404, "database_instance_find", "The instance could not be found"));
      }
      return Send(res, world.OobPatchInstance(segs[2], body));
    }
    if (segs.size() == 2 && m == "POST" &&
        (what == "networks" || what == "firewalls" || what == "volumes" || what == "ips" || what == "sshkeys")) {
      std::string region = req.has_param("region") ? req.get_param_value("region") : GetStr(body, "region");
      {
        std::lock_guard<std::mutex> lock(cfg_mu);
        region = Upper(region.empty() ? cfg.regions.front() : region);
      }
      return Send(res, world.AdminCreate(what, body, region));
    }
    Send(res, ErrorReply(404, "not_found", "Unknown admin endpoint " + req.path));
  }
};

Simulator::Simulator(SimOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Simulator::~Simulator() { Stop(); }

bool Simulator::Start() {
  Impl* s = impl_.get();
  size_t threads = static_cast<size_t>(std::max(4, s->options.threads));
  s->svr.new_task_queue = [s, threads] { return new CountingPool(threads, &s->connections); };
  // Reuse is the point of keep-alive: do not close a connection after a few requests.
  s->svr.set_keep_alive_max_count(1'000'000);
  s->svr.set_keep_alive_timeout(30);
  // Without it, the header and body writes of a response meet the client's
  // delayed ACK: 40 ms per request on a keep-alive connection.
  s->svr.set_tcp_nodelay(true);
  auto handler = [s](const httplib::Request& req, httplib::Response& res) { s->Serve(req, res); };
  s->svr.Get(".*", handler);
  s->svr.Post(".*", handler);
  s->svr.Put(".*", handler);
  s->svr.Patch(".*", handler);
  s->svr.Delete(".*", handler);
  if (s->options.port == 0) {
    port_ = s->svr.bind_to_any_port(s->options.host);
  } else {
    port_ = s->svr.bind_to_port(s->options.host, s->options.port) ? s->options.port : -1;
  }
  if (port_ <= 0) return false;
  s->thread = std::thread([s] { s->svr.listen_after_bind(); });
  // httplib's stop() is a no-op until the accept loop runs: wait for it so an
  // early Stop() cannot leave the loop (and our join) running for ever.
  for (int n = 0; n < 5000 && !s->svr.is_running(); ++n) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return true;
}

void Simulator::Stop() {
  if (impl_ && impl_->thread.joinable()) {
    impl_->svr.stop();
    impl_->thread.join();
  }
}

std::string Simulator::url() const { return "http://" + impl_->options.host + ":" + std::to_string(port_); }

SimConfig Simulator::config() const {
  std::lock_guard<std::mutex> lock(impl_->cfg_mu);
  return impl_->cfg;
}

void Simulator::UpdateConfig(const std::function<void(SimConfig&)>& change) {
  std::lock_guard<std::mutex> lock(impl_->cfg_mu);
  uint64_t seed = impl_->cfg.fault_seed;
  double rate = impl_->cfg.rate_limit;
  change(impl_->cfg);
  if (impl_->cfg.fault_seed != seed) impl_->fault_rng.seed(impl_->cfg.fault_seed);
  if (impl_->cfg.rate_limit != rate) {
    impl_->bucket = impl_->cfg.rate_limit;
    impl_->bucket_at = Clock::now();
  }
}

std::vector<LogEntry> Simulator::Log() const {
  std::lock_guard<std::mutex> lock(impl_->log_mu);
  return impl_->log;
}

void Simulator::ClearLog() {
  std::lock_guard<std::mutex> lock(impl_->log_mu);
  impl_->log.clear();
}

SimStats Simulator::Stats() const {
  return SimStats{impl_->requests.load(), impl_->connections.load(), impl_->faults.load(),
                  impl_->rate_limited.load()};
}

void Simulator::ResetStats() {
  impl_->requests = 0;
  impl_->connections = 0;
  impl_->faults = 0;
  impl_->rate_limited = 0;
}

std::string Simulator::StateJson() const { return impl_->world.StateJson(); }

bool Simulator::DeleteInstanceOutOfBand(const std::string& id) { return impl_->world.OobDeleteInstance(id); }

int Simulator::PatchInstanceOutOfBand(const std::string& id, const std::string& json) {
  rapidjson::Document d;
  d.Parse(json.c_str(), json.size());
  if (d.HasParseError() || !d.IsObject()) return 400;
  return impl_->world.OobPatchInstance(id, d).status;
}

}  // namespace civosim
