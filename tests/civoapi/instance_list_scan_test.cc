// One page of the instance list read without a document of it
// (civoapi/instance_list_scan.h).
#include "civoapi/instance_list_scan.h"

#include <gtest/gtest.h>

#include "civoapi/errors.h"

namespace civoapi_test {
namespace {

using civoapi::ScanInstanceListPage;

// Items whose nested objects carry "id" keys too, and a key named "id"
// whose value is not the item's id.
constexpr char kPage[] = R"({"page": 1, "per_page": 2, "pages": 3, "items": [
  {"network": {"id": "net-1"}, "id": "a1", "hostname": "one", "status": "ACTIVE", "tags": ["x", "y"]},
  {"id": "b2", "hostname": "two", "status": "BUILDING", "volumes": [{"id": "vol-9"}], "notes": "{\"id\": \"c3\"}"},
  {"hostname": "three", "source_id": "id", "id": "c3", "status": "ACTIVE"}
]})";

TEST(InstanceListScan, ParsesOnlyTheWantedItemsAndThePageCount) {
  auto page = ScanInstanceListPage(kPage, {"b2", "c3", "missing"});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->pages, 3);
  ASSERT_EQ(page->wanted.size(), 2u);
  EXPECT_EQ(page->wanted.at("b2").hostname, "two");
  EXPECT_EQ(page->wanted.at("b2").status, "BUILDING");
  EXPECT_EQ(page->wanted.at("c3").hostname, "three");
  EXPECT_EQ(page->wanted.count("a1"), 0u);
}

TEST(InstanceListScan, NestedIdsDoNotNameTheItem) {
  auto page = ScanInstanceListPage(kPage, {"net-1", "vol-9"});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_TRUE(page->wanted.empty());
}

TEST(InstanceListScan, ABareArrayIsOnePage) {
  auto page = ScanInstanceListPage(R"([{"id": "a1", "hostname": "one"}, {"id": "b2", "hostname": "two"}])", {"a1"});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->pages, 1);
  ASSERT_EQ(page->wanted.size(), 1u);
  EXPECT_EQ(page->wanted.at("a1").hostname, "one");
}

TEST(InstanceListScan, PagesAsAStringAndAnEmptyList) {
  auto page = ScanInstanceListPage(R"({"pages": "2", "items": []})", {"a1"});
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->pages, 2);
  EXPECT_TRUE(page->wanted.empty());
}

TEST(InstanceListScan, WhatIsNotAListIsAnError) {
  for (const char* body : {R"({"id": "a1"})", R"({"items": {"id": "a1"}})", "not json", "",
                           R"({"items": [{"id": "a1"})"}) {
    auto page = ScanInstanceListPage(body, {"a1"});
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_EQ(civoapi::GetApiError(page.status())->code, "unexpected_response") << body;
  }
}

}  // namespace
}  // namespace civoapi_test
