#include "tfplugin/framework/docs.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/framework/test_model.h"

namespace fwtest {
namespace {

bool Has(const std::string& doc, const std::string& part) {
  return doc.find(part) != std::string::npos;
}

TEST(Docs, ResourcePageFromTheProtocolSchema) {
  tfplugin::Schema schema;
  schema.block = fw::ToBlock(*ThingObject().spec(), "A thing.\n\nMore about things.");
  const std::string doc = fw::RenderDocPage(fw::DocKind::kResource, "fwt_thing", schema);
  EXPECT_EQ(doc.rfind("---\npage_title: \"fwt_thing Resource\"\ndescription: |-\n  A thing.\n---\n", 0),
            0u)
      << doc;
  EXPECT_TRUE(Has(doc, "# fwt_thing (Resource)\n\nA thing.\n\nMore about things.")) << doc;
  // Sections in order, and the rules from the declaration in the entries.
  const size_t required = doc.find("### Required");
  const size_t optional = doc.find("### Optional");
  const size_t read_only = doc.find("### Read-Only");
  ASSERT_NE(required, std::string::npos);
  ASSERT_LT(required, optional);
  ASSERT_LT(optional, read_only);
  EXPECT_TRUE(Has(doc, "- `name` (String) The name. Must be between 1 and 63 characters. Must "
                       "match `^[a-z0-9]([a-z0-9.\\-]*[a-z0-9])?$`: lower-case letters, digits, "
                       "'.' and '-'.\n"))
      << doc;
  EXPECT_TRUE(Has(doc, "- `user_data` (String, Sensitive) Must be at most 32768 bytes. Changing "
                       "it replaces the object.\n"))
      << doc;
  EXPECT_TRUE(Has(doc, "- `network` (Attributes) Exactly one of `value`, `value_from` must be "
                       "set. (see [below for nested schema](#nestedatt--network))"))
      << doc;
  EXPECT_TRUE(Has(doc, "- `rule` (Block List) (see [below for nested schema](#nestedatt--rule))"))
      << doc;
  EXPECT_TRUE(Has(doc, "- `tags` (List of String) Elements must be unique.")) << doc;
  EXPECT_TRUE(Has(doc, "<a id=\"nestedatt--network-value_from\"></a>\n### Nested Schema for "
                       "`network.value_from`"))
      << doc;
  EXPECT_TRUE(Has(doc, "- `protocol` (String) One of `tcp`, `udp`, `icmp`.")) << doc;
  EXPECT_EQ(doc.back(), '\n');
  EXPECT_NE(doc.substr(doc.size() - 2), "\n\n");
}

TEST(Docs, FunctionPage) {
  tfplugin::FunctionSignature sig;
  sig.parameters.push_back({"text", tfplugin::cty::Type::String(), "Any text.", false, false});
  sig.return_type = tfplugin::cty::Type::Number();
  sig.summary = "Counts words";
  const std::string doc = fw::RenderFunctionDoc("tiny", "word_count", sig);
  EXPECT_TRUE(Has(doc, "provider::tiny::word_count(text String) Number")) << doc;
  EXPECT_TRUE(Has(doc, "1. `text` (String) Any text.")) << doc;
}

}  // namespace
}  // namespace fwtest
