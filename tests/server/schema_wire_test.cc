// Schema -> tfplugin6.Schema, diagnostics and attribute paths <-> protobuf.
#include <gtest/gtest.h>

#include "tests/server/fake_provider.h"
#include "tfplugin/wire.h"

namespace {

using tfplugin::AttributePath;
using tfplugin::cty::Type;

const tfplugin6::Schema::Attribute* FindAttr(const google::protobuf::RepeatedPtrField<tfplugin6::Schema::Attribute>& attrs,
                                             const std::string& name) {
  for (const auto& a : attrs) {
    if (a.name() == name) return &a;
  }
  return nullptr;
}

TEST(SchemaToProto, PrimitiveAndCollectionAttributesCarryCtyTypeJson) {
  tfplugin6::Schema out;
  tfplugin::wire::SchemaToProto(tptest::ThingSchema(), &out);
  EXPECT_EQ(out.version(), 1);
  const auto& attrs = out.block().attributes();
  ASSERT_NE(FindAttr(attrs, "name"), nullptr);
  EXPECT_EQ(FindAttr(attrs, "name")->type(), "\"string\"");
  EXPECT_EQ(FindAttr(attrs, "size")->type(), "\"number\"");
  EXPECT_EQ(FindAttr(attrs, "tags")->type(), "[\"list\",\"string\"]");
  EXPECT_FALSE(FindAttr(attrs, "tags")->has_nested_type());
}

TEST(SchemaToProto, Flags) {
  tfplugin6::Schema out;
  tfplugin::wire::SchemaToProto(tptest::ThingSchema(), &out);
  const auto& attrs = out.block().attributes();
  const auto* id = FindAttr(attrs, "id");
  EXPECT_TRUE(id->computed());
  EXPECT_FALSE(id->optional());
  EXPECT_FALSE(id->required());
  const auto* name = FindAttr(attrs, "name");
  EXPECT_TRUE(name->required());
  EXPECT_FALSE(name->computed());
  const auto* secret = FindAttr(attrs, "secret");
  EXPECT_TRUE(secret->sensitive());
  EXPECT_TRUE(secret->optional());
  EXPECT_FALSE(FindAttr(attrs, "size")->sensitive());
}

TEST(SchemaToProto, DescriptionsAreMarkdown) {
  tfplugin6::Schema out;
  tfplugin::wire::SchemaToProto(tptest::ThingSchema(), &out);
  EXPECT_EQ(out.block().description(), "A **test** thing.");
  EXPECT_EQ(out.block().description_kind(), tfplugin6::MARKDOWN);
  const auto* name = FindAttr(out.block().attributes(), "name");
  EXPECT_EQ(name->description(), "The `name` attribute.");
  EXPECT_EQ(name->description_kind(), tfplugin6::MARKDOWN);
}

TEST(SchemaToProto, NestedAttributesInAllFourModes) {
  tfplugin6::Schema out;
  tfplugin::wire::SchemaToProto(tptest::ThingSchema(), &out);
  const auto& attrs = out.block().attributes();
  struct Case {
    const char* name;
    tfplugin6::Schema::Object::NestingMode mode;
    const char* inner;
  } cases[] = {{"spec", tfplugin6::Schema::Object::SINGLE, "a"},
               {"items", tfplugin6::Schema::Object::LIST, "k"},
               {"by_key", tfplugin6::Schema::Object::MAP, "v"},
               {"members", tfplugin6::Schema::Object::SET, "m"}};
  for (const Case& c : cases) {
    const auto* a = FindAttr(attrs, c.name);
    ASSERT_NE(a, nullptr) << c.name;
    ASSERT_TRUE(a->has_nested_type()) << c.name;
    EXPECT_TRUE(a->type().empty()) << c.name << ": a nested attribute has no type bytes";
    EXPECT_EQ(a->nested_type().nesting(), c.mode) << c.name;
    ASSERT_NE(FindAttr(a->nested_type().attributes(), c.inner), nullptr) << c.name;
    EXPECT_TRUE(a->optional()) << c.name;
  }
  const auto* spec_b = FindAttr(FindAttr(attrs, "spec")->nested_type().attributes(), "b");
  EXPECT_EQ(spec_b->type(), "\"bool\"");
  EXPECT_TRUE(spec_b->computed());
}

TEST(SchemaToProto, NestedBlocks) {
  tfplugin6::Schema out;
  tfplugin::wire::SchemaToProto(tptest::ThingSchema(), &out);
  ASSERT_EQ(out.block().block_types_size(), 1);
  const auto& rule = out.block().block_types(0);
  EXPECT_EQ(rule.type_name(), "rule");
  EXPECT_EQ(rule.nesting(), tfplugin6::Schema::NestedBlock::LIST);
  EXPECT_EQ(rule.min_items(), 0);
  EXPECT_EQ(rule.max_items(), 3);
  ASSERT_EQ(rule.block().attributes_size(), 1);
  EXPECT_EQ(rule.block().attributes(0).name(), "port");
}

TEST(ImpliedType, ObjectOfAttributesNestedAttributesAndBlocks) {
  Type t = tfplugin::ImpliedType(tptest::ThingSchema().block);
  ASSERT_EQ(t.kind(), Type::Kind::kObject);
  const auto& a = t.attributes();
  EXPECT_EQ(a.at("name"), Type::String());
  EXPECT_EQ(a.at("tags"), Type::List(Type::String()));
  Type spec = Type::Object({{"a", Type::String()}, {"b", Type::Bool()}});
  EXPECT_EQ(a.at("spec"), spec);
  EXPECT_EQ(a.at("items"), Type::List(Type::Object({{"k", Type::String()}})));
  EXPECT_EQ(a.at("by_key"), Type::Map(Type::Object({{"v", Type::Number()}})));
  EXPECT_EQ(a.at("members"), Type::Set(Type::Object({{"m", Type::String()}})));
  EXPECT_EQ(a.at("rule"), Type::List(Type::Object({{"port", Type::Number()}})));
  EXPECT_EQ(a.size(), 10u);
}

TEST(ImpliedType, ListBlockWithDynamicContentIsDynamic) {
  auto inner = std::make_shared<tfplugin::Block>();
  tfplugin::Attribute any;
  any.name = "any";
  any.type = Type::Dynamic();
  any.optional = true;
  inner->attributes.push_back(any);
  tfplugin::Block b;
  b.block_types.push_back({"l", inner, tfplugin::Nesting::kList, 0, 0});
  b.block_types.push_back({"s", inner, tfplugin::Nesting::kSingle, 0, 0});
  Type t = tfplugin::ImpliedType(b);
  EXPECT_EQ(t.attributes().at("l"), Type::Dynamic());
  EXPECT_EQ(t.attributes().at("s"), Type::Object({{"any", Type::Dynamic()}}));
}

TEST(AttributePath, RendersLikeHcl) {
  AttributePath p = AttributePath::Root("firewall_ids").Index(1).Attr("value");
  EXPECT_EQ(p.ToString(), "firewall_ids[1].value");
  EXPECT_EQ(AttributePath::Root("tags").Key("env").ToString(), "tags[\"env\"]");
  EXPECT_TRUE(AttributePath().empty());
}

TEST(AttributePath, ProtoRoundTrip) {
  AttributePath p = AttributePath::Root("network").Attr("value_from").Key("k").Index(-3);
  tfplugin6::AttributePath proto;
  tfplugin::wire::PathToProto(p, &proto);
  ASSERT_EQ(proto.steps_size(), 4);
  EXPECT_EQ(proto.steps(0).attribute_name(), "network");
  EXPECT_EQ(proto.steps(1).attribute_name(), "value_from");
  EXPECT_EQ(proto.steps(2).element_key_string(), "k");
  EXPECT_EQ(proto.steps(3).element_key_int(), -3);
  EXPECT_EQ(tfplugin::wire::PathFromProto(proto), p);
}

TEST(Diagnostics, ToProtoWithSeverityAndPath) {
  tfplugin::Diagnostics diags;
  diags.AddWarning("w", "warn detail", AttributePath::Root("ssh_key_ids").Index(1));
  EXPECT_FALSE(diags.HasError());
  diags.AddError("e", "err detail");
  EXPECT_TRUE(diags.HasError());
  google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic> out;
  tfplugin::wire::AppendDiagnostics(diags, &out);
  ASSERT_EQ(out.size(), 2);
  EXPECT_EQ(out[0].severity(), tfplugin6::Diagnostic::WARNING);
  EXPECT_EQ(out[0].summary(), "w");
  EXPECT_EQ(out[0].detail(), "warn detail");
  ASSERT_TRUE(out[0].has_attribute());
  EXPECT_EQ(out[0].attribute().steps(0).attribute_name(), "ssh_key_ids");
  EXPECT_EQ(out[0].attribute().steps(1).element_key_int(), 1);
  EXPECT_EQ(out[1].severity(), tfplugin6::Diagnostic::ERROR);
  EXPECT_FALSE(out[1].has_attribute());
}

TEST(Diagnostics, AppendKeepsOrder) {
  tfplugin::Diagnostics a;
  tfplugin::Diagnostics b;
  a.AddWarning("1", "");
  b.AddError("2", "");
  a.Append(b);
  ASSERT_EQ(a.items().size(), 2u);
  EXPECT_EQ(a.items()[1].summary, "2");
  EXPECT_TRUE(a.HasError());
}

}  // namespace

