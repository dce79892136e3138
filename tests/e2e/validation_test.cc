// End-to-end: every validation rule of SPEC.md as an error diagnostic on the
// right attribute path (at validate, before any API call), the warnings for
// a second SSH key / firewall, unknown values let through, and the
// plan-time checks against the API (size, image, value_from resolution).
#include <string>
#include <vector>

#include "tests/e2e/fixture.h"

namespace e2e {
namespace {

using Validation = E2ETest;

struct Case {
  std::string name;       // resource name
  Fields changes;         // applied to BaseFields()
  std::string attribute;  // expected error path prefix; "" = must be valid
};

std::string Repeat(char c, size_t n) { return std::string(n, c); }

TEST_F(Validation, EveryRuleIsAnErrorOnItsAttribute) {
  const std::vector<Case> cases = {
      // Positive controls: at the limits, valid.
      {"ok_base", {}, ""},
      {"ok_name_63", {{"instance_name", Quote(Repeat('a', 63))}}, ""},
      {"ok_name_dots", {{"instance_name", Quote("web-1.example")}}, ""},
      {"ok_user_data_32768", {{"user_data", Quote(Repeat('x', 32768))}}, ""},
      {"ok_value_from_kind", {{"network", R"({"value_from": {"kind": "CivoVpc", "name": "n"}})"}}, ""},
      {"ok_tags", {{"tags", R"(["a", "b-c", "d.e"])"}}, ""},
      {"ok_timeouts", {{"timeouts", R"({"create": "1h30m", "update": "45s", "delete": "30m"})"}}, ""},
      {"ok_refs_of_all_kinds",
       {{"firewall_ids", R"([{"value_from": {"kind": "CivoFirewall", "name": "f"}}])"},
        {"volume_ids", R"([{"value_from": {"kind": "CivoVolume", "name": "v"}}])"},
        {"reserved_ip_id", R"({"value_from": {"kind": "CivoIpAddress", "name": "i"}})"}},
       ""},
      // instance_name: pattern and length.
      {"name_upper", {{"instance_name", Quote("Web-1")}}, "instance_name"},
      {"name_underscore", {{"instance_name", Quote("web_1")}}, "instance_name"},
      {"name_trailing_dash", {{"instance_name", Quote("web-")}}, "instance_name"},
      {"name_leading_dot", {{"instance_name", Quote(".web")}}, "instance_name"},
      {"name_empty", {{"instance_name", Quote("")}}, "instance_name"},
      {"name_64", {{"instance_name", Quote(Repeat('a', 64))}}, "instance_name"},
      // size and image patterns.
      {"size_upper", {{"size", Quote("G3.Small")}}, "size"},
      {"size_space", {{"size", Quote("g3 small")}}, "size"},
      {"image_dot", {{"image", Quote("ubuntu.jammy")}}, "image"},
      {"image_upper", {{"image", Quote("Ubuntu-jammy")}}, "image"},
      // tags.
      {"tags_duplicate", {{"tags", R"(["a", "a"])"}}, "tags"},
      {"tags_empty", {{"tags", R"([""])"}}, "tags"},
      {"tags_whitespace", {{"tags", R"(["a b"])"}}, "tags"},
      {"tags_tab", {{"tags", R"(["a\tb"])"}}, "tags"},
      // user_data size in bytes (a 2-byte character counts twice).
      {"user_data_32769", {{"user_data", Quote(Repeat('x', 32769))}}, "user_data"},
      {"user_data_bytes", {{"user_data", Quote(Repeat('x', 32767) + "\xc3\xa9")}}, "user_data"},
      // StringValueOrRef: exactly one of value / value_from; known kinds.
      {"network_both", {{"network", R"({"value": "x", "value_from": {"name": "n"}})"}}, "network"},
      {"network_neither", {{"network", "{}"}}, "network"},
      {"network_wrong_kind", {{"network", R"({"value_from": {"kind": "CivoFirewall", "name": "n"}})"}},
       "network"},
      {"network_unknown_kind", {{"network", R"({"value_from": {"kind": "Bogus", "name": "n"}})"}},
       "network"},
      {"firewall_wrong_kind",
       {{"firewall_ids", R"([{"value_from": {"kind": "CivoVpc", "name": "f"}}])"}}, "firewall_ids"},
      {"firewall_both", {{"firewall_ids", R"([{"value": "x", "value_from": {"name": "f"}}])"}},
       "firewall_ids"},
      {"volume_wrong_kind",
       {{"volume_ids", R"([{"value_from": {"kind": "CivoFirewall", "name": "v"}}])"}}, "volume_ids"},
      {"volume_neither", {{"volume_ids", "[{}]"}}, "volume_ids"},
      {"reserved_ip_wrong_kind",
       {{"reserved_ip_id", R"({"value_from": {"kind": "CivoVolume", "name": "i"}})"}},
       "reserved_ip_id"},
      // timeouts are durations.
      {"timeout_not_duration", {{"timeouts", R"({"create": "soon"})"}}, "timeouts"},
  };
  std::map<std::string, std::string> resources;
  for (const auto& c : cases) {
    resources["civo_compute_instance." + c.name] = Entry(With(BaseFields(), c.changes));
  }
  ws_->SetResources(resources);

  size_t mark = sim_->Log().size();
  TfResult r = Tf("validate");
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  auto errors = r.Errors();
  for (const auto& c : cases) {
    SCOPED_TRACE("case " + c.name);
    std::string addr = "civo_compute_instance." + c.name;
    std::vector<Diagnostic> mine;
    for (const auto& d : errors) {
      if (d.resource == addr) mine.push_back(d);
    }
    if (c.attribute.empty()) {
      EXPECT_TRUE(mine.empty()) << "valid configuration rejected: " << mine.front().ToString();
      continue;
    }
    ASSERT_FALSE(mine.empty()) << "no error for " << c.name << "\n" << r.Describe();
    for (const auto& d : mine) {
      EXPECT_EQ(d.attribute.rfind(c.attribute, 0), 0u)
          << "error not on " << c.attribute << ": " << d.ToString();
      EXPECT_EQ(d.origin, "provider") << d.ToString();
      EXPECT_FALSE(d.summary.empty()) << d.ToString();
    }
  }
  EXPECT_EQ(sim_->Log().size(), mark) << "validate called the API:\n"
                                      << Sim::Describe(sim_->Log());

  // The same rules hold at plan (validation runs again), and nothing is
  // created.
  TfResult plan = Tf("apply");
  EXPECT_EQ(plan.exit_code, 1) << plan.Describe();
  EXPECT_EQ(plan.violations(), 0) << plan.Describe();
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));
}

