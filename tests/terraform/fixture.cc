#include "tests/terraform/fixture.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

namespace tfcli {
namespace {

const rapidjson::Value* ResourceChange(const e2e::Json& plan, const std::string& addr) {
  if (!plan.ok()) return nullptr;
  const auto* changes = e2e::Get(plan.root(), "resource_changes");
  if (changes == nullptr || !changes->IsArray()) return nullptr;
  for (const auto& c : changes->GetArray()) {
    if (e2e::Str(c, "address") == addr) return &c;
  }
  return nullptr;
}

// The current (not deposed) object of a resource in a state document.
const rapidjson::Value* StateObject(const e2e::Json& state, const std::string& addr) {
  if (!state.ok()) return nullptr;
  const auto* resources = e2e::Get(state.root(), "resources");
  if (resources == nullptr || !resources->IsArray()) return nullptr;
  for (const auto& r : resources->GetArray()) {
    std::string a = e2e::Str(r, "type") + "." + e2e::Str(r, "name");
    std::string module = e2e::Str(r, "module");
    if (!module.empty()) a = module + "." + a;
    if (e2e::Str(r, "mode") == "data") a = "data." + a;
    if (a != addr) continue;
    const auto* instances = e2e::Get(r, "instances");
    if (instances == nullptr || !instances->IsArray()) return nullptr;
    for (const auto& i : instances->GetArray()) {
      if (e2e::Get(i, "deposed") == nullptr) return e2e::Get(i, "attributes");
    }
  }
  return nullptr;
}

// after_unknown marks an unknown value `true`, and the unknown parts of a
// known list or object with `true` inside it.
bool AnyTrue(const rapidjson::Value& v) {
  if (v.IsBool()) return v.GetBool();
  if (v.IsArray()) {
    for (const auto& e : v.GetArray()) {
      if (AnyTrue(e)) return true;
    }
  }
  if (v.IsObject()) {
    for (const auto& m : v.GetObject()) {
      if (AnyTrue(m.value)) return true;
    }
  }
  return false;
}

// Every file under `dir` (recursively), skipping the provider symlinks.
std::vector<std::string> FilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_symlink()) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) out.push_back(it->path().string());
  }
  return out;
}

}  // namespace

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string Join(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ",") + s;
  return "[" + out + "]";
}

std::string Q(const std::string& s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    // "${" and "%{" start templates in HCL; doubled they are literal.
    if ((c == '$' || c == '%') && i + 1 < s.size() && s[i + 1] == '{') out += c;
    out += c;
  }
  return out + "\"";
}

std::string Resource(const std::string& type, const std::string& name, const Attrs& attrs,
                     const std::string& extra) {
  std::string out = "resource " + Q(type) + " " + Q(name) + " {\n";
  for (const auto& [k, v] : attrs) out += "  " + k + " = " + v + "\n";
  return out + extra + "}\n";
}

std::string WebTf(const Attrs& attrs, const std::string& extra) {
  return Header() + Resource("civo_compute_instance", "web", attrs, extra);
}

Attrs With(Attrs base, const Attrs& changes) {
  for (const auto& [k, v] : changes) {
    if (v.empty()) {
      base.erase(k);
    } else {
      base[k] = v;
    }
  }
  return base;
}

std::vector<std::string> Plan::Actions(const std::string& addr) const {
  const auto* c = ResourceChange(json, addr);
  if (c == nullptr) return {};
  const auto* change = e2e::Get(*c, "change");
  return change == nullptr ? std::vector<std::string>{} : e2e::StrList(*change, "actions");
}

std::vector<std::string> Plan::ReplacePaths(const std::string& addr) const {
  std::vector<std::string> out;
  const auto* c = ResourceChange(json, addr);
  const auto* change = c == nullptr ? nullptr : e2e::Get(*c, "change");
  const auto* paths = change == nullptr ? nullptr : e2e::Get(*change, "replace_paths");
  if (paths == nullptr || !paths->IsArray()) return out;
  for (const auto& p : paths->GetArray()) {
    if (p.IsArray() && !p.Empty() && p[0].IsString()) out.push_back(p[0].GetString());
  }
  return out;
}

std::string Plan::After(const std::string& addr, const std::string& name) const {
  const auto* c = ResourceChange(json, addr);
  const auto* change = c == nullptr ? nullptr : e2e::Get(*c, "change");
  const auto* after = change == nullptr ? nullptr : e2e::Get(*change, "after");
  const auto* v = after == nullptr ? nullptr : e2e::Get(*after, name.c_str());
  if (v == nullptr) return "";
  return v->IsString() ? e2e::Str(v) : e2e::Dump(*v);
}

