// Running tfdriver (the Terraform-core stand-in) against the provider binary
// in a temporary working directory, and reading what it leaves behind: the
// JSON report (actions, diagnostics, protocol violations) and state.json.
#ifndef TESTS_E2E_TFDRIVER_RUN_H_
#define TESTS_E2E_TFDRIVER_RUN_H_

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tests/e2e/json.h"
#include "tests/e2e/process.h"

namespace e2e {

// Paths of the programs under test. Each comes from an environment variable
// (set by ctest) or, failing that, from the value CMake compiled in.
std::string ProviderBinary();
std::string SimBinary();
// tfdriver: $TFDRIVER, the path CMake found or built, or `tfdriver` on PATH;
// empty when none exists (the tests then skip).
std::string TfdriverBinary();

// A temporary directory, removed at destruction unless `keep()` was called
// (the tests keep it when they failed, so it can be inspected).
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "civo-e2e-");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }
  void keep() { keep_ = true; }

 private:
  std::string path_;
  bool keep_ = false;
};

// One diagnostic from a report, wherever it was recorded.
struct Diagnostic {
  std::string step;
  std::string resource;
  std::string severity;  // "error" / "warning"
  std::string summary;
  std::string detail;
  std::string attribute;  // e.g. "network.value_from.kind"
  std::string rpc;
  std::string origin;  // "provider" / "tfdriver"
  std::string ToString() const;
};

// What one tfdriver command did.
struct TfResult {
  int exit_code = -1;  // -1: did not finish within the timeout (killed)
  double seconds = 0;
  Json report;
  std::string output;  // tfdriver's human output (stdout + stderr)

  int errors() const;
  int violations() const;
  int warnings() const;
  // The action recorded for `addr` in the last step named `step`
  // ("plan", "destroy-plan", "apply", "import", ...); "" when absent.
  std::string Action(const std::string& addr, const std::string& step = "plan") const;
  // The whole per-resource entry (null when absent).
  const rapidjson::Value* ResourceEntry(const std::string& addr,
                                        const std::string& step = "plan") const;
  std::vector<std::string> RequiresReplace(const std::string& addr,
                                           const std::string& step = "plan") const;
  std::vector<std::string> ChangedAttributes(const std::string& addr,
                                             const std::string& step = "plan") const;
  std::vector<Diagnostic> Diagnostics() const;
  std::vector<Diagnostic> Errors() const;
  std::vector<Diagnostic> Warnings() const;
  // The provider_process entry of the last step named `step`.
  const rapidjson::Value* ProviderProcess(const std::string& step) const;
  // Everything a failing assertion should show: exit code, summary,
  // diagnostics, violations and the tail of the output.
  std::string Describe() const;
};

// A working directory for tfdriver: config.json, state.json, provider.log.
class Workspace {
 public:
  // `provider_block` is the JSON object text for config.json's "provider".
  explicit Workspace(std::string provider_block);

  const std::string& dir() const { return dir_.path(); }
  void keep() { dir_.keep(); }

  // Writes config.json with the provider block and these resources:
  // address -> full resource entry text ({"config": {...}, ...}).
  void SetResources(const std::map<std::string, std::string>& resources);
  // Writes config.json verbatim.
  void SetConfigText(const std::string& text);

  // Runs `tfdriver -provider BIN -dir DIR -report DIR/report-N.json CMD ARGS`.
  TfResult Run(const std::string& command, const std::vector<std::string>& args = {},
               const std::vector<std::string>& extra_flags = {},
               std::chrono::seconds timeout = std::chrono::seconds(120));
  // Starts a run without waiting (for interrupt tests); `report_path` gets
  // where the report will be written.
  std::optional<Process> Start(const std::string& command, const std::vector<std::string>& args,
                               const std::vector<std::string>& extra_flags,
                               std::string* report_path, std::string* output_path);
  static TfResult Collect(Process& p, const std::string& report_path,
                          const std::string& output_path, std::chrono::seconds timeout,
                          std::chrono::steady_clock::time_point started);

  // state.json (ok() false when there is none).
  Json State() const;

 private:
  TempDir dir_;
  std::string provider_block_;
  int runs_ = 0;
};

// Looks into a state.json document.
struct StateObject {
  const rapidjson::Value* attributes = nullptr;
  std::string status;   // "" or "tainted"
  std::string deposed;  // "" unless deposed
};
// Every object (current and deposed) of TYPE.NAME in the state.
std::vector<StateObject> StateObjects(const Json& state, const std::string& addr);
// The current (non-deposed) object, if any.
std::optional<StateObject> CurrentObject(const Json& state, const std::string& addr);
// A StateObject points into `state`: a temporary document would leave it
// dangling, so these overloads are deleted.
std::vector<StateObject> StateObjects(Json&& state, const std::string& addr) = delete;
std::optional<StateObject> CurrentObject(Json&& state, const std::string& addr) = delete;

// Replaces every ${KEY} in `text` by its value.
std::string Subst(std::string text, const std::map<std::string, std::string>& vars);

}  // namespace e2e

#endif  // TESTS_E2E_TFDRIVER_RUN_H_