TEST_F(Validation, SecondSshKeyAndFirewallAreWarnings) {
  std::string k1 = sim_->CreateSshKey("key-one");
  std::string k2 = sim_->CreateSshKey("key-two");
  std::string f1 = sim_->CreateFirewall("fw-one", net_);
  std::string f2 = sim_->CreateFirewall("fw-two", net_);
  SetWeb(With(BaseFields(),
              {{"ssh_key_ids", "[" + Quote(k1) + ", " + Quote(k2) + "]"},
               {"firewall_ids", "[{\"value\": " + Quote(f1) + "}, {\"value\": " + Quote(f2) + "}]"}}));
  TfResult r = TfOk("validate");
  bool key_warning = false, fw_warning = false;
  for (const auto& d : r.Warnings()) {
    if (d.attribute.rfind("ssh_key_ids", 0) == 0) {
      key_warning = true;
      EXPECT_TRUE(ContainsNoCase(d.summary + " " + d.detail, "user_data")) << d.ToString();
    }
    if (d.attribute.rfind("firewall_ids", 0) == 0) fw_warning = true;
  }
  EXPECT_TRUE(key_warning) << r.Describe();
  EXPECT_TRUE(fw_warning) << r.Describe();

  // Applied, the first of each is used.
  TfResult apply = TfOk("apply");
  auto inst = sim_->Instance(StateId());
  ASSERT_TRUE(inst);
  EXPECT_EQ(Str(inst->root(), "ssh_key_id"), k1);
  EXPECT_EQ(Str(inst->root(), "firewall_id"), f1);
  EXPECT_EQ(StateAttr(kWeb, "firewall_id"), f1);
}

