#include "tools/docgen/pages.h"

#include <memory>
#include <optional>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "resources/civo_provider.h"
#include "resources/compute_instance/spec.h"
#include "resources/manifest/manifest_function.h"
#include "resources/provider_config.h"
#include "tools/docgen/kind_pages.h"
#include "tools/docgen/ephemeral_pages.h"
#include "tfplugin/framework/docs.h"
#include "tools/docgen/schema_markdown.h"

namespace docgen {
namespace {

struct DocumentedResource {
  const std::string* type_name;
  const tfplugin::Schema* schema;  // the very object GetProviderSchema serves
};

// Every resource type the provider serves. A new resource adds its line here
// (and a template); the drift test then insists its page is committed.
std::vector<DocumentedResource> Resources() {
  return {
      {&resources::compute_instance::ComputeInstanceTypeName(),
       &resources::compute_instance::ComputeInstanceSchema()},
  };
}

// Every provider function, documented as functions/NAME.md from the
// signature Terraform is served (and a template for the examples).
std::vector<std::unique_ptr<tfplugin::Function>> Functions() {
  std::vector<std::unique_ptr<tfplugin::Function>> out;
  out.push_back(resources::manifest::NewManifestFunction());
  return out;
}

absl::StatusOr<std::string> Render(const std::filesystem::path& root, const std::string& template_name,
                                   const std::map<std::string, std::string>& vars) {
  const std::filesystem::path path = root / "tools/docgen/templates" / template_name;
  absl::StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return text.status();
  absl::StatusOr<std::string> page = ExpandTemplate(*text, vars, root);
  if (!page.ok()) {
    return absl::Status(page.status().code(), absl::StrCat(path.string(), ": ", page.status().message()));
  }
  return page;
}

// The page of a type `components.cc` adds: from its own template
// (templates/DIR/NAME.md.tmpl) when there is one, else the generic one.
absl::Status RenderComponent(const std::filesystem::path& root, const std::string& dir,
                             const std::string& fallback, const std::string& type_name,
                             const tfplugin::Schema& schema, std::map<std::string, std::string>& pages) {
  absl::string_view short_name = type_name;
  absl::ConsumePrefix(&short_name, "civo_");
  const std::string page_name = absl::StrCat(dir, "/", short_name, ".md");
  const bool own = std::filesystem::exists(root / "tools/docgen/templates" / (page_name + ".tmpl"));
  absl::StatusOr<std::string> page = Render(root, own ? page_name + ".tmpl" : fallback,
                                            {{"type_name", type_name},
                                             {"description", schema.block.description},
                                             {"schema", SchemaMarkdown(schema.block)}});
  if (!page.ok()) return page.status();
  pages[page_name] = *std::move(page);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> RenderPages(const std::filesystem::path& root) {
  std::map<std::string, std::string> pages;

  absl::StatusOr<std::string> index =
      Render(root, "index.md.tmpl", {{"schema", SchemaMarkdown(resources::ProviderConfigSchema().block)}});
  if (!index.ok()) return index.status();
  pages["index.md"] = *std::move(index);

  for (const DocumentedResource& r : Resources()) {
    absl::string_view short_name = *r.type_name;
    absl::ConsumePrefix(&short_name, "civo_");
    const std::string page_name = absl::StrCat("resources/", short_name, ".md");
    absl::StatusOr<std::string> page =
        Render(root, page_name + ".tmpl",
               {{"type_name", *r.type_name},
                {"description", r.schema->block.description},
                {"schema", SchemaMarkdown(r.schema->block)}});
    if (!page.ok()) return page.status();
    pages[page_name] = *std::move(page);
  }
  if (absl::Status s = AddKindPages(root, pages); !s.ok()) return s;
  if (absl::Status s = AddEphemeralPages(root, pages); !s.ok()) return s;

  // Every other resource and every data source the provider serves.
  const std::unique_ptr<tfplugin::Provider> provider =
      resources::NewCivoProvider([](const char*) { return std::optional<std::string>(); });
  for (const tfplugin::Resource* r : provider->resources()) {
    if (pages.count(absl::StrCat("resources/", absl::StripPrefix(r->type_name(), "civo_"), ".md")) > 0) continue;
    if (absl::Status s = RenderComponent(root, "resources", "resource.md.tmpl", r->type_name(), r->schema(), pages);
        !s.ok()) {
      return s;
    }
  }
  for (const tfplugin::DataSource* ds : provider->data_sources()) {
    if (pages.count(absl::StrCat("data-sources/", absl::StripPrefix(ds->type_name(), "civo_"), ".md")) > 0) {
      continue;
    }
    if (absl::Status s =
            RenderComponent(root, "data-sources", "data-source.md.tmpl", ds->type_name(), ds->schema(), pages);
        !s.ok()) {
      return s;
    }
  }

  for (const std::unique_ptr<tfplugin::Function>& f : Functions()) {
    const std::string page_name = absl::StrCat("functions/", f->name(), ".md");
    absl::StatusOr<std::string> page = Render(
        root, page_name + ".tmpl",
        {{"function", tfplugin::fw::RenderFunctionDoc("civo", f->name(), f->signature())}});
    if (!page.ok()) return page.status();
    pages[page_name] = *std::move(page);
  }
  return pages;
}

}  // namespace docgen
