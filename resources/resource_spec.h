// A resource declared once, as a table: every attribute with its shape, mode,
// sensitivity, description and the rules that validation enforces and the docs
// generator prints. GetProviderSchema's tfplugin::Schema is derived from it.
#ifndef RESOURCES_RESOURCE_SPEC_H_
#define RESOURCES_RESOURCE_SPEC_H_

#include <cstddef>
#include <string>
#include <vector>

#include "resources/string_rules.h"
#include "tfplugin/schema.h"

namespace resources {

// What an attribute's value looks like.
enum class Shape {
  kString,
  kNumber,
  kStringList,
  kValueOrRef,      // StringValueOrRef: {value, value_from{kind, name}}
  kValueOrRefList,  // a list of StringValueOrRef
  kTimeouts,        // {create, update, delete} duration strings
};

enum class Mode { kRequired, kOptional, kOptionalComputed, kComputed };

// What a change of the attribute does to the existing object.
enum class OnChange {
  kNotApplicable,    // computed, or behaviour-only (timeouts)
  kInPlace,
  kReplace,          // any change replaces
  kReplaceCaseless,  // replaces unless only the letter case changed
  kReplaceWhenResolvesElsewhere,  // replaces when it names another object
  kReplaceWhenFirstChanges,       // lists of which only the first element is used
  kInPlaceUnlessDiskShrinks,      // size
};

struct AttributeSpec {
  std::string name;
  Shape shape = Shape::kString;
  Mode mode = Mode::kOptional;
  bool sensitive = false;
  std::string description;  // markdown
  // Rules (validation and docs).
  const StringRule* rule = nullptr;  // the shape the whole value must have; null: any
  // The longest string the attribute holds, in characters (bytes when
  // count_bytes): the value itself (kString), each item (kStringList),
  // `value` and `value_from.name` (kValueOrRef, kValueOrRefList), each
  // duration (kTimeouts). Every configurable string has one (SPEC.md:
  // "Strings are bounded"); 0 only for computed attributes and numbers.
  size_t max_length = 0;
  bool count_bytes = false;      // max_length counts bytes rather than characters
  std::string ref_kind;          // the Planton kind value_from must name (references)
  bool unique_items = false;     // lists: no duplicates
  bool no_whitespace_items = false;  // lists: no empty item, no whitespace inside
  bool only_first_used = false;  // lists: Civo takes one; more is a warning
  OnChange on_change = OnChange::kNotApplicable;
  std::string on_change_note;    // markdown, for the docs
};

struct ResourceSpec {
  std::string type_name;
  std::string description;  // markdown
  int64_t schema_version = 0;
  std::vector<AttributeSpec> attributes;

  const AttributeSpec* Find(std::string_view name) const;
};

// Lengths shared by every resource (SPEC.md: `size`, `image`, names and ids
// 255 characters unless a rule says less).
inline constexpr size_t kMaxNameLength = 255;
// A Civo region code (LON1, NYC1, FRA1), in the provider and every resource.
inline constexpr size_t kMaxRegionLength = 16;
// `value_from.kind`: a Planton kind name such as `CivoIpAddress`.
inline constexpr size_t kMaxKindLength = 64;
// A timeouts duration such as `1h30m`.
inline constexpr size_t kMaxDurationLength = 32;

// "at most 255 characters" / "at most 32768 bytes" (inline: the docs
// renderer uses it without linking the provider).
inline std::string MaxLengthText(size_t max_length, bool count_bytes = false) {
  return "at most " + std::to_string(max_length) + (count_bytes ? " bytes" : " characters");
}

// The protocol schema implied by a spec.
tfplugin::Schema BuildSchema(const ResourceSpec& spec);

// Descriptions of the members of the shared nested types, for schema and docs.
// `max_length` bounds `value` and `value_from.name`; `kind` is bounded by
// kMaxKindLength.
std::vector<tfplugin::Attribute> ValueOrRefMembers(const std::string& kind, size_t max_length);
std::vector<tfplugin::Attribute> TimeoutsMembers(size_t max_length);

}  // namespace resources

#endif  // RESOURCES_RESOURCE_SPEC_H_
