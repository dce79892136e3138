// Offline unit tests: JSON models, errors, backoff.
#include <gtest/gtest.h>

#include "civoapi/backoff.h"
#include "civoapi/errors.h"
#include "civoapi/models_json.h"
#include "rapidjson/document.h"

namespace {

rapidjson::Document Parse(const char* json) {
  rapidjson::Document d;
  d.Parse(json);
  EXPECT_FALSE(d.HasParseError()) << json;
  return d;
}

TEST(Models, InstanceToleratesNullsUnknownFieldsAndStringForms) {
  auto d = Parse(R"({"id":"i-1","hostname":"h","status":"BUILDING","public_ip":null,"private_ip":null,
    "tags":"a b","cpu_cores":"2","ram_mb":2048.0,"disk_gb":25,"something_new":{"x":[1,2]},
    "script":"IyEvYmluL3NoCmVjaG8gaGk=","template_id":"img-1","attached_volumes":[{"id":"v1"},{"id":"v2"}],
    "notes":null})");
  civoapi::Instance i = civoapi::ParseInstance(d);
  EXPECT_EQ(i.id, "i-1");
  EXPECT_TRUE(i.public_ip.empty());
  EXPECT_EQ(i.tags, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(i.cpu_cores, 2);
  EXPECT_EQ(i.ram_mb, 2048);
  EXPECT_EQ(i.script, "#!/bin/sh\necho hi");
  EXPECT_EQ(i.disk_image_id, "img-1");
  EXPECT_EQ(i.volume_ids, (std::vector<std::string>{"v1", "v2"}));
  EXPECT_TRUE(i.notes.empty());
}

TEST(Models, ScriptDecoding) {
  EXPECT_EQ(civoapi::DecodeScript("#cloud-config\nruncmd: []\n"), "#cloud-config\nruncmd: []\n");
  EXPECT_EQ(civoapi::DecodeScript("aGVsbG8="), "hello");
  EXPECT_EQ(civoapi::DecodeScript(""), "");
  // Valid base64 of binary bytes is kept as sent.
  EXPECT_EQ(civoapi::DecodeScript("AAEC"), "AAEC");
}

TEST(Models, NetworkUsesLabelAndIpAssignment) {
  auto n = civoapi::ParseNetwork(Parse(R"({"id":"n1","name":"cust-default","label":"default","default":true})"));
  EXPECT_EQ(n.name, "default");
  EXPECT_TRUE(n.is_default);
  auto ip = civoapi::ParseReservedIp(Parse(R"({"id":"ip1","ip":"1.2.3.4","assigned_to":{"id":"i1","type":"instance"}})"));
  EXPECT_EQ(ip.assigned_to_id, "i1");
  auto free_ip = civoapi::ParseReservedIp(Parse(R"({"id":"ip2","ip":"1.2.3.5","assigned_to":null})"));
  EXPECT_TRUE(free_ip.assigned_to_id.empty());
}

TEST(Models, CreateBodyJoinsTags) {
  civoapi::CreateInstanceRequest r;
  r.hostname = "h";
  r.size = "g3.small";
  r.template_id = "img";
  r.tags = {"a", "b"};
  auto d = Parse(civoapi::CreateInstanceBody(r, "LON1").c_str());
  EXPECT_STREQ(d["tags"].GetString(), "a b");
  EXPECT_STREQ(d["region"].GetString(), "LON1");
  EXPECT_STREQ(d["template_id"].GetString(), "img");
  EXPECT_EQ(d["count"].GetInt(), 1);
}

TEST(Errors, PayloadRoundTripsAndClassifies) {
  civoapi::ApiError e{503, "service_unavailable", "busy", "try later", false};
  absl::Status s = civoapi::MakeApiError(e);
  auto back = civoapi::GetApiError(s);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->http_status, 503);
  EXPECT_EQ(back->code, "service_unavailable");
  EXPECT_EQ(back->details, "try later");
  EXPECT_TRUE(civoapi::IsTransient(s));
  EXPECT_FALSE(civoapi::IsNotFound(s));
  EXPECT_TRUE(civoapi::IsNotFound(civoapi::MakeApiError({400, "database_volume_not_found", "", "", false})));
  EXPECT_FALSE(civoapi::IsTransient(civoapi::MakeApiError({422, "x", "", "", false})));
  EXPECT_TRUE(civoapi::IsTransient(civoapi::MakeApiError({0, "connection_refused", "", "", false})));
  EXPECT_FALSE(civoapi::IsTransient(civoapi::MakeApiError({0, "dns_error", "", "", false})));
  EXPECT_FALSE(civoapi::GetApiError(absl::InternalError("plain")).has_value());
}

TEST(Backoff, GrowsWithJitterAndHonoursRetryAfter) {
  civoapi::BackoffPolicy p{std::chrono::milliseconds(100), std::chrono::milliseconds(1000)};
  using std::chrono::milliseconds;
  EXPECT_EQ(civoapi::BackoffDelay(p, 0, std::nullopt, 0.0), milliseconds(50));
  EXPECT_EQ(civoapi::BackoffDelay(p, 0, std::nullopt, 1.0), milliseconds(100));
  EXPECT_EQ(civoapi::BackoffDelay(p, 3, std::nullopt, 1.0), milliseconds(800));
  EXPECT_EQ(civoapi::BackoffDelay(p, 20, std::nullopt, 1.0), milliseconds(1000));
  EXPECT_GE(civoapi::BackoffDelay(p, 20, std::nullopt, 0.0), milliseconds(500));
  EXPECT_EQ(civoapi::BackoffDelay(p, 0, std::chrono::seconds(3), 0.0), milliseconds(3000));
  EXPECT_LE(civoapi::BackoffDelay(p, 0, std::chrono::seconds(3), 1.0), milliseconds(3300));
}

}  // namespace
