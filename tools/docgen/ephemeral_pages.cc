#include "tools/docgen/ephemeral_pages.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "resources/civo_provider.h"
#include "tfplugin/data_source.h"
#include "tools/docgen/page_template.h"
#include "tools/docgen/schema_markdown.h"

namespace docgen {

absl::Status AddEphemeralPages(const std::filesystem::path& root,
                               std::map<std::string, std::string>& pages) {
  // Unconfigured: schemas need no configuration.
  const std::unique_ptr<tfplugin::Provider> provider = resources::NewCivoProvider();
  for (const tfplugin::EphemeralResource* e : provider->ephemeral_resources()) {
    absl::string_view short_name = e->type_name();
    absl::ConsumePrefix(&short_name, "civo_");
    const std::string page_name = absl::StrCat("ephemeral-resources/", short_name, ".md");
    const std::filesystem::path path = root / "tools/docgen/templates" / (page_name + ".tmpl");
    absl::StatusOr<std::string> text = ReadTextFile(path);
    if (!text.ok()) return text.status();
    absl::StatusOr<std::string> page =
        ExpandTemplate(*text,
                       {{"type_name", e->type_name()},
                        {"description", e->schema().block.description},
                        {"schema", SchemaMarkdown(e->schema().block)}},
                       root);
    if (!page.ok()) {
      return absl::Status(page.status().code(),
                          absl::StrCat(path.string(), ": ", page.status().message()));
    }
    pages[page_name] = *std::move(page);
  }
  return absl::OkStatus();
}

}  // namespace docgen
