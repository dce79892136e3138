// Real terraform drives terraform-provider-tiny through a whole life:
// init, create, an empty re-plan, an in-place change, a replacement, the data
// source, the provider function, import, a `moved` block into another
// resource type, destroy. The provider is installed
// into a temporary filesystem mirror found through a temporary CLI config and
// a private HOME; the network is never used.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace {

namespace fs = std::filesystem;

struct TfRun {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::string Text() const { return out + err; }
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<fs::path> FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

class TinyTerraform : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tf = FindOnPath("terraform");
    if (!tf) GTEST_SKIP() << "terraform is not on PATH; this test needs terraform >= 1.8";
    terraform_ = *tf;
    char tmpl[] = "/tmp/tiny-tf-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    work_ = root_ / "work";
    fs::create_directories(work_);
    fs::create_directories(root_ / "home");
    const fs::path mirror = root_ / "mirror";
    const fs::path dir = mirror / "registry.terraform.io/example/tiny/0.1.0/linux_amd64";
    fs::create_directories(dir);
    fs::copy_file(TINY_PROVIDER_BINARY, dir / "terraform-provider-tiny_v0.1.0");
    fs::permissions(dir / "terraform-provider-tiny_v0.1.0", fs::perms::owner_all);
    std::ofstream(root_ / "cli.tfrc") << "provider_installation {\n  filesystem_mirror {\n"
                                      << "    path    = \"" << mirror.string() << "\"\n"
                                      << "    include = [\"registry.terraform.io/example/tiny\"]\n"
                                      << "  }\n}\n";
  }

  void TearDown() override {
    if (!root_.empty() && std::getenv("TINY_KEEP") == nullptr) {
      std::error_code ec;
      fs::remove_all(root_, ec);
    }
  }

  void WriteConfig(const std::string& resources) {
    std::ofstream(work_ / "main.tf")
        << "terraform {\n  required_providers {\n"
        << "    tiny = { source = \"example/tiny\", version = \"0.1.0\" }\n  }\n}\n"
        << "provider \"tiny\" {\n  store = \"${path.module}/notes.json\"\n}\n"
        << resources;
  }

  TfRun Terraform(std::vector<std::string> args) {
    TfRun r;
    const fs::path out = root_ / "stdout", err = root_ / "stderr";
    pid_t pid = ::fork();
    if (pid == 0) {
      int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(o, 1);
      ::dup2(e, 2);
      if (::chdir(work_.c_str()) != 0) ::_exit(126);
      std::vector<std::string> env = {
          "HOME=" + (root_ / "home").string(),
          "PATH=" + std::string(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin:/bin"),
          "TF_CLI_CONFIG_FILE=" + (root_ / "cli.tfrc").string(),
          "TF_IN_AUTOMATION=1",
          "CHECKPOINT_DISABLE=1",
          "TF_INPUT=0",
      };
      std::vector<char*> envp, argv;
      for (auto& s : env) envp.push_back(s.data());
      envp.push_back(nullptr);
      std::string prog = terraform_.string();
      argv.push_back(prog.data());
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execve(prog.c_str(), argv.data(), envp.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(out);
    r.err = ReadFile(err);
    return r;
  }

  std::string Output(const std::string& name) {
    TfRun r = Terraform({"output", "-raw", name});
    EXPECT_EQ(r.exit_code, 0) << r.Text();
    return r.out;
  }

  fs::path terraform_, root_, work_;
};

constexpr char kOutputs[] = R"(
output "id"       { value = tiny_note.a.id }
output "length"   { value = tiny_note.a.length }
output "revision" { value = tiny_note.a.revision }
output "kind"     { value = tiny_note.a.kind }
output "read"     { value = data.tiny_note.a.text }
output "words"    { value = provider::tiny::word_count(tiny_note.a.text) }
data "tiny_note" "a" { id = tiny_note.a.id }
)";

TEST_F(TinyTerraform, WholeLife) {
  WriteConfig(std::string("resource \"tiny_note\" \"a\" { text = \"hello tiny world\" }\n") +
              kOutputs);
  TfRun r = Terraform({"init", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();

  // Create: computed values come from the provider, the default fills kind.
  r = Terraform({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  const std::string id = Output("id");
  EXPECT_EQ(id.rfind("note-", 0), 0u) << id;
  EXPECT_EQ(Output("length"), "16");
  EXPECT_EQ(Output("revision"), "1");
  EXPECT_EQ(Output("kind"), "plain");
  EXPECT_EQ(Output("read"), "hello tiny world");
  EXPECT_EQ(Output("words"), "3");

  // Nothing changed: an empty plan.
  r = Terraform({"plan", "-detailed-exitcode", "-no-color"});
  EXPECT_EQ(r.exit_code, 0) << r.Text();

  // In place: same id, length and revision recomputed.
  WriteConfig(std::string("resource \"tiny_note\" \"a\" { text = \"hello again\" }\n") + kOutputs);
  r = Terraform({"plan", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  EXPECT_NE(r.out.find("updated in-place"), std::string::npos) << r.out;
  r = Terraform({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  EXPECT_EQ(Output("id"), id);
  EXPECT_EQ(Output("length"), "11");
  EXPECT_EQ(Output("revision"), "2");
  EXPECT_EQ(Output("words"), "2");
  EXPECT_EQ(Output("read"), "hello again");

  // kind requires replacement: a new id.
  WriteConfig(
      std::string("resource \"tiny_note\" \"a\" {\n  text = \"hello again\"\n  kind = \"todo\"\n}\n") +
      kOutputs);
  r = Terraform({"plan", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  EXPECT_NE(r.out.find("forces replacement"), std::string::npos) << r.out;
  r = Terraform({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  const std::string replaced = Output("id");
  EXPECT_NE(replaced, id);
  EXPECT_EQ(Output("kind"), "todo");
  EXPECT_EQ(Output("revision"), "1");

  // A value the declaration rejects: a diagnostic naming the attribute.
  WriteConfig(
      std::string("resource \"tiny_note\" \"a\" {\n  text = \"x\"\n  kind = \"grocery\"\n}\n") +
      kOutputs);
  r = Terraform({"validate", "-no-color"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.Text().find("Invalid kind"), std::string::npos) << r.Text();
  EXPECT_NE(r.Text().find("\"grocery\" is not one of"), std::string::npos) << r.Text();

  // Import: forget the note, import it by id, and the plan is empty again.
  WriteConfig(
      std::string("resource \"tiny_note\" \"a\" {\n  text = \"hello again\"\n  kind = \"todo\"\n}\n") +
      kOutputs);
  r = Terraform({"state", "rm", "tiny_note.a"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  r = Terraform({"import", "-no-color", "tiny_note.a", replaced});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  r = Terraform({"plan", "-detailed-exitcode", "-no-color"});
  EXPECT_EQ(r.exit_code, 0) << r.Text();

  // moved: tiny_note.a becomes tiny_memo.a (MoveResourceState), same object.
  WriteConfig(
      "resource \"tiny_memo\" \"a\" {\n  text = \"hello again\"\n  kind = \"todo\"\n}\n"
      "moved {\n  from = tiny_note.a\n  to   = tiny_memo.a\n}\n"
      "output \"memo_id\" { value = tiny_memo.a.id }\n");
  r = Terraform({"plan", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  EXPECT_NE(r.out.find("has moved to tiny_memo.a"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("must be replaced"), std::string::npos) << r.out;
  r = Terraform({"apply", "-auto-approve", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  EXPECT_EQ(Output("memo_id"), replaced);
  r = Terraform({"plan", "-detailed-exitcode", "-no-color"});
  EXPECT_EQ(r.exit_code, 0) << r.Text();

  // Destroy: the store holds no note.
  r = Terraform({"destroy", "-auto-approve", "-no-color"});
  ASSERT_EQ(r.exit_code, 0) << r.Text();
  const std::string store = ReadFile(work_ / "notes.json");
  EXPECT_EQ(store.find("note-"), std::string::npos) << store;
}

}  // namespace
