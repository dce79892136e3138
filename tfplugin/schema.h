// The schema model: what a provider or resource declares once, and what
// GetProviderSchema, validation and the docs generator all read.
#ifndef TFPLUGIN_SCHEMA_H_
#define TFPLUGIN_SCHEMA_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tfplugin/cty/type.h"

namespace tfplugin {

struct Attribute;
struct Block;

enum class Nesting { kSingle, kList, kSet, kMap, kGroup };

// A protocol-6 nested attribute type (Schema.Object): SINGLE, LIST, SET, MAP.
struct NestedObject {
  Nesting nesting = Nesting::kSingle;  // kGroup is not valid here
  std::vector<Attribute> attributes;
};

struct Attribute {
  std::string name;
  cty::Type type;  // ignored when `nested` is set
  std::shared_ptr<const NestedObject> nested;
  std::string description;  // markdown
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool deprecated = false;
  bool write_only = false;
};

struct NestedBlock {
  std::string type_name;
  std::shared_ptr<const Block> block;
  Nesting nesting = Nesting::kSingle;
  int64_t min_items = 0;
  int64_t max_items = 0;
};

struct Block {
  int64_t version = 0;
  std::vector<Attribute> attributes;
  std::vector<NestedBlock> block_types;
  std::string description;  // markdown
  bool deprecated = false;
};

struct Schema {
  int64_t version = 0;
  Block block;
};

// Helpers to declare schemas tersely.
Attribute NestedAttribute(std::string name, Nesting nesting, std::vector<Attribute> attributes);

// The cty type a block's values have (objects of attributes and nested blocks,
// nested attributes as objects/lists/sets/maps of objects).
cty::Type ImpliedType(const Block& block);
cty::Type ImpliedType(const Attribute& attribute);

// Finds a top-level attribute by name, or nullptr.
const Attribute* FindAttribute(const Block& block, std::string_view name);

}  // namespace tfplugin

#endif  // TFPLUGIN_SCHEMA_H_
