// Volume and reserved-IP calls added for the civo_volume and civo_ip_address
// resources. Paths and bodies follow civogo (volume.go, ip.go).
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "civoapi/civo_client.h"
#include "civoapi/errors.h"
#include "civoapi/json_fields.h"
#include "civoapi/models_json.h"
#include "civoapi/path_ids.h"

namespace civoapi {
namespace {

// Appends `"key":number` to the JSON object `body` made by Body().
std::string WithNumber(std::string body, const std::string& key, int64_t n) {
  body.insert(body.size() - 1, absl::StrCat(body.size() > 2 ? "," : "", "\"", key, "\":", n));
  return body;
}

}  // namespace

// POST /v2/volumes answers civogo's VolumeResult (id, name, result): the
// volume itself is read by the caller, so an id is never lost to a failed read.
absl::StatusOr<Volume> CivoClient::NewVolume(const NewVolumeRequest& req, const CallOptions& opts) {
  std::vector<std::pair<std::string, std::string>> fields = {{"name", req.name}};
  if (!req.network_id.empty()) fields.emplace_back("network_id", req.network_id);
  if (!req.snapshot_id.empty()) fields.emplace_back("snapshot_id", req.snapshot_id);
  const std::string body = WithNumber(Body(fields, opts), "size_gb", req.size_gb);
  auto d = Call("POST", "/v2/volumes", {}, body, opts, RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  Volume v;
  v.id = json::String(*d, "id");
  v.name = json::String(*d, "name");
  if (v.id.empty()) {
    return MakeApiError(ApiError{200, "unexpected_response", "volume create returned no id", "", true});
  }
  return v;
}

absl::Status CivoClient::ResizeVolume(const std::string& id, int64_t size_gb, const CallOptions& opts) {
  if (id.empty()) return EmptyId("volume");
  return Call("PUT", "/v2/volumes/" + PathSegment(id) + "/resize", {},
              WithNumber(Body({}, opts), "size_gb", size_gb), opts, RetryMode::kOnlyIfNothingDone)
      .status();
}

absl::StatusOr<ReservedIp> CivoClient::RenameReservedIp(const std::string& id, const std::string& name,
                                                        const CallOptions& opts) {
  if (id.empty()) return EmptyId("reserved IP");
  auto d = Call("PUT", "/v2/ips/" + PathSegment(id), {}, Body({{"name", name}}, opts), opts,
                RetryMode::kOnlyIfNothingDone);
  if (!d.ok()) return d.status();
  return ParseReservedIp(*d);
}

}  // namespace civoapi
