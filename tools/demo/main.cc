// civo-demo: the quickstart's lifecycle (examples/quickstart) driven through
// the provider's real plugin protocol, for machines without terraform or
// tofu. Each command starts a fresh provider process the way Terraform does
// (magic cookie, AutoMTLS, protocol 6) and calls the RPCs in Terraform's
// order:
//
//   validate -> apply (create) -> plan (no changes) -> apply (resize in place)
//   -> apply (replace, create_before_destroy: new first, then the old one
//   deleted) -> destroy
//
// printing a plan/apply summary, the outputs (instance_id, public_ipv4,
// status) and, with --sim-log, the Civo API calls each command made. It
// checks what it shows (the resize keeps the id, the replacement changes it,
// the re-plan is empty) and exits non-zero when something is off.
//
// The token is not an argument: the provider reads CIVO_TOKEN from the
// environment it inherits.
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tools/demo/plan_view.h"
#include "tools/demo/plugin_session.h"
#include "tools/demo/sim_log.h"

namespace {

namespace cty = tfplugin::cty;
using demo::PlanResult;
using demo::PluginSession;
using demo::ResourceState;

constexpr char kType[] = "civo_compute_instance";
constexpr char kAddress[] = "civo_compute_instance.web";

struct Options {
  std::string provider;
  std::string api_url;
  std::string region = "LON1";
  std::string network_id;
  std::string name = "quickstart-1";
  std::string size = "g3.small";
  std::string resize_to = "g3.medium";
  std::string image = "ubuntu-jammy";
  std::string replace_image = "debian-11";
  std::string sim_log;
};

bool ParseArgs(int argc, char** argv, Options& o) {
  const std::map<std::string_view, std::string*> flags = {
      {"--provider", &o.provider},   {"--api-url", &o.api_url},
      {"--region", &o.region},       {"--network-id", &o.network_id},
      {"--name", &o.name},           {"--size", &o.size},
      {"--resize-to", &o.resize_to}, {"--image", &o.image},
      {"--replace-image", &o.replace_image}, {"--sim-log", &o.sim_log}};
  for (int i = 1; i < argc; i += 2) {
    auto it = flags.find(argv[i]);
    if (it == flags.end() || i + 1 >= argc) return false;
    *it->second = argv[i + 1];
  }
  return !o.provider.empty() && !o.api_url.empty() && !o.network_id.empty();
}

// ---- the quickstart's configuration, as Terraform would evaluate it ----

cty::Value ObjectOf(const cty::Type& type, const std::map<std::string, cty::Value>& set) {
  std::map<std::string, cty::Value> attrs;
  for (const auto& [name, unused] : type.attributes()) {
    auto it = set.find(name);
    attrs[name] = it == set.end() ? cty::Value::Null() : it->second;
  }
  return cty::Value::Object(std::move(attrs));
}

cty::Value ProviderConfig(const PluginSession& s, const Options& o) {
  // token stays null: CIVO_TOKEN from the environment, as in the quickstart.
  return ObjectOf(s.provider_type(), {{"region", cty::Value::String(o.region)},
                                      {"api_endpoint", cty::Value::String(o.api_url)}});
}

cty::Value ResourceConfig(const PluginSession& s, const Options& o, const std::string& size,
                          const std::string& image) {
  const cty::Type& network_type = s.resource_type().attributes().at("network");
  return ObjectOf(
      s.resource_type(),
      {{"instance_name", cty::Value::String(o.name)},
       {"size", cty::Value::String(size)},
       {"image", cty::Value::String(image)},
       {"network", ObjectOf(network_type, {{"value", cty::Value::String(o.network_id)}})},
       {"tags", cty::Value::List({cty::Value::String("quickstart"), cty::Value::String("web")})}});
}

// ---- printing ----

void Heading(const std::string& text) {
  static const bool tty = ::isatty(STDOUT_FILENO) != 0;
  std::cout << "\n" << (tty ? "\033[1m" : "") << "==> " << text << (tty ? "\033[0m" : "") << "\n";
}

std::string Str(const cty::Value& v) {
  if (v.is_null()) return "null";
  if (!v.is_known()) return "(unknown)";
  if (v.kind() == cty::Value::Kind::kString) return v.AsString();
  return demo::RenderValue(v);
}

void PrintOutputs(const cty::Value& state) {
  std::cout << "\nOutputs:\n\n"
            << "instance_id = \"" << Str(state.Attr("instance_id")) << "\"\n"
            << "public_ipv4 = \"" << Str(state.Attr("public_ipv4")) << "\"\n"
            << "private_ipv4 = \"" << Str(state.Attr("private_ipv4")) << "\"\n"
            << "status = \"" << Str(state.Attr("status")) << "\"\n"
            << "size = \"" << Str(state.Attr("size")) << " (" << Str(state.Attr("cpu_cores"))
            << " CPU, " << Str(state.Attr("ram_mb")) << " MB RAM, " << Str(state.Attr("disk_gb"))
            << " GB disk)\"\n";
}

// ---- running commands ----

class Demo {
 public:
  explicit Demo(Options o) : o_(std::move(o)), log_(o_.sim_log.empty() ? "" : o_.sim_log) {}