bool Plan::AfterUnknown(const std::string& addr, const std::string& name) const {
  const auto* c = ResourceChange(json, addr);
  const auto* change = c == nullptr ? nullptr : e2e::Get(*c, "change");
  const auto* unknown = change == nullptr ? nullptr : e2e::Get(*change, "after_unknown");
  const auto* v = unknown == nullptr ? nullptr : e2e::Get(*unknown, name.c_str());
  return v != nullptr && AnyTrue(*v);
}

void TerraformTest::SetUp() {
  if (TerraformBinary().empty()) {
    GTEST_SKIP() << "terraform not found on PATH (nor $TERRAFORM): the real-terraform suite "
                    "(ctest -L terraform) needs the terraform CLI; install it to run these tests";
  }
  ASSERT_EQ(::access(e2e::ProviderBinary().c_str(), X_OK), 0)
      << "provider binary missing: " << e2e::ProviderBinary();
  ASSERT_EQ(::access(e2e::SimBinary().c_str(), X_OK), 0)
      << "civo-sim missing: " << e2e::SimBinary();
  root_ = std::make_unique<e2e::TempDir>("civo-tf-");
  private_ = std::make_unique<e2e::TempDir>("civo-tf-home-");
  ASSERT_FALSE(root_->path().empty());
  ASSERT_FALSE(private_->path().empty());

  std::string error = env_.Prepare(private_->path(), e2e::ProviderBinary());
  ASSERT_EQ(error, "") << "preparing the private terraform environment";

  std::filesystem::create_directories(root_->path() + "/sim");
  e2e::SimOptions options;
  options.build_time = "300ms";
  options.extra_args = {"--action-time", "100ms"};
  sim_ = e2e::Sim::Start(options, root_->path() + "/sim", &error);
  ASSERT_TRUE(sim_) << "civo-sim did not start: " << error;
  env_.Set("CIVO_TOKEN", sim_->token());
  env_.Set("CIVO_API_URL", sim_->url());

  net_ = sim_->DefaultNetworkId("LON1");
  ASSERT_FALSE(net_.empty()) << "simulator has no default network in LON1";
}

void TerraformTest::TearDown() {
  // Whatever a test did, the API token is in no output of terraform and in
  // no file it left (state, plans, logs).
  if (sim_) {
    for (const auto& d : dirs_) {
      for (const auto& f : FilesUnder(d->path())) {
        if (f.size() >= 6 && f.compare(f.size() - 6, 6, "tfplan") == 0) continue;  // zip
        EXPECT_FALSE(Contains(e2e::ReadFile(f), sim_->token())) << "the API token is in " << f;
      }
    }
  }
  const char* keep = std::getenv("CIVO_TF_KEEP");
  if (root_ && (HasFailure() || (keep != nullptr && *keep != '\0'))) {
    root_->keep();
    std::cerr << "[terraform] kept working directories in " << root_->path()
              << " (each command's output in DIR/.runs/)\n";
    if (sim_) std::cerr << "[terraform] simulator log:\n" << e2e::Sim::Describe(sim_->Log());
  }
  sim_.reset();
}

std::string Header(const std::string& source) {
  return "terraform {\n  required_providers {\n    civo = { source = \"" + source +
         "\" }\n  }\n}\n\n";
}

WorkDir& TerraformTest::NewDir(const std::string& name, const std::string& main_tf) {
  dirs_.push_back(std::make_unique<WorkDir>(root_->path() + "/" + name, &env_));
  if (!main_tf.empty()) dirs_.back()->Write("main.tf", main_tf);
  return *dirs_.back();
}

