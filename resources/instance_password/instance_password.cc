#include "resources/instance_password/instance_password.h"

#include <chrono>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/compute_instance/validate.h"
#include "resources/limits.h"
#include "resources/string_rules.h"
#include "tfplugin/framework/data_source.h"
#include "tfplugin/quote.h"

namespace resources::instance_password {

namespace {

namespace fw = tfplugin::fw;
using compute_instance::StringRules;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;

constexpr std::chrono::minutes kReadDeadline{2};

struct InstancePassword {
  fw::Maybe<std::string> instance_id, region, initial_user, password;
  friend bool operator==(const InstancePassword&, const InstancePassword&) = default;
};

fw::Object<InstancePassword> PasswordObject() {
  using M = InstancePassword;
  return fw::Object<M>()
      .Add(fw::Attr("instance_id", &M::instance_id)
               .Required()
               .Validate(StringRules({.max_length = kMaxNameLength}))
               .Description(absl::StrCat("The instance's id, e.g. `civo_compute_instance.x.id`. ",
                                         "At most ", kMaxNameLength, " characters.")))
      .Add(fw::Attr("region", &M::region)
               .Optional()
               .Validate(StringRules({.max_length = kMaxRegionLength, .rule = &kRegionRule}))
               .Description(absl::StrCat("The instance's region (any case). Defaults to the "
                                         "provider's. At most ",
                                         kMaxRegionLength, " characters.")))
      .Add(fw::Attr("initial_user", &M::initial_user)
               .Computed()
               .Description("The user the password is for."))
      .Add(fw::Attr("password", &M::password)
               .Computed()
               .Sensitive()
               .Description("The instance's initial root password, as Civo reports it "
                            "(`initial_password`). Never stored in state or plan."));
}

class InstancePasswordResource final : public fw::EphemeralResource<InstancePassword> {
 public:
  explicit InstancePasswordResource(std::shared_ptr<const ProviderContext> context)
      : fw::EphemeralResource<InstancePassword>(
            {.type_name = kTypeName,
             .description =
                 "The initial root password of a Civo instance, read from the Civo API when a "
                 "configuration needs it (Terraform >= 1.10, OpenTofu >= 1.11). As an ephemeral "
                 "resource it is never written to state or to a plan: reference it where "
                 "ephemeral values are accepted (provider blocks, provisioners, write-only "
                 "arguments, ephemeral variables and outputs, locals).",
             .needs_configuration = true},
            PasswordObject()),
        context_(std::move(context)) {}

 protected:
  void OpenHook(const fw::Context& ctx, const InstancePassword& config,
                fw::Opened<InstancePassword>& opened, Diagnostics& diags) override {
    const ApiSession session = context_->Session(ctx.request());
    const std::string region = config.region.is_known()
                                   ? absl::AsciiStrToUpper(config.region.value)
                                   : session.default_region;
    const std::string& id = config.instance_id.value;
    if (region.empty()) {
      diags.AddError("No region",
                     "Set `region`, or the provider's region, to the instance's region.",
                     AttributePath::Root("region"));
      return;
    }
    auto inst = session.client->GetInstance(
        id, session.Call(region, std::chrono::steady_clock::now() + kReadDeadline));
    if (!inst.ok()) {
      AddApiError(
          diags,
          civoapi::IsNotFound(inst.status())
              ? absl::StrCat("No instance ", tfplugin::QuoteValue(id), " in region ", region)
              : "Could not read the instance",
          inst.status(), AttributePath::Root("instance_id"));
      return;
    }
    if (inst->initial_password.empty()) {
      diags.AddError("No initial password",
                     absl::StrCat("Civo reports no initial password for instance ",
                                  tfplugin::QuoteValue(id), " (status ", inst->status, ")."),
                     AttributePath::Root("instance_id"));
      return;
    }
    opened.result.initial_user = inst->initial_user;
    opened.result.password = inst->initial_password;
  }

 private:
  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::unique_ptr<tfplugin::EphemeralResource> NewInstancePassword(
    std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<InstancePasswordResource>(std::move(context));
}

}  // namespace resources::instance_password
