#include "tools/docgen/pages.h"

#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "resources/compute_instance/spec.h"
#include "resources/manifest/manifest_function.h"
#include "resources/provider_config.h"
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
