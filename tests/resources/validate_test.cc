// Every static rule of SPEC.md's civo_compute_instance table, with the
// attribute path and message of its diagnostic; unknown values skipped.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "resources/compute_instance/spec.h"
#include "resources/compute_instance/validate.h"
#include "resources/provider_config.h"
#include "resources/limits.h"
#include "tests/resources/fixture.h"
#include "tfplugin/quote.h"

namespace restest {
namespace {

using resources::compute_instance::ValidateConfig;
using tfplugin::Diagnostics;
using tfplugin::Severity;

Value Base(const std::map<std::string, Value>& overrides = {}) {
  Value v = resources::compute_instance::NullObject();
  v = v.WithAttr("instance_name", Value::String("web-1"));
  v = v.WithAttr("size", Value::String("g3.small"));
  v = v.WithAttr("image", Value::String("ubuntu-jammy"));
  v = v.WithAttr("network", Ref("net-1"));
  for (const auto& [k, x] : overrides) v = v.WithAttr(k, x);
  return v;
}

Diagnostics Validate(const Value& v) {
  Diagnostics d;
  ValidateConfig(v, d);
  return d;
}

TEST(Validate, MinimalConfigIsValid) {
  Diagnostics d = Validate(Base());
  EXPECT_TRUE(d.empty()) << DiagText(d);
}

TEST(Validate, InstanceNamePattern) {
  for (const char* bad : {"Web-1", "-web", "web-", "web_1", "web 1", ""}) {
    Diagnostics d = Validate(Base({{"instance_name", Value::String(bad)}}));
    EXPECT_TRUE(HasDiagAt(d, Severity::kError, "instance_name", "does not match")) << bad << "\n"
                                                                                   << DiagText(d);
  }
  for (const char* good : {"a", "web-1", "web.example.com", "0a"}) {
    EXPECT_FALSE(Validate(Base({{"instance_name", Value::String(good)}})).HasError()) << good;
  }
}

TEST(Validate, InstanceNameAtMost63Characters) {
  EXPECT_FALSE(Validate(Base({{"instance_name", Value::String(std::string(63, 'a'))}})).HasError());
  Diagnostics d = Validate(Base({{"instance_name", Value::String(std::string(64, 'a'))}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "instance_name", "at most 63 characters"))
      << DiagText(d);
}

TEST(Validate, SizeAndImagePatterns) {
  Diagnostics d = Validate(Base({{"size", Value::String("G3.Small")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "size", "does not match")) << DiagText(d);
  // Image names have no dots.
  d = Validate(Base({{"image", Value::String("ubuntu.jammy")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "image", "does not match")) << DiagText(d);
  EXPECT_FALSE(Validate(Base({{"size", Value::String("g3.k3s.small")}})).HasError());
  EXPECT_FALSE(Validate(Base({{"image", Value::String("9d5ea2e3-0a6c-4f43")}})).HasError());
}

TEST(Validate, RegionLooksLikeARegionCode) {
  EXPECT_FALSE(Validate(Base({{"region", Value::String("lon1")}})).HasError());
  Diagnostics d = Validate(Base({{"region", Value::String("london")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "region", "region code")) << DiagText(d);
}

TEST(Validate, ExactlyOneOfValueAndValueFrom) {
  Value both = Value::Object({{"value", Value::String("id")},
                              {"value_from", Value::Object({{"kind", Value::Null()},
                                                            {"name", Value::String("n")}})}});
  Diagnostics d = Validate(Base({{"network", both}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network", "exactly one")) << DiagText(d);
  Value neither = Value::Object({{"value", Value::Null()}, {"value_from", Value::Null()}});
  d = Validate(Base({{"reserved_ip_id", neither}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "reserved_ip_id", "exactly one")) << DiagText(d);
}

TEST(Validate, ValueFromKindMustBeTheFieldsKind) {
  Diagnostics d = Validate(Base({{"network", RefByName("main", "CivoFirewall")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network.value_from.kind", "CivoVpc"))
      << DiagText(d);
  EXPECT_FALSE(Validate(Base({{"network", RefByName("main", "CivoVpc")}})).HasError());
  EXPECT_FALSE(Validate(Base({{"network", RefByName("main")}})).HasError());

  d = Validate(Base({{"firewall_ids", Value::List({RefByName("a", "CivoFirewall"),
                                                   RefByName("b", "CivoVolume")})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "firewall_ids[1].value_from.kind", "CivoFirewall"))
      << DiagText(d);
  d = Validate(Base({{"volume_ids", Value::List({RefByName("v", "CivoVpc")})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "volume_ids[0].value_from.kind", "CivoVolume"))
      << DiagText(d);
  d = Validate(Base({{"reserved_ip_id", RefByName("ip", "CivoVolume")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "reserved_ip_id.value_from.kind", "CivoIpAddress"))
      << DiagText(d);
  EXPECT_FALSE(Validate(Base({{"reserved_ip_id", RefByName("ip", "CivoIpAddress")}})).HasError());
}

TEST(Validate, EmptyReferenceValue) {
  Diagnostics d = Validate(Base({{"network", Ref("")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "network.value", "empty")) << DiagText(d);
}

TEST(Validate, TagsUniqueNotEmptyNoWhitespace) {
  Diagnostics d = Validate(Base({{"tags", Strings({"a", "b", "a"})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[2]", "more than once")) << DiagText(d);
  d = Validate(Base({{"tags", Strings({""})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[0]", "empty")) << DiagText(d);
  d = Validate(Base({{"tags", Strings({"ok", "has space"})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[1]", "whitespace")) << DiagText(d);
  d = Validate(Base({{"tags", Strings({"tab\there"})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[0]", "whitespace")) << DiagText(d);
  EXPECT_FALSE(Validate(Base({{"tags", Strings({"a", "b"})}})).HasError());
}

TEST(Validate, UserDataAtMost32768Bytes) {
  EXPECT_FALSE(Validate(Base({{"user_data", Value::String(std::string(32768, 'x'))}})).HasError());
  Diagnostics d = Validate(Base({{"user_data", Value::String(std::string(32769, 'x'))}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "user_data", "32768 bytes")) << DiagText(d);
  // Bytes, not characters: 16385 two-byte characters are 32770 bytes.
  std::string wide;
  for (int i = 0; i < 16385; ++i) wide += "\xc3\xa9";
  EXPECT_TRUE(Validate(Base({{"user_data", Value::String(wide)}})).HasError());
}

TEST(Validate, TimeoutsAreDurations) {
  Value ok = Value::Object({{"create", Value::String("1h30m")},
                            {"update", Value::String("45s")},
                            {"delete", Value::String("30m")}});
  EXPECT_FALSE(Validate(Base({{"timeouts", ok}})).HasError());
  Value bad = Value::Object({{"create", Value::String("soon")},
                             {"update", Value::Null()},
                             {"delete", Value::String("-5m")}});
  Diagnostics d = Validate(Base({{"timeouts", bad}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "timeouts.create", "not a duration")) << DiagText(d);
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "timeouts.delete", "positive")) << DiagText(d);
}

TEST(Validate, SecondSshKeyOrFirewallIsAWarning) {
  Diagnostics d = Validate(Base({{"ssh_key_ids", Strings({"k1", "k2"})}}));
  EXPECT_FALSE(d.HasError());
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "ssh_key_ids",
                        "Civo takes one; the first is used; add more keys through user_data"))
      << DiagText(d);
  d = Validate(Base({{"firewall_ids", Value::List({Ref("f1"), Ref("f2")})}}));
  EXPECT_FALSE(d.HasError());
  EXPECT_TRUE(HasDiagAt(d, Severity::kWarning, "firewall_ids", "Civo takes one; the first is used"))
      << DiagText(d);
  EXPECT_TRUE(Validate(Base({{"ssh_key_ids", Strings({"k1"})}})).empty());
}

TEST(Validate, UnknownValuesAreSkipped) {
  Diagnostics d = Validate(Base({{"instance_name", Value::Unknown()},
                                 {"network", Value::Unknown()},
                                 {"tags", Value::List({Value::String("a"), Value::Unknown()})},
                                 {"user_data", Value::Unknown()},
                                 {"firewall_ids", Value::Unknown()},
                                 {"reserved_ip_id", Value::Object({{"value", Value::Unknown()},
                                                                   {"value_from", Value::Null()}})},
                                 {"timeouts", Value::Object({{"create", Value::Unknown()},
                                                             {"update", Value::Null()},
                                                             {"delete", Value::Null()}})}}));
  EXPECT_TRUE(d.empty()) << DiagText(d);
}

// ---- Strings are bounded (SPEC.md) ---------------------------------------

// One string a configuration can hold: where it is, the attributes that put
// `text` there, and its maximum as the spec table declares it.
struct StringSlot {
  std::string path;
  std::map<std::string, Value> overrides;
  size_t max_length = 0;
  bool sensitive = false;
};

// SPEC.md's maximum for each configurable string attribute (the members of
// a reference share their attribute's; `value_from.kind` has its own).
size_t SpecMaxLength(const std::string& name) {
  if (name == "instance_name") return 63;
  if (name == "region") return resources::kMaxRegionLength;
  if (name == "user_data") return 32768;
  if (name == "timeouts") return resources::kMaxDurationLength;
  return resources::kMaxNameLength;
}

bool HasMember(const tfplugin::Attribute& a, const std::string& member) {
  if (a.nested == nullptr) return false;
  for (const auto& m : a.nested->attributes) {
    if (m.name == member) return true;
  }
  return false;
}

// Every string of the resource's configuration, read from the schema
// Terraform sees, so that an attribute added later is covered without
// touching this test.
std::vector<StringSlot> EveryString(const std::string& text) {
  const Value v = Value::String(text);
  std::vector<StringSlot> out;
  for (const auto& a : resources::compute_instance::ComputeInstanceSchema().block.attributes) {
    if (a.computed && !a.optional) continue;
    const size_t max_length = SpecMaxLength(a.name);
    auto refs = [&](const std::string& prefix, bool in_list) {
      auto wrap = [&](Value ref) { return in_list ? Value::List({std::move(ref)}) : ref; };
      out.push_back({prefix + ".value",
                     {{a.name, wrap(Value::Object({{"value", v}, {"value_from", Value::Null()}}))}},
                     max_length});
      out.push_back({prefix + ".value_from.name", {{a.name, wrap(RefByName(text))}}, max_length});
      out.push_back({prefix + ".value_from.kind", {{a.name, wrap(RefByName("n", text))}},
                     resources::kMaxKindLength});
    };
    if (HasMember(a, "value_from")) {
      const bool list = a.nested->nesting == tfplugin::Nesting::kList;
      refs(list ? a.name + "[0]" : a.name, list);
    } else if (HasMember(a, "create")) {
      for (const char* member : {"create", "update", "delete"}) {
        std::map<std::string, Value> t = {
            {"create", Value::Null()}, {"update", Value::Null()}, {"delete", Value::Null()}};
        t[member] = v;
        out.push_back({a.name + "." + member, {{a.name, Value::Object(std::move(t))}},
                       max_length});
      }
    } else if (a.type == tfplugin::cty::Type::String()) {
      out.push_back({a.name, {{a.name, v}}, max_length, a.sensitive});
    } else if (a.type == tfplugin::cty::Type::List(tfplugin::cty::Type::String())) {
      out.push_back({a.name + "[0]", {{a.name, Value::List({v})}}, max_length, a.sensitive});
    }
  }
  return out;
}

TEST(BoundedStrings, EveryStringHasAMaximum) {
  const std::vector<StringSlot> slots = EveryString("x");
  // instance_name, region, size, image, user_data; ssh_key_ids, tags; three
  // strings in each of network, firewall_ids, volume_ids, reserved_ip_id;
  // three durations.
  EXPECT_EQ(slots.size(), 22u);
  for (const StringSlot& slot : slots) {
    EXPECT_GT(slot.max_length, 0u) << slot.path << " has no maximum length";
  }
  // user_data counts bytes: 16385 two-byte characters are 32770 bytes.
  std::string wide;
  for (int i = 0; i < 16385; ++i) wide += "\xc3\xa9";
  Diagnostics d = Validate(Base({{"user_data", Value::String(wide)}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "user_data", "at most 32768 bytes")) << DiagText(d);
}

// The shape every hostile-string diagnostic must have.
void ExpectOneShortDiagnostic(const Diagnostics& d, const StringSlot& slot,
                              const std::string& text) {
  ASSERT_EQ(d.items().size(), 1u) << slot.path << "\n" << DiagText(d);
  const auto& diag = d.items()[0];
  EXPECT_EQ(diag.severity, Severity::kError);
  EXPECT_EQ(diag.path.ToString(), slot.path);
  const std::string all = diag.summary + diag.detail;
  EXPECT_LT(all.size(), 400u) << slot.path << ": " << all.size() << " bytes";
  EXPECT_TRUE(absl::StrContains(all, absl::StrCat("at most ", slot.max_length))) << all;
  EXPECT_TRUE(absl::StrContains(all, slot.path)) << all;
  if (slot.sensitive) {
    EXPECT_FALSE(absl::StrContains(all, text.substr(0, 20))) << "a sensitive value was quoted";
  } else {
    EXPECT_TRUE(absl::StrContains(all, tfplugin::QuoteValue(text))) << all;
  }
}

TEST(BoundedStrings, A200000CharacterValueIsOneShortDiagnostic) {
  const std::string huge(200'000, 'a');
  for (const StringSlot& slot : EveryString(huge)) {
    SCOPED_TRACE(slot.path);
    Diagnostics d = Validate(Base(slot.overrides));
    ExpectOneShortDiagnostic(d, slot, huge);
  }
}

TEST(BoundedStrings, HugeValuesOfOtherCharacters) {
  // Multi-byte characters, characters the pattern rejects, and whitespace
  // (tags) all stop at the length rule: one diagnostic, quoted whole
  // characters only.
  std::string wide;
  for (int i = 0; i < 200'000; ++i) wide += "\xc3\xa9";
  for (const std::string& text : {wide, std::string(200'000, '-'), std::string(200'000, ' '),
                                  std::string(200'000, 'A')}) {
    for (const StringSlot& slot : EveryString(text)) {
      SCOPED_TRACE(slot.path);
      Diagnostics d = Validate(Base(slot.overrides));
      ASSERT_EQ(d.items().size(), 1u) << DiagText(d);
      const std::string all = d.items()[0].summary + d.items()[0].detail;
      EXPECT_LT(all.size(), 600u);
      EXPECT_TRUE(absl::StrContains(all, "at most")) << all;
    }
  }
}

TEST(BoundedStrings, AtTheMaximumAndOneOver) {
  for (const StringSlot& at : EveryString("")) {
    SCOPED_TRACE(at.path);
    const std::string max(at.max_length, 'a');
    for (const StringSlot& slot : EveryString(max)) {
      if (slot.path != at.path) continue;
      Diagnostics d = Validate(Base(slot.overrides));
      EXPECT_FALSE(absl::StrContains(DiagText(d), "at most")) << DiagText(d);
    }
    for (const StringSlot& slot : EveryString(max + "a")) {
      if (slot.path != at.path) continue;
      Diagnostics d = Validate(Base(slot.overrides));
      EXPECT_TRUE(HasDiagAt(d, Severity::kError, slot.path, absl::StrCat("at most ", max.size())))
          << DiagText(d);
    }
  }
}

TEST(BoundedStrings, SizeAndImage255Characters) {
  const std::string s255(255, 'a');
  EXPECT_TRUE(Validate(Base({{"size", Value::String(s255)}})).empty());
  EXPECT_TRUE(Validate(Base({{"image", Value::String(s255)}})).empty());
  Diagnostics d = Validate(Base({{"size", Value::String(s255 + "a")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "size", "at most 255 characters; it has 256"))
      << DiagText(d);
  d = Validate(Base({{"image", Value::String(s255 + "a")}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "image", "at most 255 characters; it has 256"))
      << DiagText(d);
  // Characters, not bytes: 255 two-byte characters are within the limit
  // (and then break the pattern).
  std::string wide;
  for (int i = 0; i < 255; ++i) wide += "\xc3\xa9";
  d = Validate(Base({{"size", Value::String(wide)}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "size", "does not match")) << DiagText(d);
}

TEST(BoundedStrings, RuleMessagesQuoteAtMost100Characters) {
  // Within the maximum but breaking another rule: the message still quotes
  // only the beginning.
  const std::string bad = std::string(200, 'a') + "_";
  const std::string tag = std::string(200, 'a') + " b";
  for (const auto& [attr, value] :
       std::vector<std::pair<std::string, Value>>{
           {"size", Value::String(bad)},
           {"image", Value::String(bad)},
           {"tags", Strings({tag})},
       }) {
    Diagnostics d = Validate(Base({{attr, value}}));
    ASSERT_TRUE(d.HasError()) << attr;
    for (const auto& diag : d.items()) {
      EXPECT_FALSE(absl::StrContains(diag.detail, std::string(101, 'a'))) << diag.detail;
      EXPECT_LT((diag.summary + diag.detail).size(), 400u) << diag.detail;
    }
  }
  Diagnostics d = Validate(Base({{"tags", Strings({tag, tag})}}));
  EXPECT_TRUE(HasDiagAt(d, Severity::kError, "tags[1]", "more than once")) << DiagText(d);
  for (const auto& diag : d.items()) {
    EXPECT_FALSE(absl::StrContains(diag.detail, std::string(101, 'a'))) << diag.detail;
  }
}

// The same through the provider with a simulator behind it: validate and
// plan answer with one short diagnostic, nothing reaches the API, and the
// provider then serves a normal create.
class HostileStrings : public ResourceTest {};

TEST_F(HostileStrings, ValidateAndPlanAnswerShortlyAndTheProviderKeepsServing) {
  const std::string huge(200'000, 'a');
  const uint64_t mark = LastSeq();
  for (const StringSlot& slot : EveryString(huge)) {
    SCOPED_TRACE(slot.path);
    const Value config = Config(slot.overrides);
    Diagnostics v;
    res_->Validate(Request("ValidateResourceConfig"), config, v);
    ExpectOneShortDiagnostic(v, slot, huge);
    Diagnostics p;
    Plan(Value::Null(), config, p);
    ExpectOneShortDiagnostic(p, slot, huge);
  }
  EXPECT_EQ(LastSeq(), mark) << "a hostile value reached the API";
  const Value state = CreateOk(Config());
  EXPECT_FALSE(Id(state).empty());
}

TEST_F(HostileStrings, ProviderBlock) {
  const std::string huge(200'000, 'a');
  const std::map<std::string, size_t> limits = {
      {"token", 1024}, {"region", resources::kMaxRegionLength}, {"api_endpoint", 2048}};
  for (const auto& [name, max] : limits) {
    SCOPED_TRACE(name);
    std::map<std::string, Value> attrs = {
        {"token", Value::Null()}, {"region", Value::Null()}, {"api_endpoint", Value::Null()}};
    attrs[name] = Value::String(huge);
    Diagnostics d;
    provider_->ValidateConfig(Request("ValidateProviderConfig"), Value::Object(attrs), d);
    const StringSlot slot{name, {}, max, /*sensitive=*/name == "token"};
    ExpectOneShortDiagnostic(d, slot, huge);
    // At the maximum the length rule is quiet.
    attrs[name] = Value::String(std::string(max, 'a'));
    Diagnostics at_max;
    provider_->ValidateConfig(Request("ValidateProviderConfig"), Value::Object(attrs), at_max);
    EXPECT_FALSE(absl::StrContains(DiagText(at_max), "at most")) << DiagText(at_max);
  }
  // The schema (and so the docs) states the same maximum.
  for (const auto& a : provider_->config_schema().block.attributes) {
    EXPECT_TRUE(absl::StrContains(a.description, absl::StrCat("At most ", limits.at(a.name))))
        << a.name << ": " << a.description;
  }
  EXPECT_FALSE(CreateOk(Config()).is_null());
}

TEST(BoundedStrings, ProviderEnvironmentVariables) {
  const std::string huge(200'000, 'a');
  const Value empty_block = Value::Object(
      {{"token", Value::Null()}, {"region", Value::Null()}, {"api_endpoint", Value::Null()}});
  for (const auto& [var, attr] : std::vector<std::pair<std::string, std::string>>{
           {"CIVO_TOKEN", "token"}, {"CIVO_REGION", "region"}, {"CIVO_API_URL", "api_endpoint"}}) {
    SCOPED_TRACE(var);
    auto env = [&, var = var](const char* name) -> std::optional<std::string> {
      if (name == var) return huge;
      if (std::string(name) == "CIVO_TOKEN") return std::string("t");
      return std::nullopt;
    };
    Diagnostics d;
    resources::ResolveProviderConfig(empty_block, env, d);
    ASSERT_EQ(d.items().size(), 1u) << DiagText(d);
    const auto& diag = d.items()[0];
    EXPECT_EQ(diag.path.ToString(), attr);
    EXPECT_TRUE(absl::StartsWith(diag.detail, var + " must be at most ")) << diag.detail;
    EXPECT_LT((diag.summary + diag.detail).size(), 400u);
    if (attr == "token") {
      EXPECT_FALSE(absl::StrContains(diag.detail, "aaaa")) << diag.detail;
    }
  }
}

TEST_F(HostileStrings, PlanTimeLookupsQuoteAtMost100Characters) {
  // 255 characters pass validation; no object of that name exists.
  const std::string name(255, 'a');
  const std::vector<std::pair<std::string, Value>> cases = {
      {"size", Value::String(name)},
      {"image", Value::String(name)},
      {"network", RefByName(name)},
      {"network", Ref(name)},
      {"firewall_ids", Value::List({RefByName(name)})},
      {"volume_ids", Value::List({Ref(name)})},
      {"reserved_ip_id", RefByName(name)},
  };
  for (const auto& [attr, value] : cases) {
    SCOPED_TRACE(attr);
    Diagnostics d;
    Plan(Value::Null(), Config({{attr, value}}), d);
    ASSERT_TRUE(d.HasError()) << DiagText(d);
    bool quoted = false;
    for (const auto& diag : d.items()) {
      EXPECT_TRUE(absl::StartsWith(diag.path.ToString(), attr)) << DiagText(d);
      EXPECT_FALSE(absl::StrContains(diag.summary + diag.detail, std::string(101, 'a')))
          << diag.detail;
      if (absl::StrContains(diag.detail, tfplugin::QuoteValue(name))) quoted = true;
    }
    EXPECT_TRUE(quoted) << DiagText(d);
  }
}

}  // namespace
}  // namespace restest
