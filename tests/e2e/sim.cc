#include "tests/e2e/sim.h"

#include <httplib.h>

#include <chrono>
#include <thread>

#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"
#include "tests/e2e/tfdriver_run.h"

namespace e2e {

namespace {

constexpr char kToken[] = "e2e-secret-token-7f3a";

std::string FirstLine(const std::string& path) {
  std::string text = ReadFile(path);
  auto nl = text.find('\n');
  return nl == std::string::npos ? "" : text.substr(0, nl);
}

bool ParseUrl(const std::string& url, std::string* host, int* port) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return false;
  std::string rest = url.substr(scheme.size());
  auto slash = rest.find('/');
  if (slash != std::string::npos) rest = rest.substr(0, slash);
  auto colon = rest.rfind(':');
  if (colon == std::string::npos) return false;
  *host = rest.substr(0, colon);
  *port = std::atoi(rest.c_str() + colon + 1);
  return *port > 0;
}

// A normalised view {"id", "instance_id", "status"} of a volume and
// {"id", "ip", "assigned_to_id"} of a reserved IP, so the tests do not
// depend on where the simulator nests those fields.
Json Normalised(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string text = "{";
  for (size_t i = 0; i < fields.size(); ++i) {
    text += (i ? "," : "") + Quote(fields[i].first) + ":" + Quote(fields[i].second);
  }
  return Json::Parse(text + "}");
}

}  // namespace

std::string SimRequest::ToString() const {
  return "#" + std::to_string(index) + " " + method + " " + path + (query.empty() ? "" : "?" + query) +
         " -> " + (status == 0 ? std::string("(no answer)") : std::to_string(status)) +
         (fault.empty() ? "" : " [" + fault + "]") + (body.empty() ? "" : " " + body.substr(0, 200));
}

std::unique_ptr<Sim> Sim::Start(const SimOptions& options, const std::string& dir,
                                std::string* error) {
  std::unique_ptr<Sim> sim(new Sim());
  sim->token_ = kToken;
  std::vector<std::string> argv = {SimBinary(), "--addr", "127.0.0.1:0", "--token", kToken,
                                    "--build-time", options.build_time};
  for (const auto& a : options.extra_args) argv.push_back(a);
  std::string out = dir + "/sim.out", err = dir + "/sim.err";
  sim->process_ = Process::Start(argv, out, err, {}, error);
  if (!sim->process_) return nullptr;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string line = FirstLine(out);
    if (!line.empty()) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      sim->url_ = line;
      break;
    }
    if (!sim->process_->running()) {
      *error = "civo-sim exited: " + ReadFile(err);
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (sim->url_.empty()) {
    *error = "civo-sim printed no URL within 15s: " + ReadFile(err);
    return nullptr;
  }
  if (!ParseUrl(sim->url_, &sim->host_, &sim->port_)) {
    *error = "cannot parse civo-sim URL '" + sim->url_ + "'";
    return nullptr;
  }
  return sim;
}

Sim::~Sim() {
  if (process_) process_->Kill();
}

namespace {

HttpAnswer Call(const std::string& host, int port, const std::string& method,
                const std::string& target, const std::string& body, const std::string& token) {
  httplib::Client cli(host, port);
  cli.set_connection_timeout(5, 0);
  cli.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "bearer " + token);
  const char* ctype = "application/json";
  auto send = [&]() -> httplib::Result {
    if (method == "POST") return cli.Post(target.c_str(), headers, body, ctype);
    if (method == "PUT") return cli.Put(target.c_str(), headers, body, ctype);
    if (method == "PATCH") return cli.Patch(target.c_str(), headers, body, ctype);
    if (method == "DELETE") return cli.Delete(target.c_str(), headers, body, ctype);
    return cli.Get(target.c_str(), headers);
  };
  httplib::Result res = send();
  HttpAnswer a;
  if (res) {
    a.status = res->status;
    a.body = res->body;
  } else {
    a.body = httplib::to_string(res.error());
  }
  return a;
}

}  // namespace

