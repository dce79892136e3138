// Typed models: decoding and encoding through the declaration, against
// values encoded by the cty codecs (so the schema the declaration implies is
// the one the wire uses).
#include <memory>
#include <stdexcept>
#include <string>

#include "gtest/gtest.h"
#include "tests/framework/test_model.h"
#include "tfplugin/cty/codec.h"

namespace fwtest {
namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;

TEST(Model, RoundTripsEveryShapeThroughMsgpack) {
  const fw::Object<Thing> decl = ThingObject();
  Thing t;
  t.id = "t-1";
  t.name = "web";
  t.size = 42;
  t.enabled = true;
  t.tags = std::vector<std::string>{"a", "b"};
  t.network = Ref{fw::Maybe<std::string>::Null(),
                  fw::Maybe<From>::Known(From{fw::Maybe<std::string>::Known("CivoVpc"),
                                              fw::Maybe<std::string>::Known("default")})};
  t.firewalls = std::vector<Ref>{Ref{fw::Maybe<std::string>::Known("fw-1"), {}}};
  t.rule = std::vector<Rule>{Rule{fw::Maybe<std::string>::Known("tcp"), {}, {},
                                  fw::Maybe<std::vector<std::string>>::Known({"0.0.0.0/0"})}};
  t.timeouts = Timeouts{fw::Maybe<std::string>::Known("30m"), {}};
  t.status = fw::Maybe<std::string>::Unknown();

  const tfplugin::cty::Type type = fw::ImpliedType(*decl.spec());
  auto bytes = tfplugin::cty::EncodeMsgpack(decl.Encode(t), type);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto back = tfplugin::cty::DecodeMsgpack(*bytes, type);
  ASSERT_TRUE(back.ok()) << back.status();
  Diagnostics d;
  Thing u = decl.Decode(*back, AttributePath(), d);
  EXPECT_FALSE(d.HasError());
  EXPECT_EQ(u.id, t.id);
  EXPECT_EQ(u.size, t.size);
  EXPECT_EQ(u.enabled, t.enabled);
  EXPECT_EQ(u.tags, t.tags);
  EXPECT_EQ(u.network, t.network);
  EXPECT_EQ(u.firewalls, t.firewalls);
  EXPECT_EQ(u.rule, t.rule);
  EXPECT_EQ(u.timeouts, t.timeouts);
  EXPECT_TRUE(u.status.is_unknown());
  EXPECT_TRUE(u.user_data.is_null());
}

TEST(Model, PartlyUnknownValuesAndMergeKeepTheOriginal) {
  const fw::Object<Thing> decl = ThingObject();
  Value v = fw::NullObject(*decl.spec())
                .WithAttr("tags", Value::List({S("a"), Value::Unknown()}))
                .WithAttr("network", Value::Object({{"value", Value::Unknown()},
                                                    {"value_from", Value::Null()}}));
  Thing t = decl.Decode(v);
  EXPECT_TRUE(t.tags.is_unknown());           // a list with an unknown element
  ASSERT_TRUE(t.network.is_known());          // an object is known when its members are not
  EXPECT_TRUE(t.network.value.value.is_unknown());
  EXPECT_TRUE(decl.spec()->Find("rule") != nullptr);
  EXPECT_EQ(v.Attr("rule"), Value::List({}));  // blocks: empty, never null

  // A hook changes one field: only that attribute is re-encoded; the partly
  // unknown list keeps its exact value.
  Thing after = t;
  after.status = "ACTIVE";
  Value merged = decl.Merge(v, t, after);
  EXPECT_EQ(merged.Attr("status"), S("ACTIVE"));
  EXPECT_EQ(merged.Attr("tags"), v.Attr("tags"));
  EXPECT_EQ(merged.Attr("network"), v.Attr("network"));
}

TEST(Model, ANumberThatIsNotAnIntegerIsADiagnostic) {
  const fw::Object<Thing> decl = ThingObject();
  auto n = tfplugin::cty::Number::Parse("1.5");
  ASSERT_TRUE(n.ok());
  Value v = fw::NullObject(*decl.spec()).WithAttr("size", Value::NumberValue(*n));
  Diagnostics d;
  decl.Decode(v, AttributePath(), d);
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d.items()[0].path, AttributePath::Root("size"));
  EXPECT_NE(d.items()[0].detail.find("whole number"), std::string::npos);
}

