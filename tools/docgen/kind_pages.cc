#include "tools/docgen/kind_pages.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "resources/civo_provider.h"
#include "tfplugin/data_source.h"
#include "tfplugin/resource.h"
#include "tools/docgen/page_template.h"
#include "tools/docgen/schema_markdown.h"

namespace docgen {
namespace {

// Resource types (each also a data source of the same name). A new kind
// adds its name here and its two templates.
const std::vector<std::string>& KindTypes() {
  static const std::vector<std::string> kTypes = {"civo_vpc", "civo_firewall", "civo_ssh_key"};
  return kTypes;
}

absl::Status AddPage(const std::filesystem::path& root, const std::string& dir, const std::string& type_name,
                     const tfplugin::Schema& schema, std::map<std::string, std::string>& pages) {
  absl::string_view short_name = type_name;
  absl::ConsumePrefix(&short_name, "civo_");
  const std::string page_name = absl::StrCat(dir, "/", short_name, ".md");
  const std::filesystem::path path = root / "tools/docgen/templates" / (page_name + ".tmpl");
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::string> page = ExpandTemplate(
      *text,
      {{"type_name", type_name}, {"description", schema.block.description}, {"schema", SchemaMarkdown(schema.block)}},
      root);
  if (!page.ok()) return absl::Status(page.status().code(), absl::StrCat(path.string(), ": ", page.status().message()));
  pages[page_name] = *std::move(page);
  return absl::OkStatus();
}

}  // namespace

absl::Status AddKindPages(const std::filesystem::path& root, std::map<std::string, std::string>& pages) {
  // Unconfigured: schemas need no configuration.
  std::unique_ptr<tfplugin::Provider> provider = resources::NewCivoProvider();
  for (const std::string& type : KindTypes()) {
    const tfplugin::Resource* r = provider->FindResource(type);
    const tfplugin::DataSource* d = provider->FindDataSource(type);
    if (r == nullptr || d == nullptr) return absl::NotFoundError(absl::StrCat("the provider serves no ", type));
    if (absl::Status s = AddPage(root, "resources", type, r->schema(), pages); !s.ok()) return s;
    if (absl::Status s = AddPage(root, "data-sources", type, d->schema(), pages); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace docgen
