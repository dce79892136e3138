#include "tfplugin/framework/docs.h"

#include <vector>

#include "absl/strings/str_cat.h"

namespace tfplugin::fw {

namespace {

std::string TypeLabel(const cty::Type& t) {
  switch (t.kind()) {
    case cty::Type::Kind::kString: return "String";
    case cty::Type::Kind::kNumber: return "Number";
    case cty::Type::Kind::kBool: return "Boolean";
    case cty::Type::Kind::kList: return "List of " + TypeLabel(t.element());
    case cty::Type::Kind::kSet: return "Set of " + TypeLabel(t.element());
    case cty::Type::Kind::kMap: return "Map of " + TypeLabel(t.element());
    case cty::Type::Kind::kObject: return "Object";
    case cty::Type::Kind::kTuple: return "Tuple";
    case cty::Type::Kind::kDynamic: return "Dynamic";
  }
  return "Dynamic";
}

std::string Anchor(const std::string& path) {
  std::string out = "nestedatt--";
  for (char c : path) out += (c == '.' ? '-' : c);
  return out;
}

struct Section {
  std::string title;  // "Nested Schema for `a.b`"
  std::string anchor;
  const std::vector<Attribute>* attributes = nullptr;
  const Block* block = nullptr;
  std::string path;
};

std::string Entry(const std::string& name, const std::string& label, const std::string& desc,
                  bool sensitive, const std::string& link) {
  std::string out = absl::StrCat("- `", name, "` (", label, sensitive ? ", Sensitive" : "", ")");
  if (!desc.empty()) absl::StrAppend(&out, " ", desc);
  if (!link.empty()) absl::StrAppend(&out, " (see [below for nested schema](#", link, "))");
  return out + "\n";
}

// Renders one level; nested levels are queued in `sections`.
void RenderLevel(const std::vector<Attribute>& attributes, const std::vector<NestedBlock>* blocks,
                 const std::string& prefix, std::vector<Section>& sections, std::string& out) {
  std::string required, optional, read_only;
  for (const Attribute& a : attributes) {
    std::string label, link;
    if (a.nested) {
      const std::string path = prefix.empty() ? a.name : prefix + "." + a.name;
      link = Anchor(path);
      label = a.nested->nesting == Nesting::kList ? "Attributes List"
              : a.nested->nesting == Nesting::kSet ? "Attributes Set"
              : a.nested->nesting == Nesting::kMap ? "Attributes Map"
                                                   : "Attributes";
      sections.push_back(Section{"Nested Schema for `" + path + "`", link, &a.nested->attributes,
                                 nullptr, path});
    } else {
      label = TypeLabel(a.type);
    }
    std::string line = Entry(a.name, label, a.description, a.sensitive, link);
    if (a.required) {
      required += line;
    } else if (a.optional) {
      optional += line;
    } else {
      read_only += line;
    }
  }
  if (blocks != nullptr) {
    for (const NestedBlock& nb : *blocks) {
      const std::string path = prefix.empty() ? nb.type_name : prefix + "." + nb.type_name;
      const std::string link = Anchor(path);
      std::string label = nb.nesting == Nesting::kList ? "Block List" : "Block";
      if (nb.max_items > 0) absl::StrAppend(&label, ", Max: ", nb.max_items);
      if (nb.block) {
        sections.push_back(Section{"Nested Schema for `" + path + "`", link, nullptr,
                                   nb.block.get(), path});
      }
      std::string line = Entry(nb.type_name, label, nb.block ? nb.block->description : "", false,
                               link);
      (nb.min_items > 0 ? required : optional) += line;
    }
  }
  if (!required.empty()) absl::StrAppend(&out, "### Required\n\n", required, "\n");
  if (!optional.empty()) absl::StrAppend(&out, "### Optional\n\n", optional, "\n");
  if (!read_only.empty()) absl::StrAppend(&out, "### Read-Only\n\n", read_only, "\n");
}

const char* KindLabel(DocKind kind) {
  switch (kind) {
    case DocKind::kResource: return "Resource";
    case DocKind::kDataSource: return "Data Source";
    case DocKind::kEphemeralResource: return "Ephemeral Resource";
    case DocKind::kProvider: return "Provider";
  }
  return "Resource";
}

// The first sentence, for the front matter.
std::string FirstParagraph(const std::string& s) {
  const size_t end = s.find("\n\n");
  return end == std::string::npos ? s : s.substr(0, end);
}

}  // namespace

std::string RenderDocPage(DocKind kind, const std::string& name, const Schema& schema) {
  const Block& block = schema.block;
  std::string out = absl::StrCat("---\npage_title: \"", name, " ", KindLabel(kind),
                                 "\"\ndescription: |-\n  ", FirstParagraph(block.description),
                                 "\n---\n\n# ", name, " (", KindLabel(kind), ")\n\n");
  if (!block.description.empty()) absl::StrAppend(&out, block.description, "\n\n");
  absl::StrAppend(&out, "## Schema\n\n");
  std::vector<Section> sections;
  RenderLevel(block.attributes, &block.block_types, "", sections, out);
  // Breadth-first over nested levels; each may queue more.
  for (size_t i = 0; i < sections.size(); ++i) {
    const Section s = sections[i];
    absl::StrAppend(&out, "<a id=\"", s.anchor, "\"></a>\n### ", s.title, "\n\n");
    if (s.block != nullptr) {
      RenderLevel(s.block->attributes, &s.block->block_types, s.path, sections, out);
    } else {
      RenderLevel(*s.attributes, nullptr, s.path, sections, out);
    }
  }
  while (out.size() >= 2 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') {
    out.pop_back();
  }
  return out;
}

std::string RenderFunctionDoc(const std::string& provider_name, const std::string& name,
                              const FunctionSignature& sig) {
  std::string out = absl::StrCat("---\npage_title: \"", name, " function\"\ndescription: |-\n  ",
                                 sig.summary, "\n---\n\n# function: ", name, "\n\n");
  if (!sig.description.empty()) absl::StrAppend(&out, sig.description, "\n\n");
  std::string params;
  for (const FunctionParameter& p : sig.parameters) {
    absl::StrAppend(&params, params.empty() ? "" : ", ", p.name, " ", TypeLabel(p.type));
  }
  if (sig.variadic) {
    absl::StrAppend(&params, params.empty() ? "" : ", ", sig.variadic->name, "... ",
                    TypeLabel(sig.variadic->type));
  }
  absl::StrAppend(&out, "## Signature\n\n```text\nprovider::", provider_name, "::", name, "(",
                  params, ") ", TypeLabel(sig.return_type), "\n```\n\n## Arguments\n\n");
  int i = 1;
  for (const FunctionParameter& p : sig.parameters) {
    absl::StrAppend(&out, i++, ". `", p.name, "` (", TypeLabel(p.type), ")",
                    p.description.empty() ? "" : " ", p.description, "\n");
  }
  if (sig.variadic) {
    absl::StrAppend(&out, i, ". `", sig.variadic->name, "` (Variadic, ",
                    TypeLabel(sig.variadic->type), ")", sig.variadic->description.empty() ? "" : " ",
                    sig.variadic->description, "\n");
  }
  return out;
}

}  // namespace tfplugin::fw
