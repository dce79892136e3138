// Read-mostly lists from the Civo API, per region, cached on the provider for
// the process lifetime (regions, sizes, disk images, networks, firewalls) or for a
// couple of seconds (volumes and reserved IPs, which move between instances
// during a create_before_destroy handover).
#ifndef RESOURCES_CATALOGUE_H_
#define RESOURCES_CATALOGUE_H_

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
  Catalogue(std::shared_ptr<civoapi::Client> client,
            std::shared_ptr<const civoapi::CancelToken> cancel);

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

  std::shared_ptr<civoapi::Client> client_;
  std::shared_ptr<const civoapi::CancelToken> cancel_;
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
