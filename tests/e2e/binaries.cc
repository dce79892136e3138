// Where the programs under test are. Compiled into each test executable with
// that executable's CMake-provided paths; an environment variable of the same
// name overrides each (handy to point the suite at another build).
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <string>

#include "tests/e2e/tfdriver_run.h"

#ifndef CIVO_E2E_PROVIDER
#define CIVO_E2E_PROVIDER ""
#endif
#ifndef CIVO_E2E_SIM
#define CIVO_E2E_SIM ""
#endif
#ifndef CIVO_E2E_TFDRIVER
#define CIVO_E2E_TFDRIVER ""
#endif

namespace e2e {
namespace {

std::string EnvOr(const char* name, const char* compiled_in) {
  const char* v = std::getenv(name);
  if (v != nullptr && *v != '\0') return v;
  return compiled_in;
}

bool Executable(const std::string& path) {
  return !path.empty() && ::access(path.c_str(), X_OK) == 0;
}

std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::stringstream ss(path);
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (Executable(candidate)) return candidate;
  }
  return "";
}

}  // namespace

std::string ProviderBinary() { return EnvOr("CIVO_E2E_PROVIDER", CIVO_E2E_PROVIDER); }
std::string SimBinary() { return EnvOr("CIVO_E2E_SIM", CIVO_E2E_SIM); }

std::string TfdriverBinary() {
  std::string configured = EnvOr("TFDRIVER", CIVO_E2E_TFDRIVER);
  if (Executable(configured)) return configured;
  return FindOnPath("tfdriver");
}

}  // namespace e2e
