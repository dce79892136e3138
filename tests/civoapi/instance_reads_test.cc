// Shared instance reads (civoapi/instance_reads.h): fewer calls, never staler.
// The unit tests drive InstanceReads with fetchers whose timing the test
// controls; the simulator tests count the calls in the simulator's request
// log.
#include "civoapi/instance_reads.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "civoapi/errors.h"
#include "tests/civoapi/sim_fixture.h"

namespace civoapi_test {
namespace {

using civoapi::Instance;
using civoapi::InstanceListPage;
using civoapi::InstanceReads;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A world of instances behind fetchers that count their calls. A list takes
// its snapshot when it is sent and can be held "on the wire" until released,
// so a test can change the world while a list is in flight.
struct FakeApi {
  std::mutex mu;
  std::condition_variable cv;
  std::map<std::string, std::string> hostnames;  // id -> hostname
  int pages = 1;  // what each list page reports
  bool hold_lists = false;
  int lists_sent = 0;
  int gets = 0;

  InstanceReads::Fetchers Fetchers() {
    InstanceReads::Fetchers f;
    f.get = [this](const std::string& id, const civoapi::CallOptions&) -> absl::StatusOr<Instance> {
      std::lock_guard<std::mutex> lock(mu);
      ++gets;
      auto it = hostnames.find(id);
      if (it == hostnames.end()) {
        return civoapi::MakeApiError(civoapi::ApiError{404, "database_instance_find", "not found", "", false});
      }
      Instance i;
      i.id = id;
      i.hostname = it->second;
      return i;
    };
    f.list_page = [this](int, const std::set<std::string>& wanted,
                         const civoapi::CallOptions&) -> absl::StatusOr<InstanceListPage> {
      std::unique_lock<std::mutex> lock(mu);
      ++lists_sent;
      InstanceListPage page;
      page.pages = pages;
      for (const auto& [id, host] : hostnames) {  // the server's view when the request arrives
        if (wanted.count(id) == 0) continue;
        Instance i;
        i.id = id;
        i.hostname = host;
        page.wanted.emplace(id, i);
      }
      cv.notify_all();
      cv.wait(lock, [this] { return !hold_lists; });
      return page;
    };
    return f;
  }
  void WaitForLists(int n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return lists_sent >= n; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu);
    hold_lists = false;
    cv.notify_all();
  }
};

civoapi::CallOptions Opts() {
  civoapi::CallOptions o;
  o.deadline = Clock::now() + std::chrono::seconds(10);
  return o;
}

TEST(InstanceReadsUnit, ReadsDueTogetherShareOneList) {
  FakeApi api;
  for (int i = 0; i < 6; ++i) api.hostnames["id" + std::to_string(i)] = "host" + std::to_string(i);
  InstanceReads reads(api.Fetchers(), nullptr);
  const auto due = Clock::now() + milliseconds(50);
  std::vector<std::future<absl::StatusOr<Instance>>> got;
  for (int i = 0; i < 6; ++i) {
    got.push_back(std::async(std::launch::async,
                             [&, i] { return reads.Read("id" + std::to_string(i), "LON1", due, Opts()); }));
  }
  for (int i = 0; i < 6; ++i) {
    auto r = got[i].get();
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->hostname, "host" + std::to_string(i));
  }
  EXPECT_EQ(api.lists_sent + api.gets, 1) << "lists " << api.lists_sent << ", gets " << api.gets;
}

// The freshness promise: a read that begins while a list is in flight is
// not answered by it (that list's snapshot may predate a change the read
// must see); it is answered by a request sent after it began.
TEST(InstanceReadsUnit, AReadIsNeverAnsweredByAListSentBeforeIt) {
  FakeApi api;
  api.hostnames = {{"x", "before"}, {"y", "other"}};
  api.hold_lists = true;
  InstanceReads reads(api.Fetchers(), nullptr);
  const auto due = Clock::now() + milliseconds(20);
  auto first_x = std::async(std::launch::async, [&] { return reads.Read("x", "LON1", due, Opts()); });
  auto first_y = std::async(std::launch::async, [&] { return reads.Read("y", "LON1", due, Opts()); });
  api.WaitForLists(1);  // the list is on the wire with x = "before"
  {
    std::lock_guard<std::mutex> lock(api.mu);
    api.hostnames["x"] = "drifted";  // changed outside Terraform
  }
  auto later_x = std::async(std::launch::async, [&] { return reads.Read("x", "LON1", Clock::now(), Opts()); });
  std::this_thread::sleep_for(milliseconds(100));  // later_x is waiting, not answered
  EXPECT_EQ(later_x.wait_for(milliseconds(0)), std::future_status::timeout);
  api.Release();
  auto a = first_x.get();
  auto b = first_y.get();
  auto c = later_x.get();
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->hostname, "before");  // it began before the change
  EXPECT_EQ(c->hostname, "drifted");
  EXPECT_EQ(api.lists_sent + api.gets, 2);
}

