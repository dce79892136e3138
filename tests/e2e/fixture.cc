#include "tests/e2e/fixture.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace e2e {

void E2ETest::SetUp() {
  if (TfdriverBinary().empty()) {
    GTEST_SKIP() << "tfdriver not found (not on PATH, $TFDRIVER unset, ../shared/tfdriver "
                    "absent): the end-to-end scenarios need it; see ../shared/tfdriver/README.md";
  }
  ASSERT_EQ(::access(ProviderBinary().c_str(), X_OK), 0)
      << "provider binary missing: " << ProviderBinary();
  ASSERT_EQ(::access(SimBinary().c_str(), X_OK), 0) << "civo-sim missing: " << SimBinary();
  simdir_ = std::make_unique<TempDir>("civo-e2e-sim-");
  std::string error;
  sim_ = Sim::Start(Options(), simdir_->path(), &error);
  ASSERT_TRUE(sim_) << "civo-sim did not start: " << error;
  ws_ = std::make_unique<Workspace>(ProviderBlock());

  net_ = sim_->DefaultNetworkId("LON1");
  ASSERT_FALSE(net_.empty()) << "simulator has no default network in LON1";
  image_ = sim_->ImageName(0);
  image2_ = sim_->ImageName(1);
  ASSERT_FALSE(image_.empty()) << "simulator offers no disk image";

  // Sizes: prefer the well-known g3 instance sizes; fall back to what the
  // simulator lists, ordered by disk.
  auto sizes = sim_->Sizes();
  ASSERT_FALSE(sizes.empty()) << "simulator offers no sizes";
  auto find = [&](const std::string& name) -> const Sim::SizeInfo* {
    for (const auto& s : sizes) {
      if (s.name == name) return &s;
    }
    return nullptr;
  };
  const Sim::SizeInfo* small = find("g3.small");
  if (small == nullptr) {
    std::sort(sizes.begin(), sizes.end(),
              [](const auto& a, const auto& b) { return a.disk_gb < b.disk_gb; });
    small = &sizes.front();
  }
  size_small_ = small->name;
  for (const auto& s : sizes) {
    if (s.disk_gb > small->disk_gb && (size_big_.empty() || s.disk_gb < find(size_big_)->disk_gb)) {
      size_big_ = s.name;
    }
    if (s.disk_gb == small->disk_gb && s.name != small->name &&
        size_same_disk_.empty()) {
      size_same_disk_ = s.name;
    }
  }
  ASSERT_FALSE(size_big_.empty()) << "simulator has no size with a larger disk than "
                                  << size_small_;
}

void E2ETest::TearDown() {
  if (ws_ && sim_) CheckProviderLog();
  // CIVO_E2E_KEEP=1 keeps every test's directories (to read reports).
  const char* keep = std::getenv("CIVO_E2E_KEEP");
  if (HasFailure() || (keep != nullptr && *keep != '\0')) {
    if (ws_) {
      ws_->keep();
      std::cerr << "[e2e] kept working directory " << ws_->dir() << "\n";
    }
    if (simdir_) {
      simdir_->keep();
      std::cerr << "[e2e] kept simulator output in " << simdir_->path() << "\n";
    }
    if (sim_) std::cerr << "[e2e] simulator log:\n" << Sim::Describe(sim_->Log());
  }
  sim_.reset();
}

// provider.log is written at TF_LOG_PROVIDER=DEBUG. It must be useful (a line
// for the provider's API requests) and safe (no token, no user_data).
void E2ETest::CheckProviderLog() {
  const std::string log = ReadFile(ws_->dir() + "/provider.log");
  EXPECT_EQ(log.find(sim_->token()), std::string::npos) << "the API token is in provider.log";

  // What the provider sent, from the simulator's own log (the test's setup
  // calls carry another user agent).
  Json raw = sim_->Admin("GET", "/_sim/log").json();
  ASSERT_TRUE(raw.ok()) << "simulator log unreadable: " << raw.error();
  const rapidjson::Value* list = &raw.root();
  if (list->IsObject()) {
    for (const char* key : {"requests", "entries", "log", "items"}) {
      if (const auto* m = Get(*list, key); m != nullptr && m->IsArray()) list = m;
    }
  }
  ASSERT_TRUE(list->IsArray()) << "simulator log has no request list";
  // Request paths are logged; user_data that happens to be an id in them (a
  // test may set user_data to another instance's id) cannot be told apart.
  std::string paths;
  for (const auto& e : list->GetArray()) paths += Str(e, "path") + "\n";
  auto in_paths = [&](const std::string& text) { return paths.find(text) != std::string::npos; };
  bool first = true;
  for (const auto& e : list->GetArray()) {
    if (Str(e, "user_agent").rfind("terraform-provider-civo", 0) != 0) continue;
    std::string path = Str(e, "path");
    path = path.substr(0, path.find('?'));
    if (first) {
      // One DEBUG line per request: method and path at least.
      const std::string line = "civoapi: " + Str(e, "method") + " " + path;
      EXPECT_NE(log.find(line), std::string::npos)
          << "the provider made API requests but provider.log has no request line (\"" << line
          << "\")";
      first = false;
    }
    // user_data travels as the create body's "script": never in the log,
    // neither raw nor JSON-escaped, not even one line of it.
    const rapidjson::Value* body = Get(e, "body");
    if (body == nullptr) continue;
    Json parsed = body->IsString() ? Json::Parse(Str(body)) : Json::Parse(Dump(*body));
    if (!parsed.ok() || !parsed.root().IsObject()) continue;
    const std::string script = Str(parsed.root(), "script");
    if (script.empty() || in_paths(script)) continue;
    std::string quoted = Quote(script);
    EXPECT_EQ(log.find(quoted.substr(1, quoted.size() - 2)), std::string::npos)
        << "user_data is in provider.log";
    size_t start = 0;
    while (start < script.size()) {
      size_t end = script.find('\n', start);
      if (end == std::string::npos) end = script.size();
      const std::string one = script.substr(start, end - start);
      if (one.size() >= 8 && !in_paths(one)) {
        EXPECT_EQ(log.find(one), std::string::npos)
            << "a line of user_data is in provider.log: " << one;
      }
      start = end + 1;
    }
  }
}