namespace {

// Terraform cannot show a diagnostic inside a nested attribute at its line,
// so the text names the path; top-level and list-element paths are shown at
// their line and keep their text.
TEST(Diagnostics, NestedPathIsNamedInTheDetail) {
  tfplugin::Diagnostics diags;
  diags.AddError("Invalid timeout", "\"soon\" is not a duration",
                 AttributePath::Root("timeouts").Attr("create"));
  diags.AddError("Bad kind", "network.value_from.kind must be CivoVpc",
                 AttributePath::Root("network").Attr("value_from").Attr("kind"));
  diags.AddError("Too long", "at most 255", AttributePath::Root("tags").Index(2));
  diags.AddError("Bad ref", "no such firewall",
                 AttributePath::Root("firewall_ids").Index(0).Attr("value"));
  google::protobuf::RepeatedPtrField<tfplugin6::Diagnostic> out;
  tfplugin::wire::AppendDiagnostics(diags, &out);
  ASSERT_EQ(out.size(), 4);
  EXPECT_EQ(out[0].detail(), "timeouts.create: \"soon\" is not a duration");
  EXPECT_EQ(out[1].detail(), "network.value_from.kind must be CivoVpc");
  EXPECT_EQ(out[2].detail(), "at most 255");
  EXPECT_EQ(out[3].detail(), "firewall_ids[0].value: no such firewall");
}

}  // namespace
