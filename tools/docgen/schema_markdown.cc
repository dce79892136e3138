#include "tools/docgen/schema_markdown.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace docgen {
namespace {

using tfplugin::Attribute;
using tfplugin::Block;
using tfplugin::NestedBlock;
using tfplugin::Nesting;
using tfplugin::cty::Type;

// A nested schema still to be written out, below the list that links to it.
struct PendingSection {
  std::string anchor;  // e.g. nestedatt--network--value_from
  std::string title;   // e.g. network.value_from
  const std::vector<Attribute>* attributes = nullptr;
  const Block* block = nullptr;
};

std::string NestingLabel(Nesting nesting, bool is_block) {
  const std::string noun = is_block ? "Block" : "Attributes";
  switch (nesting) {
    case Nesting::kSingle:
    case Nesting::kGroup:
      return noun;
    case Nesting::kList:
      return noun + " List";
    case Nesting::kSet:
      return noun + " Set";
    case Nesting::kMap:
      return noun + " Map";
  }
  return noun;
}

// Trailing space/newlines would break the one-line list entry.
std::string TrimmedDescription(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  return std::string(text);
}

enum class Group { kRequired, kOptional, kReadOnly };

Group GroupOf(const Attribute& a) {
  if (a.required) return Group::kRequired;
  if (a.optional) return Group::kOptional;  // optional+computed included
  return Group::kReadOnly;
}

Group GroupOf(const NestedBlock& b) {
  return b.min_items > 0 ? Group::kRequired : Group::kOptional;
}

class Renderer {
 public:
  std::string Render(const Block& block) {
    out_ += "## Schema\n";
    WriteGroups("", block.attributes, &block.block_types);
    // Sections may queue further sections (nesting within nesting): a FIFO
    // keeps them in the order their parents mention them.
    for (size_t i = 0; i < pending_.size(); ++i) {
      const PendingSection s = pending_[i];
      out_ += "\n<a id=\"" + s.anchor + "\"></a>\n";
      out_ += "### Nested Schema for `" + s.title + "`\n";
      if (s.block != nullptr) {
        WriteGroups(s.title, s.block->attributes, &s.block->block_types, s.anchor);
      } else {
        WriteGroups(s.title, *s.attributes, nullptr, s.anchor);
      }
    }
    return out_;
  }

 private:
  void WriteGroups(const std::string& prefix, const std::vector<Attribute>& attributes,
                   const std::vector<NestedBlock>* blocks, const std::string& parent_anchor = "") {
    static constexpr std::pair<Group, std::string_view> kGroups[] = {
        {Group::kRequired, "Required"}, {Group::kOptional, "Optional"}, {Group::kReadOnly, "Read-Only"}};
    std::vector<const Attribute*> sorted_attributes;
    for (const Attribute& a : attributes) sorted_attributes.push_back(&a);
    std::sort(sorted_attributes.begin(), sorted_attributes.end(),
              [](const Attribute* x, const Attribute* y) { return x->name < y->name; });
    std::vector<const NestedBlock*> sorted_blocks;
    if (blocks != nullptr) {
      for (const NestedBlock& b : *blocks) sorted_blocks.push_back(&b);
      std::sort(sorted_blocks.begin(), sorted_blocks.end(),
                [](const NestedBlock* x, const NestedBlock* y) { return x->type_name < y->type_name; });
    }
    for (const auto& [group, label] : kGroups) {
      std::string entries;
      for (const Attribute* a : sorted_attributes) {
        if (GroupOf(*a) == group) entries += AttributeEntry(prefix, parent_anchor, *a);
      }
      for (const NestedBlock* b : sorted_blocks) {
        if (GroupOf(*b) == group) entries += BlockEntry(prefix, parent_anchor, *b);
      }
      if (entries.empty()) continue;
      // Top-level groups are headings; inside a nested schema they are
      // plain labels, as on the registry's own pages.
      if (prefix.empty()) {
        out_ += "\n### " + std::string(label) + "\n\n";
      } else {
        out_ += "\n" + std::string(label) + ":\n\n";
      }
      out_ += entries;
    }
  }

  std::string AttributeEntry(const std::string& prefix, const std::string& parent_anchor,
                             const Attribute& a) {
    std::string line = "- `" + a.name + "` (";
    if (a.nested) {
      line += NestingLabel(a.nested->nesting, /*is_block=*/false);
    } else {
      line += TypeLabel(a.type);
    }
    if (a.sensitive) line += ", Sensitive";
    if (a.deprecated) line += ", Deprecated";
    if (a.write_only) line += ", Write-only";
    line += ")";
    const std::string description = TrimmedDescription(a.description);
    if (!description.empty()) line += " " + description;
    if (a.nested) {
      const std::string anchor =
          (parent_anchor.empty() ? "nestedatt" : parent_anchor) + "--" + a.name;
      line += " (see [below for nested schema](#" + anchor + "))";
      pending_.push_back({anchor, prefix.empty() ? a.name : prefix + "." + a.name,
                          &a.nested->attributes, nullptr});
    }
    return line + "\n";
  }

  std::string BlockEntry(const std::string& prefix, const std::string& parent_anchor,
                         const NestedBlock& b) {
    std::string line = "- `" + b.type_name + "` (" + NestingLabel(b.nesting, /*is_block=*/true);
    if (b.max_items > 0 && b.nesting != Nesting::kSingle && b.nesting != Nesting::kGroup) {
      line += ", Max: " + std::to_string(b.max_items);
    }
    line += ")";
    const std::string description =
        b.block ? TrimmedDescription(b.block->description) : std::string();
    if (!description.empty()) line += " " + description;
    if (b.block) {
      const std::string anchor =
          (parent_anchor.empty() ? "nestedblock" : parent_anchor) + "--" + b.type_name;
      line += " (see [below for nested schema](#" + anchor + "))";
      pending_.push_back({anchor, prefix.empty() ? b.type_name : prefix + "." + b.type_name,
                          nullptr, b.block.get()});
    }
    return line + "\n";
  }

  std::string out_;
  std::vector<PendingSection> pending_;
};

}  // namespace

std::string TypeLabel(const Type& type) {
  switch (type.kind()) {
    case Type::Kind::kString:
      return "String";
    case Type::Kind::kNumber:
      return "Number";
    case Type::Kind::kBool:
      return "Boolean";
    case Type::Kind::kDynamic:
      return "Dynamic";
    case Type::Kind::kList:
      return "List of " + TypeLabel(type.element());
    case Type::Kind::kSet:
      return "Set of " + TypeLabel(type.element());
    case Type::Kind::kMap:
      return "Map of " + TypeLabel(type.element());
    case Type::Kind::kObject:
      return "Object";
    case Type::Kind::kTuple:
      return "Tuple";
  }
  return "Dynamic";
}

std::string SchemaMarkdown(const Block& block) { return Renderer().Render(block); }

}  // namespace docgen
