// The GoogleTest fixture shared by the end-to-end scenarios: each test gets
// its own simulator (127.0.0.1:0, short build time), its own tfdriver
// working directory, and helpers to write a civo_compute_instance
// configuration and run tfdriver commands on it.
#ifndef TESTS_E2E_FIXTURE_H_
#define TESTS_E2E_FIXTURE_H_

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/e2e/sim.h"
#include "tests/e2e/tfdriver_run.h"

namespace e2e {

inline constexpr const char* kWeb = "civo_compute_instance.web";

// Attribute name -> JSON text of its value; an empty text removes it.
using Fields = std::map<std::string, std::string>;

class E2ETest : public ::testing::Test {
 protected:
  // Derived fixtures change the simulator's start options here.
  virtual SimOptions Options() const { return SimOptions{}; }

  void SetUp() override;
  void TearDown() override;

  // The minimal valid body: instance_name, size, image, network {value}.
  Fields BaseFields(const std::string& name = "web-1") const;
  // A resource entry for config.json.
  static std::string Entry(const Fields& fields, bool create_before_destroy = false);
  static Fields With(Fields base, const Fields& changes);
  // Writes config.json with one resource `kWeb`.
  void SetWeb(const Fields& fields, bool create_before_destroy = false);

  TfResult Tf(const std::string& command, const std::vector<std::string>& args = {},
              const std::vector<std::string>& flags = {});
  // Runs a command that must succeed cleanly (exit 0, no errors, no
  // violations); records a failure with the full report otherwise.
  TfResult TfOk(const std::string& command, const std::vector<std::string>& args = {},
                const std::vector<std::string>& flags = {});

  std::string ProviderBlock() const;
  // At teardown: provider.log has a line for the provider's API requests
  // (when it made any) and holds neither the token nor user_data.
  void CheckProviderLog();
  // The current object's attribute `name` in state.json as JSON text /
  // string ("" when absent).
  std::string StateAttr(const std::string& addr, const std::string& name);
  std::string StateId(const std::string& addr = kWeb) { return StateAttr(addr, "id"); }

  std::unique_ptr<TempDir> simdir_;
  std::unique_ptr<Sim> sim_;
  std::unique_ptr<Workspace> ws_;
  // Seed data the simulator offers, looked up once.
  std::string net_;         // LON1's default network id
  std::string image_;       // a disk image name
  std::string image2_;      // another one
  std::string size_small_;  // a size
  std::string size_big_;    // a size with a larger disk than size_small_
  std::string size_same_disk_;  // another size with size_small_'s disk (may be "")
};

// Helpers for assertions.
bool Contains(const std::vector<std::string>& list, const std::string& item);
bool AnyStartsWith(const std::vector<std::string>& list, const std::string& prefix);
bool ContainsNoCase(const std::string& haystack, const std::string& needle);
std::string Join(const std::vector<std::string>& list);
// Index of the first log entry at or after `from` matching method and a
// path predicate; -1 when none.
long FindCall(const std::vector<SimRequest>& log, size_t from, const std::string& method,
              const std::vector<std::string>& path_parts,
              const std::vector<std::string>& path_excludes = {});

}  // namespace e2e

#endif  // TESTS_E2E_FIXTURE_H_
