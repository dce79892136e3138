#include "tests/terraform/terraform_cli.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "tests/e2e/process.h"

#ifndef CIVO_TF_SOURCE_DIR
#define CIVO_TF_SOURCE_DIR ""
#endif

namespace tfcli {
namespace {

bool Executable(const std::string& path) {
  return !path.empty() && ::access(path.c_str(), X_OK) == 0;
}

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

std::string Join(const std::vector<std::string>& args) {
  std::string out;
  for (const auto& a : args) out += (out.empty() ? "" : " ") + a;
  return out;
}

// The last `max` bytes of a text, for failure messages (TRACE output is
// megabytes long).
std::string Tail(const std::string& text, size_t max = 12000) {
  if (text.size() <= max) return text;
  return "[... " + std::to_string(text.size() - max) + " bytes ...]\n" +
         text.substr(text.size() - max);
}

}  // namespace

std::string TerraformBinary() {
  std::string configured = EnvOr("TERRAFORM", "");
  if (!configured.empty()) return Executable(configured) ? configured : "";
  std::stringstream path(EnvOr("PATH", ""));
  std::string dir;
  while (std::getline(path, dir, ':')) {
    if (!dir.empty() && Executable(dir + "/terraform")) return dir + "/terraform";
  }
  return "";
}

std::string SourceDir() { return EnvOr("CIVO_TF_SOURCE_DIR", CIVO_TF_SOURCE_DIR); }

std::string CliRun::Describe() const {
  std::ostringstream s;
  s << "terraform " << Join(args) << " -> "
    << (exit_code < 0 ? std::string("killed/not started") : "exit " + std::to_string(exit_code))
    << " (" << seconds << " s)\n--- stdout ---\n"
    << Tail(out) << "\n--- stderr ---\n"
    << Tail(err) << "\n";
  return s.str();
}

std::string Environment::Prepare(const std::string& root, const std::string& provider_binary) {
  mirror_ = root + "/mirror";
  home_ = root + "/home";
  cli_config_ = root + "/terraform.rc";
  std::error_code ec;
  std::filesystem::create_directories(home_, ec);
  if (ec) return "cannot create " + home_ + ": " + ec.message();

  // The project's own install path, as a user's `PLUGIN_DIR=... make install`.
  std::string script = SourceDir() + "/scripts/install.sh";
  std::vector<std::string> env = {"PATH=" + EnvOr("PATH", "/usr/bin:/bin"), "HOME=" + home_,
                                  "PLUGIN_DIR=" + mirror_, "BIN=" + provider_binary};
  std::string error;
  auto p = e2e::Process::StartWithEnv({"bash", script}, root + "/install.out",
                                      root + "/install.err", env, &error);
  if (!p) return "cannot run " + script + ": " + error;
  auto rc = p->Wait(std::chrono::seconds(60));
  if (!rc || *rc != 0) {
    return script + " failed: " + e2e::ReadFile(root + "/install.out") +
           e2e::ReadFile(root + "/install.err");
  }

  // Only the mirror, and no `direct` block: terraform may install this
  // provider from the mirror and nothing from anywhere else (the built-in
  // terraform_data needs no installation).
  std::string config =
      "disable_checkpoint = true\n"
      "provider_installation {\n"
      "  filesystem_mirror {\n"
      "    path    = \"" + mirror_ + "\"\n"
      "    include = [\"registry.terraform.io/project-planton/civo\", "
      "\"registry.opentofu.org/project-planton/civo\"]\n"
      "  }\n"
      "}\n";
  if (!e2e::WriteFile(cli_config_, config)) return "cannot write " + cli_config_;
  return "";
}

std::vector<std::string> Environment::Env(const std::map<std::string, std::string>& extra) const {
  std::map<std::string, std::string> all = {
      {"PATH", EnvOr("PATH", "/usr/bin:/bin")},
      {"HOME", home_},
      {"TF_CLI_CONFIG_FILE", cli_config_},
      {"TF_IN_AUTOMATION", "1"},
      {"TF_INPUT", "0"},
      {"CHECKPOINT_DISABLE", "1"},
      // Never the network: any request that is not for the local simulator
      // goes to a proxy that does not exist, and fails at once.
      {"HTTP_PROXY", "http://127.0.0.1:9"},
      {"HTTPS_PROXY", "http://127.0.0.1:9"},
      {"http_proxy", "http://127.0.0.1:9"},
      {"https_proxy", "http://127.0.0.1:9"},
      {"NO_PROXY", "127.0.0.1,localhost"},
      {"no_proxy", "127.0.0.1,localhost"},
  };
  // Passed through: where temporary files go, and the sanitizer settings of
  // `make test-asan` (terraform hands its environment to the provider).
  for (const char* name : {"TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
    if (const char* v = std::getenv(name); v != nullptr && *v != '\0') all[name] = v;
  }
  for (const auto& [k, v] : vars_) all[k] = v;
  for (const auto& [k, v] : extra) all[k] = v;
  std::vector<std::string> out;
  for (const auto& [k, v] : all) out.push_back(k + "=" + v);
  return out;
}

WorkDir::WorkDir(std::string path, const Environment* env) : path_(std::move(path)), env_(env) {
  std::error_code ec;
  std::filesystem::create_directories(path_ + "/.runs", ec);
}

bool WorkDir::Write(const std::string& name, const std::string& text) const {
  std::filesystem::path p(file(name));
  std::error_code ec;
  std::filesystem::create_directories(p.parent_path(), ec);
  return e2e::WriteFile(p.string(), text);
}

std::string WorkDir::Read(const std::string& name) const { return e2e::ReadFile(file(name)); }

bool WorkDir::Exists(const std::string& name) const {
  std::error_code ec;
  return std::filesystem::exists(file(name), ec);
}

CliRun WorkDir::Tf(const std::vector<std::string>& args,
                const std::map<std::string, std::string>& extra_env,
                std::chrono::seconds timeout) const {
  static std::atomic<int> counter{0};
  CliRun run;
  run.args = args;
  std::string base = path_ + "/.runs/" + std::to_string(++counter) + "-" +
                     (args.empty() ? std::string("none") : args.front());
  std::vector<std::string> argv = {TerraformBinary(), "-chdir=" + path_};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string error;
  auto start = std::chrono::steady_clock::now();
  auto p = e2e::Process::StartWithEnv(argv, base + ".out", base + ".err", env_->Env(extra_env),
                                      &error);
  if (!p) {
    run.err = error;
    return run;
  }
  auto rc = p->Wait(timeout);
  if (!rc) p->Kill();  // the whole group: terraform and its provider processes
  run.exit_code = rc ? *rc : -1;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.out = e2e::ReadFile(base + ".out");
  run.err = e2e::ReadFile(base + ".err");
  if (!rc) run.err += "\n[terraform killed after " + std::to_string(timeout.count()) + " s]";
  return run;
}

e2e::Json WorkDir::State() const { return e2e::Json::ParseFile(file("terraform.tfstate")); }

}  // namespace tfcli
