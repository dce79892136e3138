// The generic planning rules on the test model (see planning.cc). Proposed
// states are built as Terraform builds them: the config, with each computed
// attribute the config leaves null taken from the prior state.
#include <string>

#include "gtest/gtest.h"
#include "tests/framework/test_model.h"

namespace fwtest {
namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;

const fw::Object<Thing>& Decl() {
  static const fw::Object<Thing>* d = new fw::Object<Thing>(ThingObject());
  return *d;
}
const fw::ObjectSpec& Spec() { return *Decl().spec(); }

Value Config() {
  return fw::NullObject(Spec())
      .WithAttr("name", S("web-1"))
      .WithAttr("network", RefValue("net-1"))
      .WithAttr("rule", Value::List({Value::Object({{"protocol", S("tcp")},
                                                    {"port_range", S("80")},
                                                    {"cidrs", Value::Null()},
                                                    {"id", Value::Null()}})}));
}

// Terraform's proposed new state: config, plus prior values for computed
// attributes (at any depth) that the config leaves null.
Value Proposed(const Value& config, const Value& prior) {
  if (prior.is_null()) return config;
  Value out = config;
  for (const fw::AttrSpec& a : Spec().attributes) {
    if (a.computed && config.Attr(a.name).is_null()) out = out.WithAttr(a.name, prior.Attr(a.name));
  }
  // The rule blocks' computed id.
  std::vector<Value> rules;
  const auto& cr = config.Attr("rule").Elements();
  for (size_t i = 0; i < cr.size(); ++i) {
    Value r = cr[i];
    const auto& pr = prior.Attr("rule");
    if (pr.kind() == Value::Kind::kList && i < pr.Elements().size()) {
      r = r.WithAttr("id", pr.Elements()[i].Attr("id"));
    }
    rules.push_back(r);
  }
  return out.WithAttr("rule", Value::List(std::move(rules)));
}

// A created object as the provider would have stored it.
Value Created() {
  return Config()
      .WithAttr("id", S("t-1"))
      .WithAttr("region", S("LON1"))
      .WithAttr("status", S("ACTIVE"))
      .WithAttr("fingerprint", S("fp-1"))
      .WithAttr("revision", Value::Int(1))
      .WithAttr("rule", Value::List({Config().Attr("rule").Elements()[0].WithAttr("id", S("r-1"))}));
}

TEST(Planning, CreateMarksComputedUnknownAndAppliesDefaults) {
  Diagnostics d;
  fw::PlanResult r = fw::PlanObject(Spec(), Value::Null(), Config(), Config(), d);
  ASSERT_FALSE(d.HasError());
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_TRUE(r.planned.Attr("id").is_unknown());
  EXPECT_TRUE(r.planned.Attr("status").is_unknown());
  EXPECT_EQ(r.planned.Attr("region"), S("LON1"));  // default
  EXPECT_TRUE(r.planned.Attr("rule").Elements()[0].Attr("id").is_unknown());  // nested computed
  EXPECT_EQ(r.planned.Attr("name"), S("web-1"));
  EXPECT_TRUE(r.planned.Attr("user_data").is_null());  // optional, not computed: stays null
}

TEST(Planning, NothingChangedKeepsEverything) {
  Diagnostics d;
  fw::PlanResult r = fw::PlanObject(Spec(), Created(), Proposed(Config(), Created()), Config(), d);
  ASSERT_FALSE(d.HasError());
  EXPECT_EQ(r.planned, Created());
  EXPECT_TRUE(r.requires_replace.empty());
}

TEST(Planning, UpdateKeepsComputedUnlessDeclaredToChange) {
  Value config = Config().WithAttr("size", Value::Int(3));
  Diagnostics d;
  fw::PlanResult r = fw::PlanObject(Spec(), Created(), Proposed(config, Created()), config, d);
  ASSERT_FALSE(d.HasError());
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_EQ(r.planned.Attr("status"), S("ACTIVE"));       // kept
  EXPECT_EQ(r.planned.Attr("fingerprint"), S("fp-1"));    // name did not change
  EXPECT_TRUE(r.planned.Attr("revision").is_unknown());   // UnknownOnChange
  EXPECT_EQ(r.planned.Attr("id"), S("t-1"));
  EXPECT_EQ(r.planned.Attr("rule").Elements()[0].Attr("id"), S("r-1"));

  config = Config().WithAttr("name", S("web-2"));
  r = fw::PlanObject(Spec(), Created(), Proposed(config, Created()), config, d);
  EXPECT_TRUE(r.planned.Attr("fingerprint").is_unknown());  // UnknownWhen name
}

TEST(Planning, RequiresReplaceMarksTheNewObjectsComputedValues) {
  Value config = Config().WithAttr("user_data", S("#!/bin/sh"));
  Diagnostics d;
  fw::PlanResult r = fw::PlanObject(Spec(), Created(), Proposed(config, Created()), config, d);
  ASSERT_FALSE(d.HasError());
  ASSERT_EQ(r.requires_replace.size(), 1u);
  EXPECT_EQ(r.requires_replace[0], AttributePath::Root("user_data"));
  EXPECT_TRUE(r.planned.Attr("id").is_unknown());  // even with UseStateForUnknown
  EXPECT_TRUE(r.planned.Attr("status").is_unknown());
  EXPECT_EQ(r.planned.Attr("region"), S("LON1"));  // its default, not unknown
}

TEST(Planning, RequiresReplaceIfDecidesAndSaysWhy) {
  Value prior = Created();
  Value config = Config().WithAttr("region", S("lon1"));
  Diagnostics d;
  fw::PlanResult r = fw::PlanObject(Spec(), prior, Proposed(config, prior), config, d);
  EXPECT_TRUE(r.requires_replace.empty());  // letter case only
  EXPECT_TRUE(d.empty());
  config = Config().WithAttr("region", S("NYC1"));
  r = fw::PlanObject(Spec(), prior, Proposed(config, prior), config, d);
  ASSERT_EQ(r.requires_replace.size(), 1u);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].severity, tfplugin::Severity::kWarning);
  EXPECT_EQ(d.items()[0].detail, "the region moved");
  EXPECT_EQ(d.items()[0].path, AttributePath::Root("region"));
  // Unknown: may be another region, so replace.
  config = Config().WithAttr("region", Value::Unknown());
  r = fw::PlanObject(Spec(), prior, Proposed(config, prior), config, d);
  EXPECT_EQ(r.requires_replace.size(), 1u);
}

