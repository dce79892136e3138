// A model with every shape the framework supports, shaped like what
// civo_compute_instance and civo_firewall need: StringValueOrRef nested
// objects (and lists of them), a timeouts object, rule blocks with a
// computed member, a sensitive string, computed outputs.
#ifndef TESTS_FRAMEWORK_TEST_MODEL_H_
#define TESTS_FRAMEWORK_TEST_MODEL_H_

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "tfplugin/framework/framework.h"

namespace fwtest {

namespace fw = tfplugin::fw;
using tfplugin::cty::Value;

struct From {
  fw::Maybe<std::string> kind, name;
  friend bool operator==(const From&, const From&) = default;
};

struct Ref {
  fw::Maybe<std::string> value;
  fw::Maybe<From> value_from;
  friend bool operator==(const Ref&, const Ref&) = default;
};

struct Rule {
  fw::Maybe<std::string> protocol, port_range, id;
  fw::Maybe<std::vector<std::string>> cidrs;
  friend bool operator==(const Rule&, const Rule&) = default;
};

struct Timeouts {
  fw::Maybe<std::string> create, update;
  friend bool operator==(const Timeouts&, const Timeouts&) = default;
};

struct Thing {
  fw::Maybe<std::string> id, name, region, user_data, status, fingerprint;
  fw::Maybe<int64_t> size;
  fw::Maybe<bool> enabled;
  fw::Maybe<std::vector<std::string>> tags;
  fw::Maybe<Ref> network;
  fw::Maybe<std::vector<Ref>> firewalls;
  fw::Maybe<std::vector<Rule>> rule;
  fw::Maybe<Timeouts> timeouts;
  fw::Maybe<int64_t> revision;
};

inline fw::Object<From> FromObject() {
  return fw::Object<From>()
      .Add(fw::Attr("kind", &From::kind).Optional().Validate(fw::OneOf({"CivoVpc"})))
      .Add(fw::Attr("name", &From::name).Required().Validate(fw::LengthBetween(1, 63)));
}

inline fw::Object<Ref> RefObject() {
  return fw::Object<Ref>()
      .Add(fw::Attr("value", &Ref::value).Optional().Validate(fw::LengthBetween(1, 255)))
      .Add(fw::Attr("value_from", &Ref::value_from, FromObject()).Optional())
      .Validate(fw::ExactlyOneOf({"value", "value_from"}));
}

inline fw::Object<Rule> RuleObject() {
  return fw::Object<Rule>()
      .Add(fw::Attr("protocol", &Rule::protocol).Required().Validate(fw::OneOf({"tcp", "udp", "icmp"})))
      .Add(fw::Attr("port_range", &Rule::port_range).Optional())
      .Add(fw::Attr("cidrs", &Rule::cidrs).Optional())
      .Add(fw::Attr("id", &Rule::id).Computed());
}

inline fw::Object<Timeouts> TimeoutsObject() {
  return fw::Object<Timeouts>()
      .Add(fw::Attr("create", &Timeouts::create).Optional())
      .Add(fw::Attr("update", &Timeouts::update).Optional());
}

inline fw::Object<Thing> ThingObject() {
  return fw::Object<Thing>()
      .Add(fw::Attr("id", &Thing::id).Computed().Modify(fw::UseStateForUnknown()))
      .Add(fw::Attr("name", &Thing::name)
               .Required()
               .Description("The name.")
               .Validate(fw::LengthBetween(1, 63))
               .Validate(fw::Matches("^[a-z0-9]([a-z0-9.\\-]*[a-z0-9])?$",
                                     "lower-case letters, digits, '.' and '-'")))
      .Add(fw::Attr("region", &Thing::region)
               .OptionalComputed()
               .Default("LON1")
               .Modify(fw::RequiresReplaceIf(
                   [](const fw::AttributeChange& c, std::string* why) {
                     if (c.planned.is_unknown() || c.prior.is_null()) return true;
                     if (absl::EqualsIgnoreCase(c.planned.AsString(), c.prior.AsString())) {
                       return false;
                     }
                     *why = "the region moved";
                     return true;
                   },
                   "Replaces the object unless only the letter case changed.")))
      .Add(fw::Attr("user_data", &Thing::user_data)
               .Optional()
               .Sensitive()
               .Validate(fw::LengthBetween(0, 32768, fw::Count::kBytes))
               .Modify(fw::RequiresReplace()))
      .Add(fw::Attr("size", &Thing::size).Optional().Validate(fw::IntBetween(1, 16000)))
      .Add(fw::Attr("enabled", &Thing::enabled).Optional())
      .Add(fw::Attr("tags", &Thing::tags).Optional().Validate(fw::UniqueItems()))
      .Add(fw::Attr("network", &Thing::network, RefObject()).Required())
      .Add(fw::Attr("firewalls", &Thing::firewalls, RefObject()).Optional())
      .Add(fw::Attr("rule", &Thing::rule, RuleObject()).AsBlocks())
      .Add(fw::Attr("timeouts", &Thing::timeouts, TimeoutsObject()).Optional())
      .Add(fw::Attr("status", &Thing::status).Computed())
      .Add(fw::Attr("fingerprint", &Thing::fingerprint).Computed().UnknownWhen({"name"}))
      .Add(fw::Attr("revision", &Thing::revision).Computed().UnknownOnChange())
      .Validate(fw::ConflictsWith({"user_data", "enabled"}));
}

inline Value S(std::string s) { return Value::String(std::move(s)); }
inline Value RefValue(const std::string& id) {
  return Value::Object({{"value", S(id)}, {"value_from", Value::Null()}});
}
inline Value RefByName(const std::string& name) {
  return Value::Object(
      {{"value", Value::Null()},
       {"value_from", Value::Object({{"kind", Value::Null()}, {"name", S(name)}})}});
}

}  // namespace fwtest

#endif  // TESTS_FRAMEWORK_TEST_MODEL_H_