HttpAnswer Sim::Api(const std::string& method, const std::string& path, const std::string& body,
                    const std::string& region) {
  std::string target = path;
  if (!region.empty() && path.find("region=") == std::string::npos) {
    target += (path.find('?') == std::string::npos ? "?" : "&") + std::string("region=") + region;
  }
  // The simulator may be in a fault storm set by the test: the harness's
  // own calls retry through it (they are not what is being tested).
  HttpAnswer a;
  for (int attempt = 0; attempt < 50; ++attempt) {
    a = Call(host_, port_, method, target, body, token_);
    if (a.status != 0 && a.status != 429 && a.status < 500) return a;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return a;
}

HttpAnswer Sim::Admin(const std::string& method, const std::string& path,
                      const std::string& body) {
  return Call(host_, port_, method, path, body, token_);
}

std::vector<SimRequest> Sim::Log() {
  std::vector<SimRequest> out;
  HttpAnswer a = Admin("GET", "/_sim/log");
  Json j = a.json();
  if (!j.ok()) return out;
  const rapidjson::Value* list = &j.root();
  if (list->IsObject()) {
    for (const char* key : {"requests", "entries", "log", "items"}) {
      if (const auto* m = Get(*list, key); m != nullptr && m->IsArray()) list = m;
    }
  }
  if (!list->IsArray()) return out;
  for (const auto& e : list->GetArray()) {
    SimRequest r;
    r.index = out.size();
    r.method = Str(e, "method");
    r.path = Str(e, "path");
    auto q = r.path.find('?');
    if (q != std::string::npos) {
      r.query = r.path.substr(q + 1);
      r.path = r.path.substr(0, q);
    }
    if (r.query.empty()) r.query = Str(e, "query");
    r.status = static_cast<int>(Num(e, "status"));
    if (const auto* b = Get(e, "body")) r.body = b->IsString() ? Str(b) : Dump(*b);
    r.fault = Str(e, "fault_kind");
    if (r.path.rfind("/_sim", 0) == 0) continue;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<SimRequest> Sim::MutatingCalls(size_t since) {
  std::vector<SimRequest> out;
  auto log = Log();
  for (size_t i = since; i < log.size(); ++i) {
    const auto& m = log[i].method;
    if (m == "POST" || m == "PUT" || m == "PATCH" || m == "DELETE") out.push_back(log[i]);
  }
  return out;
}

std::string Sim::Describe(const std::vector<SimRequest>& requests) {
  std::string out;
  for (const auto& r : requests) out += "  " + r.ToString() + "\n";
  return out.empty() ? "  (no requests)\n" : out;
}

// ---- seed data ------------------------------------------------------------

std::string Sim::DefaultNetworkId(const std::string& region) {
  Json j = Api("GET", "/v2/networks", "", region).json();
  if (!j.ok() || !j.root().IsArray()) return "";
  for (const auto& n : j.root().GetArray()) {
    if (Bool(n, "default")) return Str(n, "id");
  }
  return "";
}

std::string Sim::NetworkName(const std::string& id, const std::string& region) {
  Json j = Api("GET", "/v2/networks", "", region).json();
  if (!j.ok() || !j.root().IsArray()) return "";
  for (const auto& n : j.root().GetArray()) {
    if (Str(n, "id") == id) return Str(n, "label").empty() ? Str(n, "name") : Str(n, "label");
  }
  return "";
}

std::string Sim::CreateNetwork(const std::string& label, const std::string& region) {
  Json j = Api("POST", "/v2/networks",
               "{\"label\": " + Quote(label) + ", \"region\": " + Quote(region) + "}", region)
               .json();
  return j.ok() ? Str(j.root(), "id") : "";
}

std::string Sim::DefaultFirewallId(const std::string& network_id, const std::string&) {
  // Not from the Civo API, which does not say: from the simulator's state
  // dump, where it records which firewall it gave the network.
  Json j = Admin("GET", "/_sim/state").json();
  if (!j.ok() || !j.root().IsObject() || !j.root().HasMember("default_firewalls")) return "";
  return Str(j.root()["default_firewalls"], network_id.c_str());
}

std::string Sim::CreateFirewall(const std::string& name, const std::string& network_id,
                                const std::string& region, bool allow_duplicate_name) {
  std::string body = "{\"name\": " + Quote(name) + ", \"network_id\": " + Quote(network_id) +
                     ", \"region\": " + Quote(region) + "}";
  // The Civo API refuses a second firewall with the same name; the admin
  // endpoint does not, for the "several matches" case.
  HttpAnswer a = allow_duplicate_name ? Admin("POST", "/_sim/firewalls?region=" + region, body)
                                      : Api("POST", "/v2/firewalls", body, region);
  Json j = a.json();
  if (a.status / 100 != 2 || !j.ok()) return "";
  return Str(j.root(), "id");
}

std::string Sim::CreateVolume(const std::string& name, const std::string& network_id,
                              const std::string& region) {
  HttpAnswer a = Api("POST", "/v2/volumes",
                     "{\"name\": " + Quote(name) + ", \"size_gb\": 10, \"network_id\": " +
                         Quote(network_id) + ", \"region\": " + Quote(region) + "}",
                     region);
  Json j = a.json();
  if (a.status / 100 != 2 || !j.ok()) return "";
  return Str(j.root(), "id");
}

std::string Sim::CreateReservedIp(const std::string& name, const std::string& region) {
  HttpAnswer a =
      Api("POST", "/v2/ips", "{\"name\": " + Quote(name) + ", \"region\": " + Quote(region) + "}",
          region);
  Json j = a.json();
  if (a.status / 100 != 2 || !j.ok()) return "";
  return Str(j.root(), "id");
}

std::string Sim::CreateSshKey(const std::string& name) {
  std::string key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + name + " e2e@test";
  HttpAnswer a = Api("POST", "/v2/sshkeys",
                     "{\"name\": " + Quote(name) + ", \"public_key\": " + Quote(key) + "}");
  Json j = a.json();
  if (a.status / 100 != 2 || !j.ok()) return "";
  return Str(j.root(), "id");
}

std::string Sim::CreateInstance(const std::string& hostname, const std::string& size,
                                const std::string& image, const std::string& network_id,
                                const std::string& region) {
  HttpAnswer a = Api("POST", "/v2/instances",
                     "{\"hostname\": " + Quote(hostname) + ", \"size\": " + Quote(size) +
                         ", \"template_id\": " + Quote(image) + ", \"network_id\": " +
                         Quote(network_id) + ", \"region\": " + Quote(region) + "}",
                     region);
  Json j = a.json();
  if (a.status / 100 != 2 || !j.ok()) return "";
  return Str(j.root(), "id");
}

std::vector<Json> Sim::Instances(const std::string& region) {
  std::vector<Json> out;
  for (int page = 1; page < 100; ++page) {
    Json j = Api("GET", "/v2/instances?per_page=100&page=" + std::to_string(page), "", region)
                 .json();
    if (!j.ok()) break;
    const auto* items = Get(j.root(), "items");
    if (items == nullptr || !items->IsArray()) break;
    for (const auto& i : items->GetArray()) out.push_back(Json::Parse(Dump(i)));
    if (page >= static_cast<int>(Num(j.root(), "pages", 1))) break;
  }
  return out;
}

std::vector<std::string> Sim::InstanceIds(const std::string& region) {
  std::vector<std::string> ids;
  // DELETING ones count: the provider promises to wait until the API no
  // longer finds a deleted instance.
  for (const auto& i : Instances(region)) ids.push_back(Str(i.root(), "id"));
  return ids;
}

std::optional<Json> Sim::Instance(const std::string& id, const std::string& region) {
  HttpAnswer a = Api("GET", "/v2/instances/" + id, "", region);
  if (a.status != 200) return std::nullopt;
  Json j = a.json();
  if (!j.ok()) return std::nullopt;
  return j;
}

std::optional<Json> Sim::Volume(const std::string& id, const std::string& region) {
  HttpAnswer a = Api("GET", "/v2/volumes/" + id, "", region);
  if (a.status != 200) return std::nullopt;
  Json j = a.json();
  if (!j.ok()) return std::nullopt;
  return Normalised({{"id", Str(j.root(), "id")},
                     {"instance_id", Str(j.root(), "instance_id")},
                     {"status", Str(j.root(), "status")}});
}

std::optional<Json> Sim::ReservedIp(const std::string& id, const std::string& region) {
  HttpAnswer a = Api("GET", "/v2/ips/" + id, "", region);
  if (a.status != 200) return std::nullopt;
  Json j = a.json();
  if (!j.ok()) return std::nullopt;
  std::string holder;
  if (const auto* to = Get(j.root(), "assigned_to"); to != nullptr && to->IsObject()) {
    holder = Str(*to, "id");
  }
  return Normalised({{"id", Str(j.root(), "id")},
                     {"ip", Str(j.root(), "ip")},
                     {"assigned_to_id", holder}});
}

// ---- knobs ----------------------------------------------------------------

bool Sim::DeleteInstanceOutOfBand(const std::string& id) {
  HttpAnswer a = Admin("DELETE", "/_sim/instances/" + id);
  return a.status / 100 == 2;
}

bool Sim::SetHostnameOutOfBand(const std::string& id, const std::string& hostname) {
  HttpAnswer a = Admin("PATCH", "/_sim/instances/" + id, "{\"hostname\": " + Quote(hostname) + "}");
  return a.status / 100 == 2;
}

bool Sim::FaultRate5xx(double rate) {
  return Admin("POST", "/_sim/config", "{\"fault_rate\": " + std::to_string(rate) + "}").status / 100 == 2;
}

bool Sim::RateLimit429() {
  return Admin("POST", "/_sim/config", R"({"rate_limit": 3, "rate_limit_retry_after_s": 1})")
             .status / 100 == 2;
}

bool Sim::AmbiguousCreate502() {
  return Admin("POST", "/_sim/config", R"({"ambiguous_creates": 1, "ambiguous_create_status": 502})")
             .status / 100 == 2;
}

bool Sim::FailVolumeAttach() {
  return Admin("POST", "/_sim/config",
               R"({"fail_next": 1000, "fail_status": 422, "fail_method": "PUT", "fail_path_prefix": "/v2/volumes/"})")
             .status / 100 == 2;
}

bool Sim::AmbiguousNext(const std::string& method, const std::string& path_prefix, int status,
                        int count) {
  return Admin("POST", "/_sim/config",
               "{\"ambiguous_next\": " + std::to_string(count) + ", \"ambiguous_status\": " +
                   std::to_string(status) + ", \"ambiguous_method\": " + Quote(method) +
                   ", \"ambiguous_path_prefix\": " + Quote(path_prefix) + "}")
             .status / 100 == 2;
}

bool Sim::DropNext(const std::string& method, const std::string& path_prefix, bool perform,
                   int count) {
  return Admin("POST", "/_sim/config",
               "{\"drop_next\": " + std::to_string(count) + ", \"drop_perform\": " +
                   (perform ? "true" : "false") + ", \"drop_method\": " + Quote(method) +
                   ", \"drop_path_prefix\": " + Quote(path_prefix) + "}")
             .status / 100 == 2;
}

bool Sim::ClearFaults() {
  return Admin("POST", "/_sim/config",
               R"({"fault_rate": 0, "rate_limit": 0, "ambiguous_creates": 0, "fail_next": 0, )"
               R"("ambiguous_next": 0, "drop_next": 0})")
             .status / 100 == 2;
}

bool Sim::SetBuildTimeMs(int ms) {
  return Admin("POST", "/_sim/config", "{\"build_time_ms\": " + std::to_string(ms) + "}").status / 100 == 2;
}

std::vector<Sim::SizeInfo> Sim::Sizes() {
  std::vector<SizeInfo> out;
  Json j = Api("GET", "/v2/sizes").json();
  if (!j.ok() || !j.root().IsArray()) return out;
  for (const auto& s : j.root().GetArray()) {
    if (Get(s, "selectable") != nullptr && !Bool(s, "selectable")) continue;
    std::string type = Str(s, "type");
    if (!type.empty() && type != "Instance" && type != "instance") continue;
    SizeInfo info;
    info.name = Str(s, "name");
    info.cpu = static_cast<int>(Num(s, "cpu_cores"));
    info.ram_mb = static_cast<int>(Num(s, "ram_mb"));
    info.disk_gb = static_cast<int>(Num(s, "disk_gb"));
    out.push_back(info);
  }
  return out;
}

std::string Sim::ImageName(size_t which) {
  Json j = Api("GET", "/v2/disk_images").json();
  if (!j.ok() || !j.root().IsArray()) return "";
  std::vector<std::string> names;
  for (const auto& i : j.root().GetArray()) {
    std::string state = Str(i, "state");
    if (!state.empty() && state != "available") continue;
    names.push_back(Str(i, "name"));
  }
  // Prefer ubuntu-jammy first: the examples use it.
  for (size_t k = 0; k < names.size(); ++k) {
    if (names[k] == "ubuntu-jammy") std::swap(names[0], names[k]);
  }
  return which < names.size() ? names[which] : "";
}

}  // namespace e2e