  // One command = one provider process, configured unless `configure` is false.
  absl::Status Command(const std::string& title, bool configure,
                       const std::function<absl::Status(PluginSession&)>& body) {
    Heading(title);
    size_t log_start = LogSize();
    auto session = PluginSession::Start(o_.provider, kType);
    if (!session.ok()) return session.status();
    std::cout << "  (provider pid " << (*session)->pid()
              << ": handshake done, protocol 6 over mutual TLS)\n";
    absl::Status st = absl::OkStatus();
    if (configure) st = (*session)->Configure(ProviderConfig(**session, o_));
    if (st.ok()) st = body(**session);
    for (const std::string& w : (*session)->TakeWarnings()) std::cout << "\n  " << w << "\n";
    auto exit_code = (*session)->Shutdown();
    if (st.ok() && exit_code != 0) {
      st = absl::InternalError("the provider did not exit cleanly after GRPCController/Shutdown");
    }
    PrintCalls(log_start);
    return st;
  }

  // The plan Terraform would make for `config` given `state` (refreshed first).
  absl::StatusOr<PlanResult> PlanFor(PluginSession& s, ResourceState& state, const cty::Value& config) {
    if (!state.value.is_null()) {
      auto refreshed = s.Refresh(state);
      if (!refreshed.ok()) return refreshed.status();
      state = *refreshed;
    }
    if (absl::Status v = s.ValidateResource(config); !v.ok()) return v;
    return s.Plan(state, demo::ProposedNew(s.resource_block(), state.value, config), config);
  }

