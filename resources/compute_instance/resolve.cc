#include "resources/compute_instance/resolve.h"

#include <functional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "civoapi/errors.h"
#include "resources/compute_instance/declaration.h"
#include "resources/compute_instance/spec.h"
#include "tfplugin/quote.h"

namespace resources::compute_instance {

namespace {

using tfplugin::AttributePath;
using tfplugin::Diagnostics;

// At most this many names in an error message; the rest are counted.
constexpr size_t kMaxListed = 25;

std::string ListNames(std::vector<std::string> names) {
  if (names.empty()) return "(none)";
  std::string more;
  if (names.size() > kMaxListed) {
    more = absl::StrCat(" and ", names.size() - kMaxListed, " more");
    names.resize(kMaxListed);
  }
  return absl::StrCat(absl::StrJoin(names, ", "), more);
}

void ApiFailure(const absl::Status& s, const std::string& what, const AttributePath& path,
                Diagnostics& diags) {
  diags.AddError(absl::StrCat("Could not look up ", what),
                 absl::StrCat("The Civo API call failed: ", s.message()), path);
}

bool IsInstanceSize(const civoapi::Size& s) {
  if (!s.selectable) return false;
  return s.type.empty() || absl::EqualsIgnoreCase(s.type, "instance");
}

// Resolves a reference against a list of objects with an id and a name.
// `load(recent)` fetches the list; a miss is retried once with a recent list,
// because the object may have been created moments ago by another resource.
template <typename T>
Resolution MatchRef(const ValueOrRef& ref, const std::string& kind, const std::string& region,
                    const std::function<absl::StatusOr<std::vector<T>>(bool recent)>& load,
                    const std::function<std::string(const T&)>& address,
                    const AttributePath& path, Diagnostics& diags) {
  for (bool recent : {false, true}) {
    auto items = load(recent);
    if (!items.ok()) {
      ApiFailure(items.status(), kind, path, diags);
      return Resolution::Failed();
    }
    std::vector<const T*> by_name;
    for (const T& item : *items) {
      if (ref.form == ValueOrRef::Form::kValue && item.id == ref.value) {
        return Resolution::Known(item.id, address(item));
      }
      const std::string& wanted = ref.form == ValueOrRef::Form::kValue ? ref.value : ref.name;
      if (item.name == wanted) by_name.push_back(&item);
    }
    if (by_name.size() == 1) return Resolution::Known(by_name[0]->id, address(*by_name[0]));
    if (by_name.size() > 1) {
      std::vector<std::string> ids;
      for (const T* t : by_name) ids.push_back(t->id);
      diags.AddError(absl::StrCat("Ambiguous ", kind),
                     absl::StrCat("Several ", kind, " objects in region ", region, " are named ",
                                  tfplugin::QuoteValue(by_name[0]->name), " (ids: ", ListNames(ids),
                                  "); refer to one by its id with `", kRefValue, "`."),
                     path);
      return Resolution::Failed();
    }
    if (recent) {
      std::vector<std::string> names;
      for (const T& item : *items) names.push_back(item.name.empty() ? item.id : item.name);
      diags.AddError(absl::StrCat(kind, " not found"),
                     absl::StrCat("No ", kind, " ",
                                  ref.form == ValueOrRef::Form::kValue ? "with id or name "
                                                                       : "named ",
                                  tfplugin::QuoteValue(ref.form == ValueOrRef::Form::kValue
                                                           ? ref.value
                                                           : ref.name),
                                  " exists in region ", region, ". Existing: ",
                                  ListNames(names), "."),
                     path);
    }
  }
  return Resolution::Failed();
}

}  // namespace

Resolver::Resolver(ApiSession session, const Maybe<std::string>& region)
    : session_(std::move(session)) {
  if (region.is_known() && !region.value.empty()) {
    region_ = absl::AsciiStrToUpper(region.value);
  } else if (region.is_null() && !session_.default_region.empty()) {
    region_ = absl::AsciiStrToUpper(session_.default_region);
  }
}

void Resolver::PreloadLists() {
  if (can_query()) session_.catalogue->PreloadInstanceLists(region_);
}

bool Resolver::RegionExists(const AttributePath& path, Diagnostics& diags) {
  if (!can_query()) return true;
  for (Freshness f : {Freshness::kCached, Freshness::kFresh}) {
    auto regions = session_.catalogue->Regions(f);
    if (!regions.ok()) {
      const auto api_error = civoapi::GetApiError(regions.status());
      if (api_error && api_error->code == "region_unavailable") {
        // The API refused the list itself for this region: still one error,
        // on the region, though without the list.
        diags.AddError("Unknown region",
                       absl::StrCat("The Civo API does not know region ", region_, ": ",
                                    regions.status().message()),
                       path);
      } else {
        ApiFailure(regions.status(), "regions", path, diags);
      }
      return false;
    }
    std::vector<std::string> codes;
    for (const auto& r : *regions) {
      if (absl::EqualsIgnoreCase(r.code, region_)) return true;
      codes.push_back(r.code);
    }
    if (f == Freshness::kFresh) {
      diags.AddError("Unknown region",
                     absl::StrCat("The Civo API does not know region ", region_,
                                  ". Available regions: ", ListNames(codes), "."),
                     path);
    }
  }
  return false;
}

std::optional<civoapi::Size> Resolver::Size(const Maybe<std::string>& name,
                                            const AttributePath& path, Diagnostics& diags) {
  if (!name.is_known() || !can_query()) return std::nullopt;
  for (Freshness f : {Freshness::kCached, Freshness::kFresh}) {
    auto sizes = session_.catalogue->Sizes(region_, f);
    if (!sizes.ok()) {
      ApiFailure(sizes.status(), "instance sizes", path, diags);
      return std::nullopt;
    }
    for (const auto& s : *sizes) {
      if (s.name == name.value && IsInstanceSize(s)) return s;
    }
    if (f == Freshness::kFresh) {
      std::vector<std::string> names;
      for (const auto& s : *sizes) {
        if (IsInstanceSize(s)) names.push_back(s.name);
      }
      diags.AddError("Invalid size",
                     absl::StrCat("Size ", tfplugin::QuoteValue(name.value),
                                  " is not a selectable instance size in region ", region_,
                                  ". Available sizes: ", ListNames(names), "."),
                     path);
    }
  }
  return std::nullopt;
}

Resolution Resolver::Image(const Maybe<std::string>& name_or_id, const AttributePath& path,
                           Diagnostics& diags) {
  if (name_or_id.is_null()) return Resolution::Null();
  if (!name_or_id.is_known() || !can_query()) return Resolution::Unknown();
  for (Freshness f : {Freshness::kCached, Freshness::kFresh}) {
    auto images = session_.catalogue->DiskImages(region_, f);
    if (!images.ok()) {
      ApiFailure(images.status(), "disk images", path, diags);
      return Resolution::Failed();
    }
    for (const auto& i : *images) {
      if (i.id == name_or_id.value || i.name == name_or_id.value) return Resolution::Known(i.id);
    }
    if (f == Freshness::kFresh) {
      std::vector<std::string> names;
      for (const auto& i : *images) names.push_back(i.name);
      diags.AddError("Image not available",
                     absl::StrCat("Disk image ", tfplugin::QuoteValue(name_or_id.value),
                                  " is not available in region ", region_,
                                  ". Available images: ", ListNames(names), "."),
                     path);
    }
  }
  return Resolution::Failed();
}

Resolution Resolver::Network(const ValueOrRef& ref, const AttributePath& path,
                             Diagnostics& diags) {
  if (ref.is_null()) return Resolution::Null();
  if (ref.is_unknown() || !can_query()) return Resolution::Unknown();
  return MatchRef<civoapi::Network>(
      ref, kKindNetwork, region_,
      [&](bool recent) {
        return session_.catalogue->Networks(region_,
                                            recent ? Freshness::kFresh : Freshness::kCached);
      },
      [](const civoapi::Network&) { return std::string(); }, path, diags);
}

Resolution Resolver::Firewall(const ValueOrRef& ref, const AttributePath& path,
                              Diagnostics& diags) {
  if (ref.is_null()) return Resolution::Null();
  if (ref.is_unknown() || !can_query()) return Resolution::Unknown();
  return MatchRef<civoapi::Firewall>(
      ref, kKindFirewall, region_,
      [&](bool recent) {
        return session_.catalogue->Firewalls(region_,
                                             recent ? Freshness::kFresh : Freshness::kCached);
      },
      [](const civoapi::Firewall&) { return std::string(); }, path, diags);
}

Resolution Resolver::Volume(const ValueOrRef& ref, const AttributePath& path,
                            Diagnostics& diags) {
  if (ref.is_null()) return Resolution::Null();
  if (ref.is_unknown() || !can_query()) return Resolution::Unknown();
  return MatchRef<civoapi::Volume>(
      ref, kKindVolume, region_,
      [&](bool recent) {
        return session_.catalogue->Volumes(region_,
                                           recent ? Freshness::kFresh : Freshness::kCached);
      },
      [](const civoapi::Volume&) { return std::string(); }, path, diags);
}

Resolution Resolver::ReservedIp(const ValueOrRef& ref, const AttributePath& path,
                                Diagnostics& diags) {
  if (ref.is_null()) return Resolution::Null();
  if (ref.is_unknown() || !can_query()) return Resolution::Unknown();
  return MatchRef<civoapi::ReservedIp>(
      ref, kKindIpAddress, region_,
      [&](bool recent) {
        return session_.catalogue->ReservedIps(region_,
                                               recent ? Freshness::kFresh : Freshness::kCached);
      },
      [](const civoapi::ReservedIp& ip) { return ip.ip; }, path, diags);
}

std::string Resolver::ImageName(const std::string& image_id) {
  if (!can_query() || image_id.empty()) return "";
  auto images = session_.catalogue->DiskImages(region_, Freshness::kCached);
  if (!images.ok()) return "";
  for (const auto& i : *images) {
    if (i.id == image_id) return i.name;
  }
  return "";
}

ResolvedConfig ResolveConfig(Resolver& r, const InstanceConfig& c, Diagnostics& diags) {
  using IC = InstanceConfig;
  ResolvedConfig out;
  if (!r.RegionExists(PathOf(&IC::region), diags)) {
    out.image = out.network = out.firewall = out.reserved_ip = Resolution::Failed();
    out.volumes = Maybe<std::vector<std::string>>::Unknown();
    return out;
  }
  r.PreloadLists();
  out.size = r.Size(c.size, PathOf(&IC::size), diags);
  out.image = r.Image(c.image, PathOf(&IC::image), diags);
  out.network = r.Network(c.network, PathOf(&IC::network), diags);
  const ValueOrRef first_fw = c.FirstFirewall();
  if (first_fw.is_unknown()) {
    out.firewall = Resolution::Unknown();
  } else if (!first_fw.is_null()) {
    out.firewall = r.Firewall(first_fw, PathOf(&IC::firewall_ids).Index(0), diags);
  } else {
    // None named: the instance keeps whatever firewall Civo gives it; which
    // one is the network's default is not something the API says.
    out.firewall = Resolution::Null();
  }
  if (c.volume_ids.is_null()) {
    out.volumes = Maybe<std::vector<std::string>>::Null();
  } else if (c.volume_ids.is_unknown()) {
    out.volumes = Maybe<std::vector<std::string>>::Unknown();
  } else {
    std::vector<std::string> ids;
    bool all_known = true;
    for (size_t i = 0; i < c.volume_ids.value.size(); ++i) {
      Resolution v = r.Volume(c.volume_ids.value[i],
                              PathOf(&IC::volume_ids).Index(static_cast<int64_t>(i)),
                              diags);
      if (v.known()) {
        ids.push_back(v.id);
      } else {
        all_known = false;
      }
    }
    out.volumes = all_known ? Maybe<std::vector<std::string>>::Known(ids)
                            : Maybe<std::vector<std::string>>::Unknown();
  }
  out.reserved_ip = r.ReservedIp(c.reserved_ip, PathOf(&IC::reserved_ip), diags);
  return out;
}

}  // namespace resources::compute_instance
