// A child process for the end-to-end tests: spawned with posix_spawn in its
// own process group (so a timeout or teardown kills it together with the
// provider processes it started), stdout/stderr redirected to files (a pipe
// that nobody drains would eventually block the child), always reaped.
#ifndef TESTS_E2E_PROCESS_H_
#define TESTS_E2E_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace e2e {

class Process {
 public:
  // Starts argv[0] (an absolute path or a name looked up in PATH) with the
  // current environment plus `extra_env` ("K=V"). Returns nullopt and sets
  // *error when the spawn fails.
  static std::optional<Process> Start(const std::vector<std::string>& argv,
                                      const std::string& stdout_path,
                                      const std::string& stderr_path,
                                      const std::vector<std::string>& extra_env,
                                      std::string* error);
  // The same, with exactly `environment` ("K=V") and nothing inherited: for
  // programs whose behaviour depends on variables the test runner may have
  // set (terraform reads TF_*, HOME, ...). Where a name appears twice, most
  // programs take the first, so an appended override would not be enough.
  static std::optional<Process> StartWithEnv(const std::vector<std::string>& argv,
                                             const std::string& stdout_path,
                                             const std::string& stderr_path,
                                             const std::vector<std::string>& environment,
                                             std::string* error);

  Process(Process&& other) noexcept;
  Process& operator=(Process&& other) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  // Kills the whole process group and reaps the child if still running.
  ~Process();

  pid_t pid() const { return pid_; }
  bool running();
  // Waits up to `timeout` for the exit; returns the exit code (128+signal
  // when killed by a signal), or nullopt on timeout (the child is left
  // running).
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  // Sends `sig` to the child's whole process group (like a terminal does for
  // Ctrl-C).
  void SignalGroup(int sig);
  // SIGKILL to the group, then reap.
  void Kill();

 private:
  explicit Process(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

}  // namespace e2e

#endif  // TESTS_E2E_PROCESS_H_