TEST(Model, SchemaCarriesModesNestingAndRules) {
  const tfplugin::Block block = fw::ToBlock(*ThingObject().spec(), "A thing.");
  const tfplugin::Attribute* region = tfplugin::FindAttribute(block, "region");
  ASSERT_NE(region, nullptr);
  EXPECT_TRUE(region->optional);
  EXPECT_TRUE(region->computed);
  EXPECT_NE(region->description.find("Defaults to `\"LON1\"`."), std::string::npos);
  EXPECT_NE(region->description.find("unless only the letter case changed"), std::string::npos);
  const tfplugin::Attribute* user_data = tfplugin::FindAttribute(block, "user_data");
  ASSERT_NE(user_data, nullptr);
  EXPECT_TRUE(user_data->sensitive);
  EXPECT_NE(user_data->description.find("at most 32768 bytes"), std::string::npos);
  const tfplugin::Attribute* network = tfplugin::FindAttribute(block, "network");
  ASSERT_NE(network, nullptr);
  ASSERT_TRUE(network->nested);
  EXPECT_EQ(network->nested->nesting, tfplugin::Nesting::kSingle);
  EXPECT_NE(network->description.find("Exactly one of `value`, `value_from`"), std::string::npos);
  const tfplugin::Attribute* firewalls = tfplugin::FindAttribute(block, "firewalls");
  ASSERT_NE(firewalls, nullptr);
  EXPECT_EQ(firewalls->nested->nesting, tfplugin::Nesting::kList);
  ASSERT_EQ(block.block_types.size(), 1u);
  EXPECT_EQ(block.block_types[0].type_name, "rule");
  EXPECT_EQ(block.block_types[0].nesting, tfplugin::Nesting::kList);
  EXPECT_EQ(tfplugin::FindAttribute(block, "rule"), nullptr);
}

TEST(Model, NamesAndPathsComeFromTheDeclaration) {
  const fw::Object<Thing> decl = ThingObject();
  EXPECT_EQ(decl.NameOf(&Thing::user_data), "user_data");
  EXPECT_EQ(decl.PathOf(&Thing::firewalls).Index(1),
            AttributePath::Root("firewalls").Index(1));
  // Fields of the same type are told apart by the member, not by the type.
  EXPECT_EQ(decl.NameOf(&Thing::status), "status");
  EXPECT_EQ(decl.NameOf(&Thing::fingerprint), "fingerprint");
  EXPECT_EQ(decl.NameOf(&Thing::revision), "revision");
  // Nested declarations answer for their own fields.
  EXPECT_EQ(decl.PathOf(&Thing::timeouts).Attr(TimeoutsObject().NameOf(&Timeouts::update)),
            AttributePath::Root("timeouts").Attr("update"));
  // A field the declaration does not bind is a bug, said loudly.
  const fw::Object<Timeouts> only_create =
      fw::Object<Timeouts>().Add(fw::Attr("create", &Timeouts::create));
  EXPECT_THROW(only_create.NameOf(&Timeouts::update), std::logic_error);
}

