#include "resources/catalogue_data/catalogue_data_sources.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "resources/api_errors.h"
#include "resources/region_attribute.h"

namespace resources::catalogue_data {
namespace {

namespace fw = tfplugin::fw;
using tfplugin::Diagnostics;

bool SameIgnoringCase(const std::string& a, const std::string& b) { return absl::EqualsIgnoreCase(a, b); }

// --- data "civo_sizes" ------------------------------------------------------

struct SizeItem {
  fw::Maybe<std::string> name, type;
  fw::Maybe<int64_t> cpu_cores, ram_mb, disk_gb;
  fw::Maybe<bool> selectable;
  friend bool operator==(const SizeItem&, const SizeItem&) = default;
};

struct SizesData {
  fw::Maybe<std::string> region, type, name_prefix;
  fw::Maybe<int64_t> min_cpu_cores, min_ram_mb, min_disk_gb;
  fw::Maybe<bool> selectable_only;
  fw::Maybe<std::vector<SizeItem>> sizes;
};

fw::Object<SizeItem> SizeItemObject() {
  return fw::Object<SizeItem>()
      .Add(fw::Attr("name", &SizeItem::name).Computed().Description("The size's name, e.g. `g3.small`."))
      .Add(fw::Attr("type", &SizeItem::type).Computed().Description("What it sizes: `Instance`, `Kubernetes`, ..."))
      .Add(fw::Attr("cpu_cores", &SizeItem::cpu_cores).Computed().Description("CPU cores."))
      .Add(fw::Attr("ram_mb", &SizeItem::ram_mb).Computed().Description("Memory in MB."))
      .Add(fw::Attr("disk_gb", &SizeItem::disk_gb).Computed().Description("Disk in GB."))
      .Add(fw::Attr("selectable", &SizeItem::selectable).Computed().Description("Whether it can be chosen."));
}

fw::Object<SizesData> SizesObject() {
  return fw::Object<SizesData>()
      .Add(fw::Attr("region", &SizesData::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Description(RegionDescription()))
      .Add(fw::Attr("type", &SizesData::type)
               .Optional()
               .Validate(fw::LengthBetween(1, 64))
               .Description("Only sizes of this type (any case), e.g. `Instance`."))
      .Add(fw::Attr("name_prefix", &SizesData::name_prefix)
               .Optional()
               .Validate(fw::LengthBetween(1, 64))
               .Description("Only sizes whose name starts with this, e.g. `g3.`."))
      .Add(fw::Attr("min_cpu_cores", &SizesData::min_cpu_cores)
               .Optional()
               .Validate(fw::IntBetween(0, 1024))
               .Description("Only sizes with at least this many CPU cores."))
      .Add(fw::Attr("min_ram_mb", &SizesData::min_ram_mb)
               .Optional()
               .Validate(fw::IntBetween(0, 16777216))
               .Description("Only sizes with at least this much memory (MB)."))
      .Add(fw::Attr("min_disk_gb", &SizesData::min_disk_gb)
               .Optional()
               .Validate(fw::IntBetween(0, 1048576))
               .Description("Only sizes with at least this much disk (GB)."))
      .Add(fw::Attr("selectable_only", &SizesData::selectable_only)
               .OptionalComputed()
               .Default(true)
               .Description("Only sizes that can be chosen."))
      .Add(fw::Attr("sizes", &SizesData::sizes, SizeItemObject())
               .Computed()
               .Description("The matching sizes, smallest first (by RAM, then CPU cores, then disk, "
                            "then name)."));
}

class SizesDataSource final : public fw::DataSource<SizesData> {
 public:
  explicit SizesDataSource(std::shared_ptr<const ProviderContext> context)
      : fw::DataSource<SizesData>({.type_name = "civo_sizes",
                                   .description = "The Civo sizes of a region, filtered.",
                                   .needs_configuration = true},
                                  SizesObject()),
        context_(std::move(context)) {}

 protected:
  void ReadData(const fw::Context& ctx, const SizesData& config, SizesData& state, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::string region = RegionFor(config.region, session);
    auto sizes = session.catalogue->Sizes(region, Freshness::kCached);
    if (!sizes.ok()) return AddApiError(diags, "Could not list the sizes", sizes.status());
    std::vector<civoapi::Size> kept;
    for (const civoapi::Size& s : *sizes) {
      if (config.type.is_known() && !SameIgnoringCase(s.type, config.type.value)) continue;
      if (config.name_prefix.is_known() && !absl::StartsWith(s.name, config.name_prefix.value)) continue;
      if (s.cpu_cores < config.min_cpu_cores.value_or(0) || s.ram_mb < config.min_ram_mb.value_or(0) ||
          s.disk_gb < config.min_disk_gb.value_or(0)) {
        continue;
      }
      if (config.selectable_only.value_or(true) && !s.selectable) continue;
      kept.push_back(s);
    }
    std::sort(kept.begin(), kept.end(), [](const civoapi::Size& a, const civoapi::Size& b) {
      return std::tie(a.ram_mb, a.cpu_cores, a.disk_gb, a.name) < std::tie(b.ram_mb, b.cpu_cores, b.disk_gb, b.name);
    });
    std::vector<SizeItem> items;
    for (const civoapi::Size& s : kept) {
      SizeItem item;
      item.name = s.name;
      item.type = s.type;
      item.cpu_cores = s.cpu_cores;
      item.ram_mb = s.ram_mb;
      item.disk_gb = s.disk_gb;
      item.selectable = s.selectable;
      items.push_back(std::move(item));
    }
    state.region = config.region.is_known() ? config.region : fw::Maybe<std::string>::Known(region);
    state.selectable_only = config.selectable_only.value_or(true);
    state.sizes = std::move(items);
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

// --- data "civo_disk_images" ------------------------------------------------

struct ImageItem {
  fw::Maybe<std::string> id, name, version, state, distribution;
  friend bool operator==(const ImageItem&, const ImageItem&) = default;
};

struct ImagesData {
  fw::Maybe<std::string> region, distribution, name_prefix, state;
  fw::Maybe<std::vector<ImageItem>> disk_images;
};

fw::Object<ImageItem> ImageItemObject() {
  return fw::Object<ImageItem>()
      .Add(fw::Attr("id", &ImageItem::id).Computed().Description("The image's id."))
      .Add(fw::Attr("name", &ImageItem::name).Computed().Description("The image's name, e.g. `ubuntu-jammy`."))
      .Add(fw::Attr("version", &ImageItem::version).Computed().Description("Its version."))
      .Add(fw::Attr("state", &ImageItem::state).Computed().Description("Its state, e.g. `available`."))
      .Add(fw::Attr("distribution", &ImageItem::distribution).Computed().Description("Its distribution."));
}

fw::Object<ImagesData> ImagesObject() {
  return fw::Object<ImagesData>()
      .Add(fw::Attr("region", &ImagesData::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Description(RegionDescription()))
      .Add(fw::Attr("distribution", &ImagesData::distribution)
               .Optional()
               .Validate(fw::LengthBetween(1, 64))
               .Description("Only images of this distribution (any case), e.g. `ubuntu`."))
      .Add(fw::Attr("name_prefix", &ImagesData::name_prefix)
               .Optional()
               .Validate(fw::LengthBetween(1, 64))
               .Description("Only images whose name starts with this."))
      .Add(fw::Attr("state", &ImagesData::state)
               .Optional()
               .Validate(fw::LengthBetween(1, 32))
               .Description("Only images in this state (any case), e.g. `available`."))
      .Add(fw::Attr("disk_images", &ImagesData::disk_images, ImageItemObject())
               .Computed()
               .Description("The matching disk images, by name."));
}

class DiskImagesDataSource final : public fw::DataSource<ImagesData> {
 public:
  explicit DiskImagesDataSource(std::shared_ptr<const ProviderContext> context)
      : fw::DataSource<ImagesData>({.type_name = "civo_disk_images",
                                    .description = "The Civo disk images of a region, filtered.",
                                    .needs_configuration = true},
                                   ImagesObject()),
        context_(std::move(context)) {}

 protected:
  void ReadData(const fw::Context& ctx, const ImagesData& config, ImagesData& state, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::string region = RegionFor(config.region, session);
    auto images = session.catalogue->DiskImages(region, Freshness::kCached);
    if (!images.ok()) return AddApiError(diags, "Could not list the disk images", images.status());
    std::vector<civoapi::DiskImage> kept;
    for (const civoapi::DiskImage& i : *images) {
      if (config.distribution.is_known() && !SameIgnoringCase(i.distribution, config.distribution.value)) continue;
      if (config.name_prefix.is_known() && !absl::StartsWith(i.name, config.name_prefix.value)) continue;
      if (config.state.is_known() && !SameIgnoringCase(i.state, config.state.value)) continue;
      kept.push_back(i);
    }
    std::sort(kept.begin(), kept.end(), [](const civoapi::DiskImage& a, const civoapi::DiskImage& b) {
      return std::tie(a.name, a.id) < std::tie(b.name, b.id);
    });
    std::vector<ImageItem> items;
    for (const civoapi::DiskImage& i : kept) {
      ImageItem item;
      item.id = i.id;
      item.name = i.name;
      item.version = i.version;
      item.state = i.state;
      item.distribution = i.distribution;
      items.push_back(std::move(item));
    }
    state.region = config.region.is_known() ? config.region : fw::Maybe<std::string>::Known(region);
    state.disk_images = std::move(items);
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

// --- data "civo_regions" ----------------------------------------------------

struct RegionItem {
  fw::Maybe<std::string> code, name;
  fw::Maybe<bool> is_default;
  friend bool operator==(const RegionItem&, const RegionItem&) = default;
};

struct RegionsData {
  fw::Maybe<std::vector<RegionItem>> regions;
  fw::Maybe<std::string> default_region;
};

fw::Object<RegionItem> RegionItemObject() {
  return fw::Object<RegionItem>()
      .Add(fw::Attr("code", &RegionItem::code).Computed().Description("The region code, e.g. `LON1`."))
      .Add(fw::Attr("name", &RegionItem::name).Computed().Description("Its name."))
      .Add(fw::Attr("is_default", &RegionItem::is_default)
               .Computed()
               .Description("Whether Civo calls it the account's default region."));
}

fw::Object<RegionsData> RegionsObject() {
  return fw::Object<RegionsData>()
      .Add(fw::Attr("regions", &RegionsData::regions, RegionItemObject())
               .Computed()
               .Description("Every region the API knows, by code."))
      .Add(fw::Attr("default_region", &RegionsData::default_region)
               .Computed()
               .Description("The provider's region (its `region` argument or default), upper case."));
}

class RegionsDataSource final : public fw::DataSource<RegionsData> {
 public:
  explicit RegionsDataSource(std::shared_ptr<const ProviderContext> context)
      : fw::DataSource<RegionsData>({.type_name = "civo_regions",
                                     .description = "The Civo regions.",
                                     .needs_configuration = true},
                                    RegionsObject()),
        context_(std::move(context)) {}

 protected:
  void ReadData(const fw::Context& ctx, const RegionsData&, RegionsData& state, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    auto regions = session.catalogue->Regions(Freshness::kCached);
    if (!regions.ok()) return AddApiError(diags, "Could not list the regions", regions.status());
    std::vector<civoapi::Region> sorted = *regions;
    std::sort(sorted.begin(), sorted.end(),
              [](const civoapi::Region& a, const civoapi::Region& b) { return a.code < b.code; });
    std::vector<RegionItem> items;
    for (const civoapi::Region& r : sorted) {
      RegionItem item;
      item.code = r.code;
      item.name = r.name;
      item.is_default = r.is_default;
      items.push_back(std::move(item));
    }
    state.regions = std::move(items);
    state.default_region = session.default_region;
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::unique_ptr<tfplugin::DataSource> NewSizesDataSource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<SizesDataSource>(std::move(context));
}
std::unique_ptr<tfplugin::DataSource> NewDiskImagesDataSource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<DiskImagesDataSource>(std::move(context));
}
std::unique_ptr<tfplugin::DataSource> NewRegionsDataSource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<RegionsDataSource>(std::move(context));
}

}  // namespace resources::catalogue_data