  absl::Status Run() {
    ResourceState state{cty::Value::Null(), ""};
    auto sensitive = [](PluginSession& s) {
      return [&s](const std::string& a) { return s.IsSensitive(a); };
    };

    // validate: no ConfigureProvider, as in `terraform validate`.
    if (absl::Status st = Command("validate", false, [&](PluginSession& s) -> absl::Status {
          if (absl::Status v = s.ValidateResource(ResourceConfig(s, o_, o_.size, o_.image)); !v.ok()) return v;
          std::cout << "Success! The configuration is valid.\n";
          return absl::OkStatus();
        });
        !st.ok()) {
      return st;
    }

    // apply (create): plan in one process, apply in the next (re-planned
    // there, as Terraform's apply walk does).
    if (absl::Status st = Command(absl::StrCat("plan: create (size ", o_.size, ", image ", o_.image, ")"), true,
                                  [&](PluginSession& s) -> absl::Status {
                                    auto plan = PlanFor(s, state, ResourceConfig(s, o_, o_.size, o_.image));
                                    if (!plan.ok()) return plan.status();
                                    std::cout << demo::DescribeCreate(kAddress, plan->planned, sensitive(s))
                                              << "\nPlan: 1 to add, 0 to change, 0 to destroy.\n";
                                    return absl::OkStatus();
                                  });
        !st.ok()) {
      return st;
    }
    if (absl::Status st = ApplyStep("apply: create", o_.size, o_.image, state); !st.ok()) return st;
    const std::string first_id = Str(state.value.Attr("id"));

    if (absl::Status st = Command("plan again (nothing changed)", true, [&](PluginSession& s) -> absl::Status {
          auto plan = PlanFor(s, state, ResourceConfig(s, o_, o_.size, o_.image));
          if (!plan.ok()) return plan.status();
          if (!demo::IsNoOp(state.value, plan->planned) || !plan->requires_replace.empty()) {
            std::cout << demo::DescribeChange(kAddress, state.value, plan->planned, plan->requires_replace,
                                              true, sensitive(s));
            return absl::InternalError("the re-plan of an unchanged configuration is not empty");
          }
          std::cout << "No changes. Your infrastructure matches the configuration.\n";
          return absl::OkStatus();
        });
        !st.ok()) {
      return st;
    }

    if (absl::Status st = ApplyStep(absl::StrCat("apply: resize ", o_.size, " -> ", o_.resize_to, " (in place)"),
                                    o_.resize_to, o_.image, state);
        !st.ok()) {
      return st;
    }
    if (Str(state.value.Attr("id")) != first_id) {
      return absl::InternalError("the resize replaced the instance instead of resizing it in place");
    }
    std::cout << "\nOK: same instance " << first_id << ", now " << Str(state.value.Attr("size")) << "\n";

    if (absl::Status st = ApplyStep(absl::StrCat("apply: image ", o_.image, " -> ", o_.replace_image,
                                                 " (replacement, create_before_destroy)"),
                                    o_.resize_to, o_.replace_image, state);
        !st.ok()) {
      return st;
    }
    if (Str(state.value.Attr("id")) == first_id) {
      return absl::InternalError("the image change did not replace the instance");
    }
    std::cout << "\nOK: replaced " << first_id << " by " << Str(state.value.Attr("id")) << "\n";

    return Command("destroy", true, [&](PluginSession& s) -> absl::Status {
      auto refreshed = s.Refresh(state);
      if (!refreshed.ok()) return refreshed.status();
      state = *refreshed;
      if (state.value.is_null()) return absl::InternalError("the instance vanished before destroy");
      std::cout << demo::DescribeDestroy(kAddress, state.value) << "\nPlan: 0 to add, 0 to change, 1 to destroy.\n";
      if (absl::Status d = Destroy(s, state); !d.ok()) return d;
      std::cout << "\nDestroy complete! Resources: 1 destroyed.\n";
      return absl::OkStatus();
    });
  }

