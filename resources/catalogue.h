// Read-mostly lists from the Civo API, per region, cached on the provider for
// the process lifetime (regions, sizes, disk images, networks, firewalls) or for a
// couple of seconds (volumes and reserved IPs, which move between instances
// during a create_before_destroy handover).
//
// The provider holds one Catalogue; each request works through a view of it
// (ForRequest) that shares the caches but loads and waits under that
// request's cancel token and deadline.
#ifndef RESOURCES_CATALOGUE_H_
#define RESOURCES_CATALOGUE_H_

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "civoapi/cancel.h"
#include "civoapi/client.h"
#include "resources/single_flight_cache.h"

namespace resources {

// How stale an answer may be.
enum class Freshness {
  kCached,  // whatever was loaded before (catalogues barely change)
  kFresh,   // loaded now, after a miss: the object may be moments old (a
            // load already in flight is shared)
};

class Catalogue {
 public:
  // `cancel` (may be null) and `deadline` bound this object's loads and waits.
  Catalogue(std::shared_ptr<civoapi::Client> client,
            std::shared_ptr<const civoapi::CancelToken> cancel,
            std::chrono::steady_clock::time_point deadline =
                std::chrono::steady_clock::time_point::max());

  // The same caches, under another request's cancel token and deadline.
  std::shared_ptr<Catalogue> ForRequest(std::shared_ptr<const civoapi::CancelToken> cancel,
                                        std::chrono::steady_clock::time_point deadline) const;

  // Loads, side by side, the region's lists a first instance plan or create
  // asks for one after another (sizes, disk images, networks), so it waits
  // one round trip for them rather than three: at Terraform's parallelism
  // every instance of the first round waits for them. Returns once each is
  // loaded or failed (a caller asking again then sees the failure); costs
  // nothing once they are cached.
  void PreloadInstanceLists(const std::string& region);

  // The regions the API knows (one list for every region: GET /v2/regions).
  absl::StatusOr<std::vector<civoapi::Region>> Regions(Freshness f);
  absl::StatusOr<std::vector<civoapi::Size>> Sizes(const std::string& region, Freshness f);
  absl::StatusOr<std::vector<civoapi::DiskImage>> DiskImages(const std::string& region,
                                                             Freshness f);
  absl::StatusOr<std::vector<civoapi::Network>> Networks(const std::string& region, Freshness f);
  absl::StatusOr<std::vector<civoapi::Firewall>> Firewalls(const std::string& region,
                                                           Freshness f);
  // Volumes and reserved IPs are kept only briefly even for kCached.
  absl::StatusOr<std::vector<civoapi::Volume>> Volumes(const std::string& region, Freshness f);
  absl::StatusOr<std::vector<civoapi::ReservedIp>> ReservedIps(const std::string& region,
                                                               Freshness f);

 private:
  civoapi::CallOptions Options(const std::string& region) const;
  WaitLimits Limits() const { return {cancel_.get(), deadline_}; }

  std::shared_ptr<civoapi::Client> client_;
  std::shared_ptr<const civoapi::CancelToken> cancel_;
  std::chrono::steady_clock::time_point deadline_;
  // Handles: copies of a Catalogue share them.
  SingleFlightCache<std::vector<civoapi::Region>> regions_;
  SingleFlightCache<std::vector<civoapi::Size>> sizes_;
  SingleFlightCache<std::vector<civoapi::DiskImage>> images_;
  SingleFlightCache<std::vector<civoapi::Network>> networks_;
  SingleFlightCache<std::vector<civoapi::Firewall>> firewalls_;
  SingleFlightCache<std::vector<civoapi::Volume>> volumes_;
  SingleFlightCache<std::vector<civoapi::ReservedIp>> reserved_ips_;
};

}  // namespace resources

#endif  // RESOURCES_CATALOGUE_H_
