// docgen: writes the provider's registry documentation (docs/index.md,
// docs/resources/*.md) from its schema, or checks that the committed pages
// are what it would write.
//
//   docgen [--root REPO] --out DIR     write the pages under DIR
//   docgen [--root REPO] --check DIR   exit 1 when a page under DIR differs
//   docgen [--root REPO]               print every page to stdout
//
// REPO (default: the source tree it was built from) holds the templates in
// tools/docgen/templates and the examples they include.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/docgen/page_template.h"
#include "tools/docgen/pages.h"

namespace fs = std::filesystem;

namespace {

int Usage() {
  std::cerr << "usage: docgen [--root REPO] [--out DIR | --check DIR]\n";
  return 2;
}

// Where two texts first differ, for a drift message a person can act on.
std::string FirstDifference(const std::string& want, const std::string& have) {
  size_t line = 1;
  size_t start = 0;
  for (size_t i = 0; i < want.size() && i < have.size(); ++i) {
    if (want[i] != have[i]) {
      const size_t want_end = want.find('\n', start);
      const size_t have_end = have.find('\n', start);
      return absl::StrCat("first difference at line ", line, ":\n  generated: ",
                          want.substr(start, want_end - start), "\n  committed: ",
                          have.substr(start, have_end - start));
    }
    if (want[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  return absl::StrCat("one is a prefix of the other (generated ", want.size(), " bytes, committed ",
                      have.size(), " bytes)");
}

int Check(const std::map<std::string, std::string>& pages, const fs::path& dir) {
  int stale = 0;
  for (const auto& [name, content] : pages) {
    absl::StatusOr<std::string> committed = docgen::ReadTextFile(dir / name);
    if (!committed.ok()) {
      std::cerr << "docs drift: " << (dir / name).string() << " is missing\n";
      ++stale;
    } else if (*committed != content) {
      std::cerr << "docs drift: " << (dir / name).string() << " differs from the schema; "
                << FirstDifference(content, *committed) << "\n";
      ++stale;
    }
  }
  // A page for a resource or data source that no longer exists is drift too.
  for (const char* kind : {"resources", "data-sources"}) {
    const fs::path kind_dir = dir / kind;
    if (!fs::is_directory(kind_dir)) continue;
    for (const auto& entry : fs::directory_iterator(kind_dir)) {
      const std::string name = std::string(kind) + "/" + entry.path().filename().string();
      if (absl::EndsWith(name, ".md") && pages.count(name) == 0) {
        std::cerr << "docs drift: " << entry.path().string() << " documents nothing the provider serves\n";
        ++stale;
      }
    }
  }
  if (stale > 0) {
    std::cerr << stale << " page(s) out of date: run `make docs` and commit docs/\n";
    return 1;
  }
  std::cout << "docs up to date (" << pages.size() << " pages)\n";
  return 0;
}

int Write(const std::map<std::string, std::string>& pages, const fs::path& dir) {
  for (const auto& [name, content] : pages) {
    const fs::path path = dir / name;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) {
      std::cerr << "docgen: cannot write " << path.string() << "\n";
      return 1;
    }
    std::cout << "wrote " << path.string() << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = DOCGEN_SOURCE_ROOT;
  std::string mode;
  fs::path dir;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return Usage();
    if (arg == "--root") {
      root = argv[++i];
    } else if (arg == "--out" || arg == "--check") {
      mode = arg;
      dir = argv[++i];
    } else {
      return Usage();
    }
  }
  absl::StatusOr<std::map<std::string, std::string>> pages = docgen::RenderPages(root);
  if (!pages.ok()) {
    std::cerr << "docgen: " << pages.status().message() << "\n";
    return 1;
  }
  if (mode == "--check") return Check(*pages, dir);
  if (mode == "--out") return Write(*pages, dir);
  for (const auto& [name, content] : *pages) {
    std::cout << "<!-- " << name << " -->\n" << content;
  }
  return 0;
}
