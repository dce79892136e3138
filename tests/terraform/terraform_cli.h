// The real `terraform` CLI as the tests run it: a private, offline
// environment (its own HOME, CLI configuration and filesystem mirror, the
// provider installed there by scripts/install.sh, nothing inherited from the
// user's TF_* variables or ~/.terraform.d), and working directories in which
// terraform commands run with a timeout and their output kept.
#ifndef TESTS_TERRAFORM_TERRAFORM_CLI_H_
#define TESTS_TERRAFORM_TERRAFORM_CLI_H_

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/json.h"

namespace tfcli {

// $TERRAFORM when set, else `terraform` found on PATH; "" when there is none.
std::string TerraformBinary();
// The source tree (for scripts/install.sh and examples/).
std::string SourceDir();

// What one terraform command did.
struct CliRun {
  std::vector<std::string> args;
  int exit_code = -1;  // -1: killed at the timeout (or failed to start)
  double seconds = 0;
  std::string out;
  std::string err;
  // "terraform ARGS -> exit N (S s)" followed by both streams, for failure
  // messages.
  std::string Describe() const;
  bool ok() const { return exit_code == 0; }
};

// One private terraform installation context, shared by every working
// directory of a test: HOME, the CLI config, the filesystem mirror.
class Environment {
 public:
  // Installs the provider `provider_binary` into `root`/mirror with
  // scripts/install.sh (PLUGIN_DIR, BIN) and writes `root`/terraform.rc
  // whose provider_installation names only that mirror (no `direct`: nothing
  // is ever fetched from a registry). Returns "" or what went wrong.
  std::string Prepare(const std::string& root, const std::string& provider_binary);

  // Variables every command gets (besides PATH, HOME, the CLI config, the
  // automation settings and the pass-through ones in Env()), e.g.
  // CIVO_TOKEN and CIVO_API_URL.
  void Set(const std::string& name, const std::string& value) { vars_[name] = value; }
  void Unset(const std::string& name) { vars_.erase(name); }

  const std::string& mirror() const { return mirror_; }
  const std::string& home() const { return home_; }
  const std::string& cli_config() const { return cli_config_; }

  // The complete environment of a terraform process, `extra` last
  // (overriding).
  std::vector<std::string> Env(const std::map<std::string, std::string>& extra = {}) const;

 private:
  std::string mirror_;
  std::string home_;
  std::string cli_config_;
  std::map<std::string, std::string> vars_;
};

// A terraform working directory (terraform runs with -chdir, so paths in
// arguments such as -out are relative to it).
class WorkDir {
 public:
  WorkDir(std::string path, const Environment* env);

  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  // Writes a file (creating sub-directories); false on failure.
  bool Write(const std::string& name, const std::string& text) const;
  std::string Read(const std::string& name) const;
  bool Exists(const std::string& name) const;

  // Runs `terraform -chdir=DIR ARGS` with the environment's variables plus
  // `extra_env`; stdout/stderr go to numbered files in DIR/.runs/ (kept with
  // the directory when a test fails).
  CliRun Tf(const std::vector<std::string>& args,
         const std::map<std::string, std::string>& extra_env = {},
         std::chrono::seconds timeout = std::chrono::seconds(180)) const;

  // terraform.tfstate (local backend), parsed; !ok() when absent.
  e2e::Json State() const;

 private:
  std::string path_;
  const Environment* env_;
};

}  // namespace tfcli

#endif  // TESTS_TERRAFORM_TERRAFORM_CLI_H_
