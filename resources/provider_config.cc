#include "resources/provider_config.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "resources/cty_access.h"
#include "resources/limits.h"
#include "resources/string_rules.h"
#include "tfplugin/quote.h"

namespace resources {

namespace cty = tfplugin::cty;
using tfplugin::AttributePath;

namespace {

// The provider block, declared once: the schema (and so the docs) and the
// validation below read the same maximum lengths.
struct ProviderAttribute {
  const char* name;
  const char* description;
  bool sensitive;
  size_t max_length;  // characters
};

// Civo API keys are about 50 characters; the bound only stops abuse.
constexpr size_t kMaxTokenLength = 1024;
constexpr size_t kMaxEndpointLength = 2048;

constexpr ProviderAttribute kToken{
    "token", "The Civo API token. Falls back to the `CIVO_TOKEN` environment variable.", true,
    kMaxTokenLength};
constexpr ProviderAttribute kRegion{
    "region",
    "The default region of every resource (any case). Falls back to `CIVO_REGION`, else `LON1`.",
    false, kMaxRegionLength};
constexpr ProviderAttribute kEndpoint{
    "api_endpoint",
    "The Civo API URL. Falls back to `CIVO_API_URL`, else `https://api.civo.com` (point it at "
    "a local simulator for tests).",
    false, kMaxEndpointLength};
constexpr const ProviderAttribute* kAttributes[] = {&kToken, &kRegion, &kEndpoint};

tfplugin::Schema MakeSchema() {
  tfplugin::Schema s;
  s.block.description =
      "The Civo provider manages Civo compute instances (Project Planton's "
      "`CivoComputeInstance`).";
  for (const ProviderAttribute* p : kAttributes) {
    tfplugin::Attribute a;
    a.name = p->name;
    a.type = cty::Type::String();
    a.optional = true;
    a.sensitive = p->sensitive;
    a.description = absl::StrCat(p->description, " At most ", p->max_length, " characters.");
    s.block.attributes.push_back(std::move(a));
  }
  return s;
}

// One error on the attribute naming where the value came from (the
// attribute or its environment variable) and the maximum; the value's
// beginning is quoted unless the attribute is sensitive (the token never is).
bool WithinMaxLength(const ProviderAttribute& p, const std::string& value,
                     tfplugin::Diagnostics& diags, const char* source = nullptr) {
  if (value.size() <= p.max_length) return true;
  const size_t len = tfplugin::CountCharacters(value);
  if (len <= p.max_length) return true;
  std::string detail = absl::StrCat(source != nullptr ? source : p.name, " must be ",
                                    MaxLengthText(p.max_length), "; it has ", len);
  absl::StrAppend(&detail, p.sensitive ? "" : absl::StrCat(": ", tfplugin::QuoteValue(value)),
                  ".");
  diags.AddError(absl::StrCat("Invalid ", p.name), detail, AttributePath::Root(p.name));
  return false;
}

}  // namespace

const tfplugin::Schema& ProviderConfigSchema() {
  static const tfplugin::Schema* schema = new tfplugin::Schema(MakeSchema());
  return *schema;
}

void ValidateProviderConfig(const cty::Value& config, tfplugin::Diagnostics& diags) {
  auto region = GetString(config, kRegion.name);
  if (region.is_known() && WithinMaxLength(kRegion, region.value, diags) &&
      !kRegionRule.matches(region.value)) {
    diags.AddError("Invalid region",
                   absl::StrCat(tfplugin::QuoteValue(region.value), " ", kRegionRule.mismatch, "."),
                   AttributePath::Root("region"));
  }
  auto endpoint = GetString(config, kEndpoint.name);
  if (endpoint.is_known() && WithinMaxLength(kEndpoint, endpoint.value, diags) &&
      !absl::StartsWith(endpoint.value, "http://") &&
      !absl::StartsWith(endpoint.value, "https://")) {
    diags.AddError("Invalid api_endpoint", "The API endpoint must be an http:// or https:// URL.",
                   AttributePath::Root("api_endpoint"));
  }
  auto token = GetString(config, kToken.name);
  if (token.is_known() && WithinMaxLength(kToken, token.value, diags) &&
      token.value.empty()) {
    diags.AddError("Empty token", "The token must not be empty; omit it to use CIVO_TOKEN.",
                   AttributePath::Root("token"));
  }
}

EnvLookup ProcessEnv() {
  return [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
}

ProviderSettings ResolveProviderConfig(const cty::Value& config, const EnvLookup& env,
                                       tfplugin::Diagnostics& diags) {
  ProviderSettings s;
  bool rejected_token = false;
  auto pick = [&](const ProviderAttribute& attr, const char* var, const char* fallback,
                  std::string& out) {
    auto v = GetString(config, attr.name);
    if (v.is_unknown()) {
      s.fully_known = false;
      return;
    }
    if (v.is_known() && !v.value.empty()) {
      out = v.value;
      return;
    }
    if (auto e = env(var)) {
      // The environment is bounded like the block.
      if (WithinMaxLength(attr, *e, diags, var)) {
        out = *e;
      } else if (&attr == &kToken) {
        rejected_token = true;
      }
      return;
    }
    out = fallback;
  };
  pick(kToken, "CIVO_TOKEN", "", s.token);
  pick(kRegion, "CIVO_REGION", kDefaultRegion, s.region);
  pick(kEndpoint, "CIVO_API_URL", kDefaultApiUrl, s.api_url);
  s.region = absl::AsciiStrToUpper(s.region);
  if (!GetString(config, "token").is_unknown() && s.token.empty() && !rejected_token) {
    diags.AddError("Missing Civo API token",
                   "Set `token` in the provider block or the CIVO_TOKEN environment variable.",
                   AttributePath::Root("token"));
  }
  return s;
}

}  // namespace resources
