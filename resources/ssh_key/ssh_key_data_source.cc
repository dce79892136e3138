// data "civo_ssh_key": one existing SSH key, by id or by name.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/limits.h"
#include "resources/region_attribute.h"
#include "resources/ssh_key/ssh_key.h"
#include "tfplugin/framework/framework.h"
#include "tfplugin/quote.h"

namespace resources::ssh_key {
namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;

struct SshKeyData {
  fw::Maybe<std::string> id, name, region, public_key, fingerprint;
};

fw::Object<SshKeyData> SshKeyDataObject() {
  return fw::Object<SshKeyData>()
      .Add(fw::Attr("id", &SshKeyData::id)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The key's id. Exactly one of `id` and `name` is set."))
      .Add(fw::Attr("name", &SshKeyData::name)
               .OptionalComputed()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The key's name; it must name exactly one key."))
      .Add(fw::Attr("region", &SshKeyData::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Description(RegionDescription()))
      .Add(fw::Attr("public_key", &SshKeyData::public_key)
               .Computed()
               .Description("The public key, when Civo reports it (else empty)."))
      .Add(fw::Attr("fingerprint", &SshKeyData::fingerprint).Computed().Description("The key's fingerprint."))
      .Validate(fw::ExactlyOneOf({"id", "name"}));
}

class SshKeyDataSource final : public fw::DataSource<SshKeyData> {
 public:
  explicit SshKeyDataSource(std::shared_ptr<const ProviderContext> context)
      : fw::DataSource<SshKeyData>({.type_name = "civo_ssh_key",
                                    .description = "Finds one existing Civo SSH key by `id` or by `name`.",
                                    .needs_configuration = true},
                                   SshKeyDataObject()),
        context_(std::move(context)) {}

 protected:
  void ReadData(const fw::Context& ctx, const SshKeyData& config, SshKeyData& state, Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const std::string region = RegionFor(config.region, s);
    const auto opts = s.Call(region, std::chrono::steady_clock::now() + std::chrono::minutes(5));
    auto all = s.client->ListSshKeys(opts);
    if (!all.ok()) return AddApiError(diags, "Could not list SSH keys", all.status());
    const bool by_id = config.id.is_known();
    const std::string wanted = by_id ? config.id.value : config.name.value;
    std::vector<civoapi::SshKey> found;
    for (const civoapi::SshKey& k : *all) {
      if ((by_id ? k.id : k.name) == wanted) found.push_back(k);
    }
    if (found.size() != 1) {
      std::vector<std::string> ids;
      for (const auto& k : found) ids.push_back(k.id);
      return diags.AddError(found.empty() ? "SSH key not found" : "SSH key name is ambiguous",
                            found.empty() ? absl::StrCat("No SSH key with ", by_id ? "id " : "name ",
                                                         tfplugin::QuoteValue(wanted), ".")
                                          : absl::StrCat(found.size(), " SSH keys are named ",
                                                         tfplugin::QuoteValue(wanted), " (",
                                                         absl::StrJoin(ids, ", "), "); use `id`."),
                            AttributePath::Root(by_id ? "id" : "name"));
    }
    state.id = found.front().id;
    state.name = found.front().name;
    state.region = config.region.is_known() ? config.region.value : region;
    state.public_key = found.front().public_key;
    state.fingerprint = found.front().fingerprint;
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::unique_ptr<tfplugin::DataSource> NewSshKeyDataSource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<SshKeyDataSource>(std::move(context));
}

}  // namespace resources::ssh_key