TEST(Planning, UseStateForUnknownKeepsWhatWouldBecomeUnknown) {
  // A spec where id is recomputed on change, but UseStateForUnknown keeps it.
  fw::ObjectSpec spec;
  fw::AttrSpec id;
  id.name = "id";
  id.type = tfplugin::cty::Type::String();
  id.computed = true;
  id.on_update = fw::OnUpdate::kUnknownOnChange;
  fw::AttrSpec other = id;
  other.name = "other";
  fw::AttrSpec name;
  name.name = "name";
  name.type = tfplugin::cty::Type::String();
  name.required = true;
  id.modifiers.push_back(fw::UseStateForUnknown());
  spec.attributes = {id, other, name};
  Value prior = Value::Object({{"id", S("1")}, {"other", S("o")}, {"name", S("a")}});
  Value config = Value::Object({{"id", Value::Null()}, {"other", Value::Null()}, {"name", S("b")}});
  Value proposed = config.WithAttr("id", S("1")).WithAttr("other", S("o"));
  Diagnostics d;
  fw::PlanResult r = fw::PlanObject(spec, prior, proposed, config, d);
  EXPECT_EQ(r.planned.Attr("id"), S("1"));
  EXPECT_TRUE(r.planned.Attr("other").is_unknown());
}

TEST(Planning, DestroyIsNull) {
  Diagnostics d;
  fw::PlanResult r = fw::PlanObject(Spec(), Created(), Value::Null(), Value::Null(), d);
  EXPECT_TRUE(r.planned.is_null());
  EXPECT_TRUE(d.empty());
}

TEST(Planning, ConfigChecksRunAgainErrorsOnly) {
  // Known only now (it was unknown at validate): the plan refuses it.
  Value config = Config().WithAttr("name", S("Not Valid")).WithAttr("tags",
      Value::List({S("a"), S("a")}));
  Diagnostics d;
  fw::PlanResult r = fw::PlanObject(Spec(), Value::Null(), config, config, d);
  ASSERT_TRUE(d.HasError());
  EXPECT_EQ(d.items()[0].path, AttributePath::Root("name"));
  EXPECT_EQ(r.planned, config);  // untouched
  // Nested rules are checked too, with their full path.
  config = Config().WithAttr("network", RefByName(""));
  Diagnostics nested;
  fw::PlanObject(Spec(), Value::Null(), config, config, nested);
  ASSERT_TRUE(nested.HasError());
  EXPECT_EQ(nested.items()[0].path,
            AttributePath::Root("network").Attr("value_from").Attr("name"));
  // Object rules of a nested object: neither value nor value_from.
  config = Config().WithAttr("firewalls", Value::List({RefValue("fw"),
      Value::Object({{"value", Value::Null()}, {"value_from", Value::Null()}})}));
  Diagnostics object_rule;
  fw::PlanObject(Spec(), Value::Null(), config, config, object_rule);
  ASSERT_TRUE(object_rule.HasError());
  EXPECT_EQ(object_rule.items()[0].path, AttributePath::Root("firewalls").Index(1));
  // And the resource-level rule.
  config = Config().WithAttr("user_data", S("x")).WithAttr("enabled", Value::Bool(true));
  Diagnostics conflict;
  fw::PlanObject(Spec(), Value::Null(), config, config, conflict);
  EXPECT_TRUE(conflict.HasError());
}

}  // namespace
}  // namespace fwtest