TEST_F(Validation, UnknownValuesAreNotRejected) {
  // Values that are unknown at validate time (references to another
  // instance) are skipped, not rejected.
  std::map<std::string, std::string> resources;
  resources["civo_compute_instance.a"] = Entry(BaseFields("a"));
  std::string ref_id = R"({"$ref": "civo_compute_instance.a.id"})";
  std::string ref_net = R"({"$ref": "civo_compute_instance.a.network_id"})";
  resources["civo_compute_instance.b"] = Entry(With(
      BaseFields("b"),
      {{"network", "{\"value\": " + ref_net + "}"},
       {"tags", "[" + ref_id + "]"},
       {"user_data", ref_id},
       {"firewall_ids", R"([{"value": {"$ref": "civo_compute_instance.a.firewall_id"}}])"}}));
  ws_->SetResources(resources);
  TfResult validate = TfOk("validate");
  // And they work once known.
  TfResult apply = TfOk("apply");
  EXPECT_EQ(sim_->InstanceIds().size(), 2u);
}

// SPEC.md "Strings are bounded", through the real binary: a 200,000-character
// value in any string attribute gives one short error naming the attribute
// and its maximum, at validate and at plan; the process that answered them
// validates a normal resource beside them without complaint, and the next
// apply in the same directory succeeds.
TEST_F(Validation, HostileStringsGetShortDiagnosticsAndTheProviderKeepsServing) {
  const std::string q = Quote(std::string(200'000, 'a'));
  struct Hostile {
    std::string attribute;  // the expected diagnostic path
    std::string field;      // the config attribute
    std::string json;       // its value
    size_t max;
  };
  auto refs = [&](const std::string& field, bool list) {
    auto wrap = [&](const std::string& ref) { return list ? "[" + ref + "]" : ref; };
    const std::string at = list ? field + "[0]" : field;
    return std::vector<Hostile>{
        {at + ".value", field, wrap("{\"value\": " + q + "}"), 255},
        {at + ".value_from.name", field, wrap("{\"value_from\": {\"name\": " + q + "}}"), 255},
        {at + ".value_from.kind", field,
         wrap("{\"value_from\": {\"kind\": " + q + ", \"name\": \"n\"}}"), 64},
    };
  };
  std::vector<Hostile> cases = {
      {"instance_name", "instance_name", q, 63},
      {"region", "region", q, 16},
      {"size", "size", q, 255},
      {"image", "image", q, 255},
      {"user_data", "user_data", q, 32768},
      {"ssh_key_ids[0]", "ssh_key_ids", "[" + q + "]", 255},
      {"tags[0]", "tags", "[" + q + "]", 255},
      {"timeouts.create", "timeouts", "{\"create\": " + q + "}", 32},
      {"timeouts.update", "timeouts", "{\"update\": " + q + "}", 32},
      {"timeouts.delete", "timeouts", "{\"delete\": " + q + "}", 32},
  };
  for (const auto& [field, list] : std::vector<std::pair<std::string, bool>>{
           {"network", false}, {"firewall_ids", true}, {"volume_ids", true},
           {"reserved_ip_id", false}}) {
    for (Hostile& h : refs(field, list)) cases.push_back(std::move(h));
  }
  std::map<std::string, std::string> resources;
  std::map<std::string, const Hostile*> by_addr;
  for (size_t i = 0; i < cases.size(); ++i) {
    const std::string addr = "civo_compute_instance.hostile_" + std::to_string(i);
    resources[addr] = Entry(With(BaseFields("h" + std::to_string(i)),
                                 {{cases[i].field, cases[i].json}}));
    by_addr[addr] = &cases[i];
  }
  resources[kWeb] = Entry(BaseFields());
  ws_->SetResources(resources);

  auto check = [&](const TfResult& r, const std::string& step) {
    SCOPED_TRACE(step);
    EXPECT_EQ(r.exit_code, 1) << r.Describe();
    EXPECT_EQ(r.violations(), 0) << r.Describe();
    std::map<std::string, int> count;
    for (const auto& d : r.Errors()) {
      auto it = by_addr.find(d.resource);
      ASSERT_NE(it, by_addr.end()) << "error on a valid resource: " << d.ToString();
      const Hostile& h = *it->second;
      ++count[d.resource];
      EXPECT_EQ(d.attribute, h.attribute) << d.ToString();
      EXPECT_EQ(d.origin, "provider") << d.ToString();
      EXPECT_LT(d.summary.size() + d.detail.size(), 400u) << h.attribute;
      EXPECT_NE(d.detail.find("at most " + std::to_string(h.max)), std::string::npos)
          << d.ToString();
      EXPECT_EQ(d.detail.find(std::string(101, 'a')), std::string::npos) << h.attribute;
    }
    for (const auto& [addr, h] : by_addr) {
      EXPECT_EQ(count[addr], 1) << h->attribute << "\n" << r.Describe();
    }
  };

  const size_t mark = sim_->Log().size();
  check(Tf("validate"), "validate");
  // Plan validates first (as Terraform does) and stops there: the same one
  // short error each, and no API call. (PlanResourceChange given such
  // values anyway is tests/resources' HostileStrings.)
  check(Tf("plan"), "plan");
  EXPECT_TRUE(sim_->MutatingCalls(mark).empty()) << Sim::Describe(sim_->MutatingCalls(mark));

  // Then, in the same directory, the valid instance alone applies.
  SetWeb(BaseFields());
  TfOk("apply");
  EXPECT_EQ(sim_->InstanceIds().size(), 1u);
}

TEST_F(Validation, HostileProviderBlockStringsGetShortDiagnostics) {
  const std::string q = Quote(std::string(200'000, 'a'));
  const size_t mark = sim_->Log().size();
  for (const auto& [name, max] : std::vector<std::pair<std::string, size_t>>{
           {"token", 1024}, {"region", 16}, {"api_endpoint", 2048}}) {
    SCOPED_TRACE(name);
    Workspace hostile("{\"" + name + "\": " + q + "}");
    hostile.SetResources({{kWeb, Entry(BaseFields())}});
    TfResult r = hostile.Run("validate");
    EXPECT_EQ(r.exit_code, 1) << r.Describe();
    EXPECT_EQ(r.violations(), 0) << r.Describe();
    auto errors = r.Errors();
    ASSERT_EQ(errors.size(), 1u) << r.Describe();
    EXPECT_EQ(errors[0].attribute, name);
    EXPECT_LT(errors[0].summary.size() + errors[0].detail.size(), 400u);
    EXPECT_NE(errors[0].detail.find("at most " + std::to_string(max)), std::string::npos)
        << errors[0].ToString();
    EXPECT_EQ(errors[0].detail.find(std::string(101, 'a')), std::string::npos);
    if (name == "token") {
      EXPECT_EQ(errors[0].detail.find("aaaa"), std::string::npos);
    }
  }
  // The simulator was never called, and a valid provider block works.
  EXPECT_EQ(sim_->Log().size(), mark) << Sim::Describe(sim_->Log());
  SetWeb(BaseFields());
  TfOk("apply");
}

using PlanCheck = E2ETest;

TEST_F(PlanCheck, UnknownSizeAndImageFailAtPlanNotApply) {
  std::map<std::string, std::string> resources;
  resources["civo_compute_instance.bad_size"] =
      Entry(With(BaseFields("s"), {{"size", Quote("g9.enormous")}}));
  resources["civo_compute_instance.bad_image"] =
      Entry(With(BaseFields("i"), {{"image", Quote("no-such-os")}}));
  ws_->SetResources(resources);
  TfResult r = Tf("apply");
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  bool size_error = false, image_error = false;
  for (const auto& d : r.Errors()) {
    if (d.resource == "civo_compute_instance.bad_size" && d.attribute == "size") {
      size_error = true;
      EXPECT_EQ(d.step, "plan") << d.ToString();
      // It says which sizes do exist.
      EXPECT_NE((d.summary + d.detail).find(size_small_), std::string::npos) << d.ToString();
    }
    if (d.resource == "civo_compute_instance.bad_image" && d.attribute == "image") {
      image_error = true;
      EXPECT_EQ(d.step, "plan") << d.ToString();
      EXPECT_NE((d.summary + d.detail).find(image_), std::string::npos) << d.ToString();
    }
  }
  EXPECT_TRUE(size_error) << r.Describe();
  EXPECT_TRUE(image_error) << r.Describe();
  EXPECT_EQ(FindCall(sim_->Log(), 0, "POST", {"/v2/instances"}), -1)
      << "an instance create was attempted:\n" << Sim::Describe(sim_->Log());
  EXPECT_TRUE(sim_->InstanceIds().empty());
}

// A region the API does not know: one error, on `region`, naming the
// regions that exist (GET /v2/regions), and no lookups that would fail too.
TEST_F(PlanCheck, UnknownRegionIsOneErrorOnRegion) {
  SetWeb(With(BaseFields(), {{"region", Quote("MARS1")}}));
  const size_t mark = sim_->Log().size();
  TfResult r = Tf("plan");
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  const auto errors = r.Errors();
  ASSERT_EQ(errors.size(), 1u) << r.Describe();
  EXPECT_EQ(errors[0].attribute, "region") << errors[0].ToString();
  EXPECT_EQ(errors[0].step, "plan") << errors[0].ToString();
  const std::string text = errors[0].summary + " " + errors[0].detail;
  EXPECT_NE(text.find("MARS1"), std::string::npos) << text;
  EXPECT_NE(text.find("LON1"), std::string::npos) << "does not name the available regions: " << text;
  const auto log = sim_->Log();
  EXPECT_GE(FindCall(log, mark, "GET", {"/v2/regions"}), 0) << Sim::Describe(log);
  EXPECT_EQ(FindCall(log, mark, "GET", {"/v2/sizes"}), -1) << Sim::Describe(log);
  EXPECT_EQ(FindCall(log, mark, "GET", {"/v2/disk_images"}), -1) << Sim::Describe(log);
  EXPECT_TRUE(sim_->InstanceIds().empty());
}

TEST_F(PlanCheck, ValueFromWithoutMatchIsAnErrorOnTheAttribute) {
  SetWeb(With(BaseFields(), {{"network", R"({"value_from": {"name": "no-such-network"}})"}}));
  TfResult r = Tf("plan");
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  bool found = false;
  for (const auto& d : r.Errors()) {
    if (d.attribute.rfind("network", 0) == 0 && d.attribute.rfind("network_id", 0) != 0) {
      found = true;
    }
  }
  EXPECT_TRUE(found) << r.Describe();
}

TEST_F(PlanCheck, ValueFromWithSeveralMatchesIsAnErrorOnTheAttribute) {
  std::string a = sim_->CreateFirewall("twin", net_);
  std::string b = sim_->CreateFirewall("twin", net_, "LON1", /*allow_duplicate_name=*/true);
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty()) << "could not make a second firewall named twin";
  SetWeb(With(BaseFields(), {{"firewall_ids", R"([{"value_from": {"name": "twin"}}])"}}));
  TfResult r = Tf("apply");
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_EQ(r.violations(), 0) << r.Describe();
  bool found = false;
  for (const auto& d : r.Errors()) {
    if (d.attribute.rfind("firewall_ids", 0) == 0) found = true;
  }
  EXPECT_TRUE(found) << r.Describe();
  EXPECT_TRUE(sim_->InstanceIds().empty());
}

}  // namespace
}  // namespace e2e
