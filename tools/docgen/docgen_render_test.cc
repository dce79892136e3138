#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "tools/docgen/page_template.h"
#include "tools/docgen/schema_markdown.h"

namespace docgen {
namespace {

using tfplugin::Attribute;
using tfplugin::Block;
using tfplugin::NestedObject;
using tfplugin::Nesting;
namespace cty = tfplugin::cty;

Attribute Plain(std::string name, cty::Type type, std::string description) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.description = std::move(description);
  return a;
}

Attribute Nested(std::string name, Nesting nesting, std::vector<Attribute> members) {
  Attribute a;
  a.name = std::move(name);
  auto object = std::make_shared<NestedObject>();
  object->nesting = nesting;
  object->attributes = std::move(members);
  a.nested = std::move(object);
  return a;
}

Block SampleBlock() {
  Attribute name = Plain("name", cty::Type::String(), "The name.");
  name.required = true;
  Attribute tags = Plain("tags", cty::Type::List(cty::Type::String()), "Tags.");
  tags.optional = true;
  Attribute region = Plain("region", cty::Type::String(), "Region.");
  region.optional = true;
  region.computed = true;
  Attribute secret = Plain("password", cty::Type::String(), "Secret.");
  secret.computed = true;
  secret.sensitive = true;
  Attribute kind = Plain("kind", cty::Type::String(), "Kind.");
  kind.optional = true;
  Attribute ref_name = Plain("name", cty::Type::String(), "Name.");
  ref_name.required = true;
  Attribute value_from = Nested("value_from", Nesting::kSingle, {kind, ref_name});
  value_from.optional = true;
  Attribute value = Plain("value", cty::Type::String(), "Id.");
  value.optional = true;
  Attribute network = Nested("network", Nesting::kSingle, {value, value_from});
  network.required = true;
  network.description = "The network.";
  Attribute firewalls = Nested("firewalls", Nesting::kList, {value});
  firewalls.optional = true;
  Block b;
  // Deliberately unsorted: the page must list attributes by name.
  b.attributes = {tags, secret, network, name, region, firewalls};
  return b;
}

TEST(SchemaMarkdown, GroupsAttributesByModeInNameOrder) {
  const std::string md = SchemaMarkdown(SampleBlock());
  const size_t required = md.find("### Required");
  const size_t optional = md.find("### Optional");
  const size_t read_only = md.find("### Read-Only");
  ASSERT_NE(required, std::string::npos) << md;
  ASSERT_NE(optional, std::string::npos) << md;
  ASSERT_NE(read_only, std::string::npos) << md;
  EXPECT_LT(required, optional);
  EXPECT_LT(optional, read_only);
  // Required: name before network (alphabetical), both before Optional.
  const size_t name = md.find("- `name` (String) The name.");
  const size_t network = md.find("- `network` (Attributes) The network.");
  ASSERT_NE(name, std::string::npos) << md;
  ASSERT_NE(network, std::string::npos) << md;
  EXPECT_LT(required, name);
  EXPECT_LT(name, network);
  EXPECT_LT(network, optional);
  // Optional+computed is listed as optional; computed-only as read-only.
  const size_t region = md.find("- `region` (String) Region.");
  ASSERT_NE(region, std::string::npos) << md;
  EXPECT_LT(optional, region);
  EXPECT_LT(region, read_only);
  EXPECT_NE(md.find("- `tags` (List of String) Tags."), std::string::npos) << md;
  const size_t password = md.find("- `password` (String, Sensitive) Secret.");
  ASSERT_NE(password, std::string::npos) << md;
  EXPECT_GT(password, read_only);
}

TEST(SchemaMarkdown, NestedAttributesLinkToTheirOwnSections) {
  const std::string md = SchemaMarkdown(SampleBlock());
  EXPECT_NE(md.find("(see [below for nested schema](#nestedatt--network))"), std::string::npos) << md;
  EXPECT_NE(md.find("- `firewalls` (Attributes List)"), std::string::npos) << md;
  EXPECT_NE(md.find("<a id=\"nestedatt--network\"></a>\n### Nested Schema for `network`"),
            std::string::npos)
      << md;
  // Nesting within nesting gets a path-like anchor and title.
  EXPECT_NE(md.find("(see [below for nested schema](#nestedatt--network--value_from))"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("<a id=\"nestedatt--network--value_from\"></a>\n### Nested Schema for "
                    "`network.value_from`\n\nRequired:\n\n- `name` (String) Name.\n\nOptional:\n\n"
                    "- `kind` (String) Kind.\n"),
            std::string::npos)
      << md;
  // Parents come before children.
  EXPECT_LT(md.find("Nested Schema for `network`"), md.find("Nested Schema for `network.value_from`"));
}

TEST(SchemaMarkdown, NestedBlocksAreListed) {
  Block inner;
  inner.description = "Timeouts.";
  Attribute create = Plain("create", cty::Type::String(), "Create.");
  create.optional = true;
  inner.attributes = {create};
  Block outer;
  outer.block_types.push_back({"timeouts", std::make_shared<Block>(inner), Nesting::kSingle, 0, 0});
  const std::string md = SchemaMarkdown(outer);
  EXPECT_NE(md.find("- `timeouts` (Block) Timeouts. (see [below for nested schema](#nestedblock--timeouts))"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("### Nested Schema for `timeouts`\n\nOptional:\n\n- `create` (String) Create."),
            std::string::npos)
      << md;
}

TEST(TypeLabel, NamesCollectionsByElement) {
  EXPECT_EQ(TypeLabel(cty::Type::Number()), "Number");
  EXPECT_EQ(TypeLabel(cty::Type::Bool()), "Boolean");
  EXPECT_EQ(TypeLabel(cty::Type::Set(cty::Type::String())), "Set of String");
  EXPECT_EQ(TypeLabel(cty::Type::Map(cty::Type::List(cty::Type::Number()))), "Map of List of Number");
}

class TemplateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("docgen_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "examples");
    std::ofstream(root_ / "examples/main.tf") << "resource \"x\" \"y\" {}\n\n";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path root_;
};

TEST_F(TemplateTest, FillsVariablesAndFiles) {
  auto out = ExpandTemplate("# {{ name }}\n```\n{{file \"examples/main.tf\"}}\n```\n{{schema}}",
                            {{"name", "civo_x"}, {"schema", "## Schema\n"}}, root_);
  ASSERT_TRUE(out.ok()) << out.status();
  // The file's trailing newlines are dropped so the fence closes right after it.
  EXPECT_EQ(*out, "# civo_x\n```\nresource \"x\" \"y\" {}\n```\n## Schema\n");
}

TEST_F(TemplateTest, UnknownVariableIsAnError) {
  auto out = ExpandTemplate("{{nope}}", {{"name", "x"}}, root_);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("nope"), std::string::npos);
}

TEST_F(TemplateTest, MissingFileIsAnError) {
  EXPECT_FALSE(ExpandTemplate("{{file \"examples/absent.tf\"}}", {}, root_).ok());
  EXPECT_FALSE(ExpandTemplate("{{file examples/main.tf}}", {}, root_).ok());  // unquoted
}

TEST_F(TemplateTest, UnterminatedDirectiveIsAnError) {
  EXPECT_FALSE(ExpandTemplate("text {{schema", {{"schema", "x"}}, root_).ok());
}

}  // namespace
}  // namespace docgen
