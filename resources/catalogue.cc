#include "resources/catalogue.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

namespace resources {

namespace {

using Clock = std::chrono::steady_clock;
// Volumes and reserved IPs move between instances (create_before_destroy
// handover): long enough that a plan of many instances shares one load.
constexpr Clock::duration kBrief = std::chrono::seconds(2);
constexpr Clock::duration kForever = Clock::duration::max();
constexpr Clock::duration kNow = Clock::duration::zero();
constexpr std::chrono::seconds kLoadDeadline{120};

Clock::duration MaxAge(Freshness f) { return f == Freshness::kCached ? kForever : kNow; }

}  // namespace

Catalogue::Catalogue(std::shared_ptr<civoapi::Client> client,
                     std::shared_ptr<const civoapi::CancelToken> cancel,
                     Clock::time_point deadline)
    : client_(std::move(client)), cancel_(std::move(cancel)), deadline_(deadline) {}

std::shared_ptr<Catalogue> Catalogue::ForRequest(std::shared_ptr<const civoapi::CancelToken> cancel,
                                                 Clock::time_point deadline) const {
  auto view = std::make_shared<Catalogue>(*this);
  view->cancel_ = std::move(cancel);
  view->deadline_ = deadline;
  return view;
}

civoapi::CallOptions Catalogue::Options(const std::string& region) const {
  civoapi::CallOptions o;
  o.deadline = std::min(deadline_, Clock::now() + kLoadDeadline);
  o.cancel = cancel_;
  o.region = region;
  return o;
}

void Catalogue::PreloadInstanceLists(const std::string& region) {
  std::vector<std::function<void()>> loads;
  if (!sizes_.Holds(region, kForever)) loads.emplace_back([this, &region] { (void)Sizes(region, Freshness::kCached); });
  if (!images_.Holds(region, kForever)) {
    loads.emplace_back([this, &region] { (void)DiskImages(region, Freshness::kCached); });
  }
  if (!networks_.Holds(region, kForever)) {
    loads.emplace_back([this, &region] { (void)Networks(region, Freshness::kCached); });
  }
  if (loads.size() < 2) return;  // one missing list: its caller loads it
  std::vector<std::thread> others;
  for (size_t i = 1; i < loads.size(); ++i) others.emplace_back(loads[i]);
  loads[0]();
  for (auto& t : others) t.join();
}

absl::StatusOr<std::vector<civoapi::Region>> Catalogue::Regions(Freshness f) {
  // The list is the same whatever region is asked; the request carries none.
  return regions_.Get("", MaxAge(f), Limits(), [&] { return client_->ListRegions(Options("")); });
}

absl::StatusOr<std::vector<civoapi::Size>> Catalogue::Sizes(const std::string& region,
                                                            Freshness f) {
  return sizes_.Get(region, MaxAge(f), Limits(),
                    [&] { return client_->ListSizes(Options(region)); });
}

absl::StatusOr<std::vector<civoapi::DiskImage>> Catalogue::DiskImages(const std::string& region,
                                                                      Freshness f) {
  return images_.Get(region, MaxAge(f), Limits(),
                     [&] { return client_->ListDiskImages(Options(region)); });
}

absl::StatusOr<std::vector<civoapi::Network>> Catalogue::Networks(const std::string& region,
                                                                  Freshness f) {
  return networks_.Get(region, MaxAge(f), Limits(),
                       [&] { return client_->ListNetworks(Options(region)); });
}

absl::StatusOr<std::vector<civoapi::Firewall>> Catalogue::Firewalls(const std::string& region,
                                                                    Freshness f) {
  return firewalls_.Get(region, MaxAge(f), Limits(),
                        [&] { return client_->ListFirewalls(Options(region)); });
}

absl::StatusOr<std::vector<civoapi::Volume>> Catalogue::Volumes(const std::string& region,
                                                                Freshness f) {
  return volumes_.Get(region, f == Freshness::kCached ? kBrief : kNow, Limits(),
                      [&] { return client_->ListVolumes(Options(region)); });
}

absl::StatusOr<std::vector<civoapi::ReservedIp>> Catalogue::ReservedIps(
    const std::string& region, Freshness f) {
  return reserved_ips_.Get(region, f == Freshness::kCached ? kBrief : kNow, Limits(),
                           [&] { return client_->ListReservedIps(Options(region)); });
}

}  // namespace resources