TEST(InstanceReadsUnit, MissingFromAOnePageListIsNotFound) {
  FakeApi api;
  api.hostnames = {{"x", "hx"}};
  InstanceReads reads(api.Fetchers(), nullptr);
  const auto due = Clock::now() + milliseconds(20);
  auto x = std::async(std::launch::async, [&] { return reads.Read("x", "LON1", due, Opts()); });
  auto gone = std::async(std::launch::async, [&] { return reads.Read("gone", "LON1", due, Opts()); });
  EXPECT_TRUE(x.get().ok());
  auto g = gone.get();
  EXPECT_TRUE(civoapi::IsNotFound(g.status())) << g.status();
  EXPECT_EQ(api.lists_sent, 1);
  EXPECT_EQ(api.gets, 0);
}

// Items move between pages while others are deleted: absence from a list of
// several pages proves nothing, so that read asks for itself.
TEST(InstanceReadsUnit, MissingFromAMultiPageListFallsBackToItsOwnGet) {
  FakeApi api;
  api.hostnames = {{"x", "hx"}, {"y", "hy"}, {"z", "hz"}};
  api.pages = 2;  // every list reports two pages
  InstanceReads reads(api.Fetchers(), nullptr);
  const auto due = Clock::now() + milliseconds(20);
  std::vector<std::future<absl::StatusOr<Instance>>> got;
  for (const char* id : {"x", "y", "z", "gone"}) {
    got.push_back(std::async(std::launch::async, [&, id] { return reads.Read(id, "LON1", due, Opts()); }));
  }
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(got[i].get().ok());
  auto g = got[3].get();
  EXPECT_TRUE(civoapi::IsNotFound(g.status())) << g.status();
  EXPECT_EQ(api.gets, 1);         // only "gone" asked for itself
  EXPECT_EQ(api.lists_sent, 2);   // one list of two pages
}

TEST(InstanceReadsUnit, ALoneReadIsOneGetAndNotDelayed) {
  FakeApi api;
  api.hostnames = {{"x", "hx"}};
  InstanceReads reads(api.Fetchers(), nullptr);
  auto r = reads.Read("x", "LON1", Clock::now(), Opts());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(api.gets, 1);
  EXPECT_EQ(api.lists_sent, 0);
}

// A read for now in a busy region waits kGather for companions (Terraform's
// parallel refresh); a poll's read for a chosen moment goes at that moment.
TEST(InstanceReadsUnit, AReadForALaterMomentIsNotHeldForCompanions) {
  FakeApi api;
  api.hostnames = {{"x", "hx"}, {"y", "hy"}};
  InstanceReads reads(api.Fetchers(), nullptr);
  ASSERT_TRUE(reads.Read("x", "LON1", Clock::now(), Opts()).ok());  // the region is busy from here
  const auto start = Clock::now();
  ASSERT_TRUE(reads.Read("y", "LON1", start + milliseconds(1), Opts()).ok());
  EXPECT_LT(Clock::now() - start, InstanceReads::kGather) << "held for companions like a read for now";
  const auto start_now = Clock::now();
  ASSERT_TRUE(reads.Read("y", "LON1", start_now, Opts()).ok());
  EXPECT_GE(Clock::now() - start_now, InstanceReads::kGather) << "a read for now in a busy region did not gather";
}

TEST(InstanceReadsUnit, RegionsAreNotMixed) {
  FakeApi api;
  api.hostnames = {{"x", "hx"}, {"y", "hy"}};
  InstanceReads reads(api.Fetchers(), nullptr);
  const auto due = Clock::now() + milliseconds(20);
  auto x = std::async(std::launch::async, [&] { return reads.Read("x", "LON1", due, Opts()); });
  auto y = std::async(std::launch::async, [&] { return reads.Read("y", "NYC1", due, Opts()); });
  EXPECT_TRUE(x.get().ok());
  EXPECT_TRUE(y.get().ok());
  EXPECT_EQ(api.lists_sent, 0);  // one read due in each region: a GET each
  EXPECT_EQ(api.gets, 2);
}

// ---- against the simulator: calls counted in its request log ----

int InstanceReadCalls(const std::vector<civosim::LogEntry>& log) {
  int n = 0;
  for (const auto& e : log) {
    if (e.method == "GET" && e.path.rfind("/v2/instances", 0) == 0) ++n;
  }
  return n;
}

