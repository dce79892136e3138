#include "tools/docgen/pages.h"

#include <memory>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "resources/civo_provider.h"
#include "resources/provider_config.h"
#include "tfplugin/framework/docs.h"
#include "tools/docgen/schema_markdown.h"

namespace docgen {
namespace {

using Vars = std::map<std::string, std::string>;

absl::StatusOr<std::string> Render(const std::filesystem::path& root, const std::string& template_name,
                                   const Vars& vars) {
  const std::filesystem::path path = root / "tools/docgen/templates" / template_name;
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::string> page = ExpandTemplate(*text, vars, root);
  if (!page.ok()) {
    return absl::Status(page.status().code(), absl::StrCat(path.string(), ": ", page.status().message()));
  }
  return page;
}

// Adds DIR/NAME.md (NAME is `name` without `civo_`): from the type's own
// template (templates/DIR/NAME.md.tmpl) when there is one, else `generic`.
absl::Status AddPage(const std::filesystem::path& root, const std::string& dir, const std::string& generic,
                     absl::string_view name, const Vars& vars, std::map<std::string, std::string>& pages) {
  absl::ConsumePrefix(&name, "civo_");
  const std::string page_name = absl::StrCat(dir, "/", name, ".md");
  const bool own = std::filesystem::exists(root / "tools/docgen/templates" / (page_name + ".tmpl"));
  absl::StatusOr<std::string> page = Render(root, own ? page_name + ".tmpl" : generic, vars);
  if (!page.ok()) return page.status();
  pages[page_name] = *std::move(page);
  return absl::OkStatus();
}

Vars SchemaVars(const std::string& type_name, const tfplugin::Schema& schema) {
  return {{"type_name", type_name},
          {"description", schema.block.description},
          {"schema", SchemaMarkdown(schema.block)}};
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> RenderPages(const std::filesystem::path& root) {
  std::map<std::string, std::string> pages;

  absl::StatusOr<std::string> index =
      Render(root, "index.md.tmpl", {{"schema", SchemaMarkdown(resources::ProviderConfigSchema().block)}});
  if (!index.ok()) return index.status();
  pages["index.md"] = *std::move(index);

  // Unconfigured, with no environment: schemas need neither.
  const std::unique_ptr<tfplugin::Provider> provider =
      resources::NewCivoProvider([](const char*) { return std::optional<std::string>(); });
  for (const tfplugin::Resource* r : provider->resources()) {
    if (absl::Status s = AddPage(root, "resources", "resource.md.tmpl", r->type_name(),
                                 SchemaVars(r->type_name(), r->schema()), pages);
        !s.ok()) {
      return s;
    }
  }
  for (const tfplugin::DataSource* d : provider->data_sources()) {
    if (absl::Status s = AddPage(root, "data-sources", "data-source.md.tmpl", d->type_name(),
                                 SchemaVars(d->type_name(), d->schema()), pages);
        !s.ok()) {
      return s;
    }
  }
  for (const tfplugin::EphemeralResource* e : provider->ephemeral_resources()) {
    if (absl::Status s = AddPage(root, "ephemeral-resources", "ephemeral-resource.md.tmpl", e->type_name(),
                                 SchemaVars(e->type_name(), e->schema()), pages);
        !s.ok()) {
      return s;
    }
  }
  for (const tfplugin::Function* f : provider->functions()) {
    const Vars vars = {{"name", f->name()},
                       {"function", tfplugin::fw::RenderFunctionDoc("civo", f->name(), f->signature())}};
    if (absl::Status s = AddPage(root, "functions", "function.md.tmpl", f->name(), vars, pages); !s.ok()) {
      return s;
    }
  }
  return pages;
}

}  // namespace docgen