TEST(Model, KeepKnownTakesWhatThePlanKnewAndTheRestFromObserved) {
  const fw::Object<Thing> decl = ThingObject();
  Thing planned;
  planned.name = "web";
  planned.tags = std::vector<std::string>{"a", "b"};
  planned.status = fw::Maybe<std::string>::Unknown();
  planned.revision = fw::Maybe<int64_t>::Unknown();
  planned.timeouts = Timeouts{fw::Maybe<std::string>::Unknown(), {}};  // known, not wholly
  Thing observed;
  observed.name = "web-renamed-outside";
  observed.tags = std::vector<std::string>{"b", "a"};
  observed.status = "ACTIVE";
  observed.timeouts = Timeouts{fw::Maybe<std::string>::Known("5m"), {}};
  observed.id = "t-9";

  const Thing kept = decl.KeepKnown(planned, observed);
  EXPECT_EQ(kept.name, planned.name);
  EXPECT_EQ(kept.tags, planned.tags);           // the plan's order
  EXPECT_TRUE(kept.user_data.is_null());        // planned null is known: kept null
  EXPECT_EQ(kept.status, observed.status);      // unknown in the plan: learned
  EXPECT_TRUE(kept.revision.is_null());         // unknown and not observed: as observed
  EXPECT_EQ(kept.timeouts, observed.timeouts);  // partly unknown counts as unknown
  EXPECT_TRUE(kept.id.is_null());               // planned null (known): not the observed id
}

// A reference read as a whole (unknown when anything in it is), bound with
// CustomAttr: its own C++ type, the nested object's shape.
struct WholeRef {
  enum class Form { kNull, kUnknown, kId } form = Form::kNull;
  std::string id;
  friend bool operator==(const WholeRef&, const WholeRef&) = default;
};
struct Holder {
  WholeRef ref;
  fw::Maybe<std::string> note;
  friend bool operator==(const Holder&, const Holder&) = default;
};

TEST(Model, CustomAttrDecodesEncodesAndNamesItsField) {
  auto nested = std::make_shared<fw::ObjectSpec>();
  fw::AttrSpec id_attr;
  id_attr.name = "id";
  id_attr.type = tfplugin::cty::Type::String();
  id_attr.optional = true;
  nested->attributes.push_back(id_attr);
  fw::AttrSpec ref_attr;
  ref_attr.name = "ref";
  ref_attr.nest = fw::AttrSpec::Nest::kSingle;
  ref_attr.nested = nested;
  ref_attr.optional = true;
  const fw::Object<Holder> decl =
      fw::Object<Holder>()
          .Add(fw::CustomAttr<Holder, WholeRef>(
              ref_attr, &Holder::ref,
              [](const Value& v) {
                if (v.is_null()) return WholeRef{};
                if (!v.IsWhollyKnown()) return WholeRef{WholeRef::Form::kUnknown, ""};
                return WholeRef{WholeRef::Form::kId, v.Attr("id").AsString()};
              },
              [](const WholeRef& r) {
                if (r.form == WholeRef::Form::kNull) return Value::Null();
                if (r.form == WholeRef::Form::kUnknown) return Value::Unknown();
                return Value::Object({{"id", S(r.id)}});
              }))
          .Add(fw::Attr("note", &Holder::note));

  EXPECT_EQ(decl.NameOf(&Holder::ref), "ref");
  const Value partly = Value::Object({{"ref", Value::Object({{"id", Value::Unknown()}})},
                                      {"note", S("n")}});
  Holder h = decl.Decode(partly);
  EXPECT_EQ(h.ref.form, WholeRef::Form::kUnknown);
  // Unchanged: the partly unknown object keeps its exact value in a merge.
  Holder after = h;
  after.note = "m";
  const Value merged = decl.Merge(partly, h, after);
  EXPECT_EQ(merged.Attr("ref"), partly.Attr("ref"));
  EXPECT_EQ(merged.Attr("note"), S("m"));
  after.ref = WholeRef{WholeRef::Form::kId, "r-1"};
  EXPECT_EQ(decl.Encode(after).Attr("ref"), Value::Object({{"id", S("r-1")}}));
  EXPECT_EQ(decl.Decode(decl.Encode(after)), after);
}

}  // namespace
}  // namespace fwtest