std::string E2ETest::ProviderBlock() const {
  return "{\"api_endpoint\": " + Quote(sim_->url()) + ", \"token\": " + Quote(sim_->token()) +
         ", \"region\": \"LON1\"}";
}

Fields E2ETest::BaseFields(const std::string& name) const {
  return Fields{
      {"instance_name", Quote(name)},
      {"size", Quote(size_small_)},
      {"image", Quote(image_)},
      {"network", "{\"value\": " + Quote(net_) + "}"},
  };
}

Fields E2ETest::With(Fields base, const Fields& changes) {
  for (const auto& [k, v] : changes) {
    if (v.empty()) {
      base.erase(k);
    } else {
      base[k] = v;
    }
  }
  return base;
}

std::string E2ETest::Entry(const Fields& fields, bool create_before_destroy) {
  std::string body = "{";
  bool first = true;
  for (const auto& [k, v] : fields) {
    body += (first ? "" : ", ") + Quote(k) + ": " + v;
    first = false;
  }
  body += "}";
  return "{\"config\": " + body + ", \"create_before_destroy\": " +
         (create_before_destroy ? "true" : "false") + "}";
}

void E2ETest::SetWeb(const Fields& fields, bool create_before_destroy) {
  ws_->SetResources({{kWeb, Entry(fields, create_before_destroy)}});
}

TfResult E2ETest::Tf(const std::string& command, const std::vector<std::string>& args,
                     const std::vector<std::string>& flags) {
  return ws_->Run(command, args, flags);
}

TfResult E2ETest::TfOk(const std::string& command, const std::vector<std::string>& args,
                       const std::vector<std::string>& flags) {
  TfResult r = ws_->Run(command, args, flags);
  EXPECT_EQ(r.exit_code, 0) << command << ": " << r.Describe();
  EXPECT_EQ(r.errors(), 0) << command << ": " << r.Describe();
  EXPECT_EQ(r.violations(), 0) << command << ": " << r.Describe();
  return r;
}

std::string E2ETest::StateAttr(const std::string& addr, const std::string& name) {
  Json state = ws_->State();
  auto obj = CurrentObject(state, addr);
  if (!obj || obj->attributes == nullptr) return "";
  const auto* v = Get(*obj->attributes, name.c_str());
  if (v == nullptr) return "";
  if (v->IsString()) return Str(v);
  return Dump(*v);
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

bool AnyStartsWith(const std::vector<std::string>& list, const std::string& prefix) {
  return std::any_of(list.begin(), list.end(),
                     [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
}

bool ContainsNoCase(const std::string& haystack, const std::string& needle) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

std::string Join(const std::vector<std::string>& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + list[i];
  return out + "]";
}

long FindCall(const std::vector<SimRequest>& log, size_t from, const std::string& method,
              const std::vector<std::string>& path_parts,
              const std::vector<std::string>& path_excludes) {
  for (size_t i = from; i < log.size(); ++i) {
    const auto& r = log[i];
    if (r.method != method) continue;
    bool ok = std::all_of(path_parts.begin(), path_parts.end(), [&](const std::string& p) {
      return r.path.find(p) != std::string::npos || r.body.find(p) != std::string::npos;
    });
    bool excluded = std::any_of(path_excludes.begin(), path_excludes.end(), [&](const std::string& p) {
      return r.path.find(p) != std::string::npos || r.body.find(p) != std::string::npos;
    });
    if (ok && !excluded) return static_cast<long>(i);
  }
  return -1;
}

}  // namespace e2e