 private:
  // Plans and applies one change of the configuration, in one process.
  absl::Status ApplyStep(const std::string& title, const std::string& size, const std::string& image,
                         ResourceState& state) {
    return Command(title, true, [&](PluginSession& s) -> absl::Status {
      const cty::Value config = ResourceConfig(s, o_, size, image);
      auto sensitive = [&s](const std::string& a) { return s.IsSensitive(a); };
      auto plan = PlanFor(s, state, config);
      if (!plan.ok()) return plan.status();

      if (state.value.is_null()) {
        std::cout << demo::DescribeCreate(kAddress, plan->planned, sensitive)
                  << "\nPlan: 1 to add, 0 to change, 0 to destroy.\n\n" << kAddress << ": Creating...\n";
        auto created = s.Apply(state, *plan, config);
        if (!created.ok()) return created.status();
        state = *created;
        std::cout << kAddress << ": Creation complete [id=" << Str(state.value.Attr("id")) << "]\n";
      } else if (plan->requires_replace.empty()) {
        std::cout << demo::DescribeChange(kAddress, state.value, plan->planned, {}, true, sensitive)
                  << "\nPlan: 0 to add, 1 to change, 0 to destroy.\n\n" << kAddress << ": Modifying... [id="
                  << Str(state.value.Attr("id")) << "]\n";
        auto updated = s.Apply(state, *plan, config);
        if (!updated.ok()) return updated.status();
        state = *updated;
        std::cout << kAddress << ": Modifications complete [id=" << Str(state.value.Attr("id")) << "]\n";
      } else {
        std::cout << demo::DescribeChange(kAddress, state.value, plan->planned, plan->requires_replace, true,
                                          sensitive)
                  << "\nPlan: 1 to add, 0 to change, 1 to destroy.\n\n";
        // create_before_destroy: the old object is deposed, the new one
        // planned from scratch (null prior, as Terraform's second
        // PlanResourceChange) and created, then the deposed one destroyed.
        ResourceState deposed = state;
        ResourceState none{cty::Value::Null(), plan->planned_private};
        auto create_plan = s.Plan(none, demo::ProposedNew(s.resource_block(), cty::Value::Null(), config), config);
        if (!create_plan.ok()) return create_plan.status();
        std::cout << kAddress << ": Creating replacement...\n";
        auto created = s.Apply(ResourceState{cty::Value::Null(), ""}, *create_plan, config);
        if (!created.ok()) return created.status();
        state = *created;
        std::cout << kAddress << ": Creation complete [id=" << Str(state.value.Attr("id")) << "]\n"
                  << kAddress << " (deposed): Destroying... [id=" << Str(deposed.value.Attr("id")) << "]\n";
        if (absl::Status d = Destroy(s, deposed); !d.ok()) return d;
        std::cout << kAddress << " (deposed): Destruction complete\n";
      }
      PrintOutputs(state.value);
      return absl::OkStatus();
    });
  }

  // A destroy plan (null proposed state and config) and its apply.
  absl::Status Destroy(PluginSession& s, const ResourceState& state) {
    auto plan = s.Plan(state, cty::Value::Null(), cty::Value::Null());
    if (!plan.ok()) return plan.status();
    if (!plan->planned.is_null()) return absl::InternalError("the destroy plan is not null");
    auto gone = s.Apply(state, *plan, cty::Value::Null());
    if (!gone.ok()) return gone.status();
    if (!gone->value.is_null()) return absl::InternalError("the destroyed object is still in state");
    return absl::OkStatus();
  }

  size_t LogSize() {
    if (!log_.enabled()) return 0;
    auto calls = log_.Fetch();
    return calls.ok() ? calls->size() : 0;
  }

  void PrintCalls(size_t from) {
    if (!log_.enabled()) return;
    auto calls = log_.Fetch();
    if (!calls.ok()) {
      std::cout << "  (simulator log unavailable: " << calls.status().message() << ")\n";
      return;
    }
    if (from > calls->size()) from = calls->size();
    std::vector<demo::LoggedCall> mine(calls->begin() + static_cast<std::ptrdiff_t>(from), calls->end());
    std::cout << "\n  Civo API calls made by this command (simulator log):\n";
    if (mine.empty()) std::cout << "    (none)\n";
    for (const std::string& line : demo::Summarize(mine)) std::cout << "    " << line << "\n";
  }

  Options o_;
  demo::SimLog log_;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseArgs(argc, argv, options)) {
    std::cerr << "usage: civo-demo --provider PATH --api-url URL --network-id ID [--region LON1]\n"
                 "         [--name N] [--size S] [--resize-to S] [--image I] [--replace-image I]\n"
                 "         [--sim-log URL]   (the token comes from CIVO_TOKEN)\n";
    return 2;
  }
  if (std::getenv("CIVO_TOKEN") == nullptr) {
    std::cerr << "civo-demo: set CIVO_TOKEN (the provider reads it from the environment)\n";
    return 2;
  }
  Demo demo(options);
  absl::Status st = demo.Run();
  if (!st.ok()) {
    std::cerr << "\ncivo-demo: FAILED: " << st.message() << "\n";
    return 1;
  }
  return 0;
}
