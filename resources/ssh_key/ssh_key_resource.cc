// civo_ssh_key: name renamed in place (PUT /v2/sshkeys/ID), public_key
// replaces (Civo cannot change a key's material).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "civoapi/errors.h"
#include "resources/api_errors.h"
#include "resources/call_budget.h"
#include "resources/change_once.h"
#include "resources/import_id.h"
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
using tfplugin::cty::Value;

// An OpenSSH public key line is a few hundred bytes (RSA 16384-bit keys
// stay under 3 kB); more is not a key.
constexpr size_t kMaxPublicKeyBytes = 16384;

struct SshKeyModel {
  fw::Maybe<std::string> id, region, name, public_key, fingerprint;
};

// `TYPE BASE64 [comment]` on one line, TYPE one OpenSSH knows.
fw::ValidatorPtr PublicKeyRules() {
  return fw::Custom(
      [](const Value& v, const AttributePath& path, Diagnostics& diags) {
        const std::string s = v.AsString();
        const std::string line(absl::StripAsciiWhitespace(s));
        std::vector<std::string> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
        static const char* kTypes[] = {"ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256",
                                       "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                                       "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"};
        const bool known_type =
            !parts.empty() && std::any_of(std::begin(kTypes), std::end(kTypes),
                                          [&](const char* t) { return parts[0] == t; });
        if (line.find('\n') != std::string::npos) {
          diags.AddError("Invalid public key", "public_key must be one line (one OpenSSH public key).", path);
        } else if (!known_type || parts.size() < 2) {
          diags.AddError("Invalid public key",
                         absl::StrCat("public_key ", tfplugin::QuoteValue(s),
                                      " is not an OpenSSH public key (`ssh-ed25519 AAAA... comment`)."),
                         path);
        }
      },
      "Must be one OpenSSH public key line (`ssh-ed25519 AAAA... comment`, `ssh-rsa ...`, `ecdsa-sha2-...`).");
}

fw::Object<SshKeyModel> SshKeyObject() {
  return fw::Object<SshKeyModel>()
      .Add(fw::Attr("id", &SshKeyModel::id).Computed().Description("The key's id."))
      .Add(fw::Attr("region", &SshKeyModel::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Modify(ReplaceUnlessOnlyCaseChanges("key"))
               .Description(RegionDescription()))
      .Add(fw::Attr("name", &SshKeyModel::name)
               .Required()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The key's name at Civo. Renamed in place."))
      .Add(fw::Attr("public_key", &SshKeyModel::public_key)
               .Required()
               .Validate(fw::LengthBetween(1, kMaxPublicKeyBytes, fw::Count::kBytes))
               .Validate(PublicKeyRules())
               .Modify(fw::RequiresReplace())
               .Description("The OpenSSH public key (one line). Changing it replaces the key."))
      .Add(fw::Attr("fingerprint", &SshKeyModel::fingerprint)
               .Computed()
               .UnknownWhen({"public_key"})
               .Description("The key's fingerprint as Civo reports it."));
}

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

void Fill(const civoapi::SshKey& k, SshKeyModel& m) {
  m.id = k.id;
  m.name = k.name;
  m.fingerprint = k.fingerprint;
  // The key as Civo has it; the state keeps its own spelling of the same key
  // (surrounding whitespace), so only another key is drift.
  if (!k.public_key.empty() && (!m.public_key.is_known() || Trimmed(m.public_key.value) != Trimmed(k.public_key))) {
    m.public_key = k.public_key;
  }
}

class SshKeyResource final : public fw::Resource<SshKeyModel> {
 public:
  explicit SshKeyResource(std::shared_ptr<const ProviderContext> context)
      : fw::Resource<SshKeyModel>({.type_name = "civo_ssh_key",
                                   .description = "An SSH public key uploaded to Civo, for instances' "
                                                  "`ssh_key_ids`. Renaming is in place; another key "
                                                  "replaces it.",
                                   .needs_configuration = true},
                                  SshKeyObject()),
        context_(std::move(context)) {}

 protected:
  void Create(const fw::Context& ctx, const fw::Change<SshKeyModel>& c, fw::NewState<SshKeyModel>& out,
              Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const std::string region = RegionFor(c.planned.region, s);
    const auto opts = s.Call(region, std::chrono::steady_clock::now() + kKindOperationTimeout);
    const std::string name = c.planned.name.value;
    auto before = Named(*s.client, name, opts);
    if (!before.ok()) return AddApiError(diags, "Could not list SSH keys before creating one", before.status());
    auto id = CreateOnce(
        opts,
        [&]() -> absl::StatusOr<std::string> {
          auto k = s.client->CreateSshKey(name, c.planned.public_key.value, opts);
          if (!k.ok()) return k.status();
          return k->id;
        },
        [&]() -> absl::StatusOr<std::optional<std::string>> {
          auto now = Named(*s.client, name, opts);
          if (!now.ok()) return now.status();
          for (const std::string& i : *now) {
            if (std::find(before->begin(), before->end(), i) == before->end()) return std::optional<std::string>(i);
          }
          return std::optional<std::string>();
        });
    if (!id.ok()) return AddApiError(diags, "Could not create the SSH key", id.status());
    out.state.id = *id;
    if (!out.state.region.is_known()) out.state.region = region;
    auto k = s.client->GetSshKey(*id, opts);
    if (!k.ok()) {
      out.keep_on_error = true;
      out.state.fingerprint = "";
      return AddApiError(diags, "Created the SSH key but could not read it back", k.status());
    }
    Fill(*k, out.state);
  }

  void ReadState(const fw::Context& ctx, fw::NewState<SshKeyModel>& out, Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(out.state.region, s), std::chrono::steady_clock::now() + std::chrono::minutes(5));
    auto k = s.client->GetSshKey(out.state.id.value, opts);
    if (civoapi::IsNotFound(k.status())) {
      out.gone = true;
      return;
    }
    if (!k.ok()) return AddApiError(diags, "Could not read the SSH key", k.status());
    Fill(*k, out.state);
  }

  void Update(const fw::Context& ctx, const fw::Change<SshKeyModel>& c, fw::NewState<SshKeyModel>& out,
              Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(c.prior.region, s), std::chrono::steady_clock::now() + kKindOperationTimeout);
    const std::string id = c.prior.id.value;
    const std::string name = c.planned.name.value;
    if (name == c.prior.name.value) return;
    absl::Status st = ChangeOnce(
        opts, [&] { return s.client->RenameSshKey(id, name, opts); },
        [&]() -> absl::StatusOr<bool> {
          auto k = s.client->GetSshKey(id, opts);
          if (!k.ok()) return k.status();
          return k->name == name;
        });
    if (!st.ok()) AddApiError(diags, "Could not rename the SSH key", st, AttributePath::Root("name"));
  }

  void Delete(const fw::Context& ctx, const fw::Change<SshKeyModel>& c, Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    const auto opts = s.Call(RegionFor(c.prior.region, s), std::chrono::steady_clock::now() + kKindOperationTimeout);
    const std::string id = c.prior.id.value;
    absl::Status st = DeleteOnce(
        opts, [&] { return s.client->DeleteSshKey(id, opts); },
        [&]() -> absl::StatusOr<bool> {
          auto k = s.client->GetSshKey(id, opts);
          if (civoapi::IsNotFound(k.status())) return true;
          if (!k.ok()) return k.status();
          return false;
        });
    if (!st.ok()) AddApiError(diags, "Could not delete the SSH key", st);
  }

  void ImportState(const fw::Context& ctx, const std::string& import_id, fw::NewState<SshKeyModel>& out,
                   Diagnostics& diags) override {
    const ApiSession s = context_->Session(ctx.request());
    auto where = ParseImportId(import_id, s, "SSH key", diags);
    if (!where) return;
    const auto opts = s.Call(where->region, std::chrono::steady_clock::now() + std::chrono::minutes(5));
    auto k = s.client->GetSshKey(where->id, opts);
    if (!k.ok()) {
      return AddApiError(diags,
                         civoapi::IsNotFound(k.status())
                             ? absl::StrCat("No SSH key ", tfplugin::QuoteValue(where->id))
                             : "Could not read the SSH key to import",
                         k.status());
    }
    out.state.region = where->region;
    Fill(*k, out.state);
  }

 private:
  static absl::StatusOr<std::vector<std::string>> Named(civoapi::Client& client, const std::string& name,
                                                        const civoapi::CallOptions& opts) {
    auto all = client.ListSshKeys(opts);
    if (!all.ok()) return all.status();
    std::vector<std::string> ids;
    for (const civoapi::SshKey& k : *all) {
      if (k.name == name) ids.push_back(k.id);
    }
    return ids;
  }

  std::shared_ptr<const ProviderContext> context_;
};

}  // namespace

std::unique_ptr<tfplugin::Resource> NewSshKeyResource(std::shared_ptr<const ProviderContext> context) {
  return std::make_unique<SshKeyResource>(std::move(context));
}

}  // namespace resources::ssh_key
