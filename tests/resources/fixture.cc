#include "tests/resources/fixture.h"

#include <optional>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "httplib.h"
#include "rapidjson/document.h"
#include "resources/civo_provider.h"
#include "resources/compute_instance/spec.h"
#include "resources/limits.h"

namespace restest {

using tfplugin::Diagnostics;
using tfplugin::Severity;

Value Ref(const std::string& id) {
  return Value::Object({{"value", Value::String(id)}, {"value_from", Value::Null()}});
}

Value RefByName(const std::string& name, const std::string& kind) {
  return Value::Object(
      {{"value", Value::Null()},
       {"value_from", Value::Object({{"kind", kind.empty() ? Value::Null() : Value::String(kind)},
                                     {"name", Value::String(name)}})}});
}

Value Strings(const std::vector<std::string>& items) {
  std::vector<Value> v;
  for (const auto& s : items) v.push_back(Value::String(s));
  return Value::List(std::move(v));
}

Value ProposedNewState(const tfplugin::Block& block, const Value& prior, const Value& config) {
  if (config.is_null()) return Value::Null();
  std::map<std::string, Value> out;
  // As Terraform proposes it, from the schema it reads.
  for (const auto& a : block.attributes) {
    const Value& c = config.Attr(a.name);
    const Value& p = prior.is_null() ? Value::Null() : prior.Attr(a.name);
    if (a.computed && !a.optional) {
      out.emplace(a.name, p);
    } else if (a.computed) {
      out.emplace(a.name, c.is_null() ? p : c);
    } else {
      out.emplace(a.name, c);
    }
  }
  return Value::Object(std::move(out));
}

Value ProposedNewState(const Value& prior, const Value& config) {
  return ProposedNewState(resources::compute_instance::ComputeInstanceSchema().block, prior, config);
}

std::string DiagText(const Diagnostics& d) {
  std::string out;
  for (const auto& i : d.items()) {
    absl::StrAppend(&out, i.severity == Severity::kError ? "ERROR " : "WARNING ", "[",
                    i.path.ToString(), "] ", i.summary, ": ", i.detail, "\n");
  }
  return out;
}

bool HasDiagAt(const Diagnostics& d, Severity sev, const std::string& path,
               const std::string& text_part) {
  for (const auto& i : d.items()) {
    if (i.severity != sev || i.path.ToString() != path) continue;
    if (text_part.empty() || absl::StrContains(i.summary + " " + i.detail, text_part)) return true;
  }
  return false;
}

void ResourceTest::SetUp() { StartSim(); }

void ResourceTest::StartSim(std::chrono::milliseconds build_time) {
  StopAll();
  civosim::SimOptions so;
  so.threads = 16;
  so.config.token = kToken;
  so.config.build_time = build_time;
  so.config.action_time = std::chrono::milliseconds(50);
  sim_ = std::make_unique<civosim::Simulator>(so);
  ASSERT_TRUE(sim_->Start());

  civoapi::ClientOptions co;
  co.api_url = sim_->url();
  co.token = kToken;
  co.region = "LON1";
  co.initial_backoff = std::chrono::milliseconds(20);
  co.max_backoff = std::chrono::milliseconds(200);
  auto client = civoapi::Client::Create(co);
  ASSERT_TRUE(client.ok()) << client.status();
  api_ = std::move(*client);

  provider_ = resources::NewCivoProvider([](const char*) { return std::optional<std::string>(); });
  Diagnostics d;
  provider_->Configure(Request("ConfigureProvider"),
                       Value::Object({{"token", Value::String(kToken)},
                                      {"region", Value::String("LON1")},
                                      {"api_endpoint", Value::String(sim_->url())}}),
                       "1.9.0", d);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  res_ = provider_->FindResource("civo_compute_instance");
  ASSERT_NE(res_, nullptr);

  auto networks = api_->ListNetworks(Opts());
  ASSERT_TRUE(networks.ok()) << networks.status();
  for (const auto& n : *networks) {
    if (n.is_default) default_network_id_ = n.id;
  }
  ASSERT_FALSE(default_network_id_.empty());
}

std::string ResourceTest::SimDefaultFirewall(const std::string& network_id) const {
  rapidjson::Document d;
  const std::string state = sim_->StateJson();
  d.Parse(state.c_str(), state.size());
  if (d.HasParseError() || !d.IsObject() || !d.HasMember("default_firewalls")) return "";
  const auto& m = d["default_firewalls"];
  if (!m.IsObject() || !m.HasMember(network_id.c_str()) || !m[network_id.c_str()].IsString()) return "";
  return m[network_id.c_str()].GetString();
}

std::vector<std::string> ResourceTest::CallBodies(uint64_t after_seq, const std::string& method,
                                                  const std::string& path) const {
  std::vector<std::string> out;
  for (const auto& e : sim_->Log()) {
    if (e.seq > after_seq && e.method == method && e.path == path) out.push_back(e.body);
  }
  return out;
}

void ResourceTest::TearDown() { StopAll(); }

void ResourceTest::StopAll() {
  // Clients first: their pooled keep-alive connections would otherwise hold
  // the simulator's workers until its keep-alive timeout.
  res_ = nullptr;
  provider_.reset();
  api_.reset();
  if (sim_) sim_->Stop();
  sim_.reset();
}

Value ResourceTest::Config(const std::map<std::string, Value>& overrides) const {
  std::map<std::string, Value> attrs;
  for (const auto& a : resources::compute_instance::ComputeInstanceSchema().block.attributes) {
    attrs.emplace(a.name, Value::Null());
  }
  attrs["instance_name"] = Value::String("web-1");
  attrs["size"] = Value::String("g3.small");
  attrs["image"] = Value::String("ubuntu-jammy");
  attrs["network"] = Ref(default_network_id_);
  for (const auto& [k, v] : overrides) attrs[k] = v;
  return Value::Object(std::move(attrs));
}

tfplugin::PlanResponse ResourceTest::Plan(const Value& prior, const Value& config, Diagnostics& d,
                                          const std::string& prior_private) {
  tfplugin::PlanRequest req;
  req.prior_state = prior;
  req.config = config;
  req.prior_private = prior_private;
  req.proposed_new_state = ProposedNewState(prior, config);
  return res_->Plan(Request("PlanResourceChange"), req, d);
}

tfplugin::ApplyResponse ResourceTest::Apply(const Value& prior, const Value& planned,
                                            const Value& config, Diagnostics& d,
                                            const std::string& planned_private) {
  return Apply(Request("ApplyResourceChange"), prior, planned, config, d, planned_private);
}

tfplugin::ApplyResponse ResourceTest::Apply(const tfplugin::RequestContext& ctx, const Value& prior,
                                            const Value& planned, const Value& config,
                                            Diagnostics& d, const std::string& planned_private) {
  tfplugin::ApplyRequest req;
  req.prior_state = prior;
  req.planned_state = planned;
  req.config = config;
  req.planned_private = planned_private;
  return res_->Apply(ctx, req, d);
}

void ExpectConsistentWithPlan(const Value& planned, const Value& result) {
  ASSERT_FALSE(result.is_null());
  EXPECT_TRUE(result.IsWhollyKnown()) << result.DebugString();
  for (const auto& [name, p] : planned.Entries()) {
    if (!p.IsWhollyKnown()) continue;
    EXPECT_EQ(result.Attr(name), p) << "attribute " << name << ": planned " << p.DebugString()
                                    << ", got " << result.Attr(name).DebugString();
  }
}

Value ResourceTest::CreateOk(const Value& config) {
  Diagnostics d;
  auto plan = Plan(Value::Null(), config, d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  auto applied = Apply(Value::Null(), plan.planned_state, config, d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
  return applied.new_state;
}

Value ResourceTest::UpdateOk(const Value& prior, const Value& config, std::string* private_data) {
  Diagnostics d;
  auto plan = Plan(prior, config, d, private_data != nullptr ? *private_data : "");
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_TRUE(plan.requires_replace.empty());
  auto applied = Apply(prior, plan.planned_state, config, d, plan.planned_private);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  ExpectConsistentWithPlan(plan.planned_state, applied.new_state);
  if (private_data != nullptr) *private_data = applied.private_data;
  return applied.new_state;
}

void ResourceTest::DestroyOk(const Value& prior) {
  Diagnostics d;
  tfplugin::PlanRequest preq;
  preq.prior_state = prior;
  auto plan = res_->Plan(Request("PlanResourceChange"), preq, d);
  EXPECT_TRUE(plan.planned_state.is_null());
  auto applied = Apply(prior, Value::Null(), Value::Null(), d);
  EXPECT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_TRUE(applied.new_state.is_null());
}

Value ResourceTest::Refresh(const Value& state, Diagnostics& d, const std::string& private_data) {
  tfplugin::ReadRequest req;
  req.current_state = state;
  req.private_data = private_data;
  auto resp = res_->Read(Request("ReadResource"), req, d);
  EXPECT_EQ(resp.private_data, private_data) << "Read changed the private state";
  return resp.new_state;
}

void ResourceTest::ExpectNoOpPlan(const Value& state, const Value& config,
                                  const std::string& private_data) {
  Diagnostics d;
  Value refreshed = Refresh(state, d, private_data);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_EQ(refreshed, state) << "refresh changed the state:\n"
                              << state.DebugString() << "\n" << refreshed.DebugString();
  auto plan = Plan(refreshed, config, d, private_data);
  ASSERT_FALSE(d.HasError()) << DiagText(d);
  EXPECT_TRUE(plan.requires_replace.empty());
  EXPECT_EQ(plan.planned_state, refreshed) << "not a no-op:\n"
                                           << refreshed.DebugString() << "\n"
                                           << plan.planned_state.DebugString();
}

std::vector<std::string> ResourceTest::MutatingCalls(uint64_t after_seq) const {
  std::vector<std::string> out;
  for (const auto& e : sim_->Log()) {
    if (e.seq <= after_seq || e.method == "GET") continue;
    out.push_back(absl::StrCat(e.method, " ", e.path));
  }
  return out;
}

size_t ResourceTest::CountCalls(uint64_t after_seq, const std::string& method,
                                const std::string& path) const {
  size_t n = 0;
  for (const auto& e : sim_->Log()) {
    if (e.seq > after_seq && e.method == method && e.path == path) ++n;
  }
  return n;
}

uint64_t ResourceTest::LastSeq() const {
  uint64_t last = 0;
  for (const auto& e : sim_->Log()) last = std::max(last, e.seq);
  return last;
}

std::string ResourceTest::NewSshKey(const std::string& name) {
  auto key = api_->CreateSshKey(name, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + name + " t@h", Opts());
  EXPECT_TRUE(key.ok()) << key.status();
  return key.ok() ? key->id : "";
}

civoapi::CallOptions ResourceTest::Opts(const std::string& region) const {
  civoapi::CallOptions o;
  o.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  o.region = region;
  return o;
}

std::string ResourceTest::AdminPost(const std::string& path, const std::string& json_body,
                                    const std::string& region) {
  httplib::Client c("127.0.0.1", sim_->port());
  auto r = c.Post((path + "?region=" + region).c_str(), json_body, "application/json");
  EXPECT_TRUE(r) << "admin call failed";
  return r ? r->body : "";
}

}  // namespace restest