TEST_F(SimTest, ManyConcurrentReadsCostAFewCallsAndSeeDrift) {
  std::vector<civoapi::Instance> made;
  for (int i = 0; i < 10; ++i) made.push_back(CreateActive("reads-" + std::to_string(i)));
  // Drift outside Terraform: one renamed, one deleted.
  ASSERT_EQ(sim_->PatchInstanceOutOfBand(made[3].id, R"({"hostname":"renamed-behind-our-back"})"), 200);
  ASSERT_TRUE(sim_->DeleteInstanceOutOfBand(made[7].id));
  sim_->ClearLog();
  std::vector<std::future<absl::StatusOr<Instance>>> got;
  for (const auto& m : made) {
    got.push_back(std::async(std::launch::async, [&, id = m.id] { return client_->GetInstance(id, Opts()); }));
  }
  for (size_t i = 0; i < made.size(); ++i) {
    auto r = got[i].get();
    if (i == 7) {
      EXPECT_TRUE(civoapi::IsNotFound(r.status())) << r.status();
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->hostname, i == 3 ? "renamed-behind-our-back" : made[i].hostname);
  }
  int calls = InstanceReadCalls(sim_->Log());
  EXPECT_LE(calls, 3) << "10 reads due together";
  EXPECT_GE(calls, 1);
}

TEST_F(SimTest, ManyBuildWaitsShareListCalls) {
  sim_->UpdateConfig([](civosim::SimConfig& c) { c.build_time = std::chrono::milliseconds(1000); });
  std::vector<std::string> ids;
  for (int i = 0; i < 8; ++i) {
    auto made = client_->CreateInstance(Req("wait-" + std::to_string(i)), Opts());
    ASSERT_TRUE(made.ok()) << made.status();
    ids.push_back(made->id);
  }
  sim_->ClearLog();
  std::vector<std::future<absl::StatusOr<Instance>>> got;
  for (const auto& id : ids) {
    got.push_back(std::async(std::launch::async, [&, id] {
      return client_->WaitInstance(id, [](const Instance& i) { return i.status == "ACTIVE"; }, Opts());
    }));
  }
  for (auto& g : got) {
    auto r = g.get();
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->status, "ACTIVE");
  }
  // Each wait alone polls every 250 ms over the 1 s build: 8 waits would
  // cost at least 8 x 4 GETs. Shared, every poll is one list for all eight.
  int calls = InstanceReadCalls(sim_->Log());
  EXPECT_LE(calls, 10);
}

TEST_F(SimTest, DeletionWaitsSeeTheInstanceGoViaTheList) {
  std::vector<std::string> ids;
  for (int i = 0; i < 4; ++i) ids.push_back(CreateActive("del-" + std::to_string(i)).id);
  for (const auto& id : ids) ASSERT_TRUE(client_->DeleteInstance(id, Opts()).ok());
  sim_->ClearLog();
  std::vector<std::future<absl::StatusOr<Instance>>> got;
  for (const auto& id : ids) {
    got.push_back(std::async(std::launch::async, [&, id] {
      return client_->WaitInstance(id, [](const Instance&) { return false; }, Opts());
    }));
  }
  for (auto& g : got) {
    auto r = g.get();
    EXPECT_TRUE(civoapi::IsNotFound(r.status())) << r.status();
  }
  for (const auto& e : sim_->Log()) {
    EXPECT_FALSE(e.method == "GET" && e.path.rfind("/v2/instances/", 0) == 0 && e.status == 404)
        << "each wait needed no 404 of its own: " << e.path;
  }
  EXPECT_LE(InstanceReadCalls(sim_->Log()), 8);
}

// A server that caps per_page: the list comes in several pages, every page
// is followed, and reads still come back right.
TEST_F(SimTest, SmallPagesStillAnswerEveryRead) {
  civoapi::ClientOptions co;
  co.api_url = sim_->url();
  co.token = kToken;
  co.region = "LON1";
  co.read_list_page_size = 3;
  auto small = civoapi::Client::Create(co);
  ASSERT_TRUE(small.ok());
  std::vector<civoapi::Instance> made;
  for (int i = 0; i < 7; ++i) made.push_back(CreateActive("pages-" + std::to_string(i)));
  ASSERT_TRUE(sim_->DeleteInstanceOutOfBand(made[0].id));
  std::vector<std::future<absl::StatusOr<Instance>>> got;
  for (const auto& m : made) {
    got.push_back(std::async(std::launch::async, [&, id = m.id] {
      return (*small)->WaitInstance(id, [](const Instance& i) { return i.status == "ACTIVE"; }, Opts());
    }));
  }
  for (size_t i = 0; i < made.size(); ++i) {
    auto r = got[i].get();
    if (i == 0) {
      EXPECT_TRUE(civoapi::IsNotFound(r.status())) << r.status();
    } else {
      ASSERT_TRUE(r.ok()) << r.status();
      EXPECT_EQ(r->id, made[i].id);
    }
  }
}

}  // namespace
}  // namespace civoapi_test
