// Resolution of what the config names (size, image, references) to Civo
// objects and ids, through the provider's catalogue. Every comparison that
// decides replacement or an API call is made on these resolved ids, so that
// naming the same object another way changes nothing.
#ifndef RESOURCES_COMPUTE_INSTANCE_RESOLVE_H_
#define RESOURCES_COMPUTE_INSTANCE_RESOLVE_H_

#include <optional>
#include <string>
#include <vector>

#include "civoapi/models.h"
#include "resources/cty_access.h"
#include "resources/provider_context.h"
#include "resources/value_or_ref.h"
#include "tfplugin/diagnostics.h"

namespace resources::compute_instance {

struct Resolution {
  enum class State { kNull, kUnknown, kKnown, kFailed };
  State state = State::kNull;
  std::string id;
  std::string address;  // reserved IPs: the IP address

  static Resolution Null() { return {}; }
  static Resolution Unknown() { return {State::kUnknown, "", ""}; }
  static Resolution Failed() { return {State::kFailed, "", ""}; }
  static Resolution Known(std::string id, std::string address = "") {
    return {State::kKnown, std::move(id), std::move(address)};
  }
  bool known() const { return state == State::kKnown; }
  bool is_null() const { return state == State::kNull; }
  bool failed() const { return state == State::kFailed; }
};

class Resolver {
 public:
  // `region` as configured (any case). Without a configured client or a
  // known region, every lookup answers kUnknown and adds no diagnostic.
  Resolver(ApiSession session, const Maybe<std::string>& region);

  bool can_query() const { return session_.configured() && !region_.empty(); }
  // Loads the region's lists a configuration is checked against at once
  // (Catalogue::PreloadInstanceLists), before the checks ask in turn.
  void PreloadLists();
  const std::string& region() const { return region_; }  // upper case

  // Whether the API knows the region; false (with one diagnostic at `path`
  // naming the regions it knows) when it does not or the list failed. True
  // when nothing can be asked yet.
  bool RegionExists(const tfplugin::AttributePath& path, tfplugin::Diagnostics& diags);

  // A selectable instance size; nullopt when unknown or failed (then a
  // diagnostic names the sizes that exist).
  std::optional<civoapi::Size> Size(const Maybe<std::string>& name,
                                    const tfplugin::AttributePath& path,
                                    tfplugin::Diagnostics& diags);
  // A disk image by name or id → its id.
  Resolution Image(const Maybe<std::string>& name_or_id, const tfplugin::AttributePath& path,
                   tfplugin::Diagnostics& diags);
  Resolution Network(const ValueOrRef& ref, const tfplugin::AttributePath& path,
                     tfplugin::Diagnostics& diags);
  Resolution Firewall(const ValueOrRef& ref, const tfplugin::AttributePath& path,
                      tfplugin::Diagnostics& diags);
  Resolution Volume(const ValueOrRef& ref, const tfplugin::AttributePath& path,
                    tfplugin::Diagnostics& diags);
  Resolution ReservedIp(const ValueOrRef& ref, const tfplugin::AttributePath& path,
                        tfplugin::Diagnostics& diags);

  // The name of a disk image id (for import), "" when unknown.
  std::string ImageName(const std::string& image_id);

 private:
  ApiSession session_;
  std::string region_;
};

// Everything the config names, resolved (or unknown / failed with a
// diagnostic). Volume ids: null (attachments unmanaged), unknown or known.
struct ResolvedConfig {
  std::optional<civoapi::Size> size;
  Resolution image;
  Resolution network;
  Resolution firewall;  // the first firewall; null when none is named (Civo picks)
  Maybe<std::vector<std::string>> volumes;
  Resolution reserved_ip;
};

struct InstanceConfig;
// A region the API does not know is one error on `region` and nothing else
// is looked up.
ResolvedConfig ResolveConfig(Resolver& r, const InstanceConfig& c, tfplugin::Diagnostics& diags);

}  // namespace resources::compute_instance

#endif  // RESOURCES_COMPUTE_INSTANCE_RESOLVE_H_