::testing::AssertionResult TerraformTest::Init(const WorkDir& d) {
  CliRun r = d.Tf({"init", "-input=false", "-no-color"});
  if (!r.ok()) return ::testing::AssertionFailure() << "init failed:\n" << r.Describe();
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult TerraformTest::EmptyPlan(const WorkDir& d, const Vars& vars) {
  Vars args = {"plan", "-detailed-exitcode", "-input=false", "-no-color"};
  args.insert(args.end(), vars.begin(), vars.end());
  CliRun r = d.Tf(args);
  if (r.exit_code == 0 && Contains(r.out, "No changes.")) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << (r.exit_code == 2 ? "the re-plan is not empty:\n" : "the re-plan failed:\n")
         << r.Describe();
}

::testing::AssertionResult TerraformTest::ApplyThenEmptyPlan(const WorkDir& d, const Vars& vars) {
  Vars args = {"apply", "-auto-approve", "-input=false", "-no-color"};
  args.insert(args.end(), vars.begin(), vars.end());
  CliRun r = d.Tf(args);
  if (!r.ok()) return ::testing::AssertionFailure() << "apply failed:\n" << r.Describe();
  return EmptyPlan(d, vars);
}

::testing::AssertionResult TerraformTest::ApplySavedThenEmptyPlan(const WorkDir& d, CliRun* apply) {
  CliRun r = d.Tf({"apply", "-input=false", "-no-color", "tfplan"});
  if (apply != nullptr) *apply = r;
  if (!r.ok()) return ::testing::AssertionFailure() << "apply tfplan failed:\n" << r.Describe();
  return EmptyPlan(d);
}

::testing::AssertionResult TerraformTest::Destroy(const WorkDir& d, const Vars& vars) {
  Vars args = {"destroy", "-auto-approve", "-input=false", "-no-color"};
  args.insert(args.end(), vars.begin(), vars.end());
  CliRun r = d.Tf(args);
  if (!r.ok()) return ::testing::AssertionFailure() << "destroy failed:\n" << r.Describe();
  return ::testing::AssertionSuccess();
}

Plan TerraformTest::PlanOut(const WorkDir& d, const Vars& vars) {
  Plan p;
  Vars args = {"plan", "-out=tfplan", "-input=false", "-no-color"};
  args.insert(args.end(), vars.begin(), vars.end());
  p.run = d.Tf(args);
  if (!p.run.ok()) {
    p.json = e2e::Json::Parse("");
    return p;
  }
  CliRun show = d.Tf({"show", "-json", "-no-color", "tfplan"});
  p.json = e2e::Json::Parse(show.out);
  if (!show.ok()) p.run.err += "\n[show -json failed]\n" + show.Describe();
  return p;
}

::testing::AssertionResult TerraformTest::PlanApplyReplan(const WorkDir& d,
                                                         const std::string& addr,
                                                         const Strings& expected, Plan* plan,
                                                         CliRun* apply) {
  Plan p = PlanOut(d);
  if (plan != nullptr) *plan = p;
  if (!p.json.ok()) return ::testing::AssertionFailure() << "plan failed:\n" << p.Describe();
  if (p.Actions(addr) != expected) {
    return ::testing::AssertionFailure() << "planned actions for " << addr << ": "
                                         << Join(p.Actions(addr)) << ", expected "
                                         << Join(expected) << "\n" << p.Describe();
  }
  return ApplySavedThenEmptyPlan(d, apply);
}

Attrs TerraformTest::BaseInstance(const std::string& name) const {
  return {{"instance_name", Q(name)},
          {"size", Q("g3.small")},
          {"image", Q("ubuntu-jammy")},
          {"network", "{ value = " + Q(net_) + " }"}};
}

std::string TerraformTest::Attr(const WorkDir& d, const std::string& addr,
                                const std::string& name) {
  e2e::Json state = d.State();
  const auto* attrs = StateObject(state, addr);
  const auto* v = attrs == nullptr ? nullptr : e2e::Get(*attrs, name.c_str());
  if (v == nullptr || v->IsNull()) return "";
  return v->IsString() ? e2e::Str(v) : e2e::Dump(*v);
}

int TerraformTest::ResourceCount(const WorkDir& d) {
  e2e::Json state = d.State();
  if (!state.ok()) return 0;
  const auto* resources = e2e::Get(state.root(), "resources");
  int n = 0;
  if (resources != nullptr && resources->IsArray()) {
    for (const auto& r : resources->GetArray()) {
      const auto* instances = e2e::Get(r, "instances");
      if (instances != nullptr && instances->IsArray()) n += static_cast<int>(instances->Size());
    }
  }
  return n;
}

std::optional<e2e::Json> TerraformTest::SimInstance(const std::string& id,
                                                    const std::string& region) {
  return sim_->Instance(id, region);
}

std::vector<std::string> TerraformTest::SimInstanceIds(const std::string& region) {
  return sim_->InstanceIds(region);
}

bool TerraformTest::WaitActive(const std::string& id, const std::string& region) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    auto i = sim_->Instance(id, region);
    if (i && e2e::Str(i->root(), "status") == "ACTIVE") return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

}  // namespace tfcli
