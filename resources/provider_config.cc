#include "resources/provider_config.h"

#include <cstdlib>
#include <regex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "resources/cty_access.h"

namespace resources {

namespace cty = tfplugin::cty;
using tfplugin::AttributePath;

namespace {

tfplugin::Schema MakeSchema() {
  auto attr = [](std::string name, std::string description, bool sensitive) {
    tfplugin::Attribute a;
    a.name = std::move(name);
    a.type = cty::Type::String();
    a.optional = true;
    a.sensitive = sensitive;
    a.description = std::move(description);
    return a;
  };
  tfplugin::Schema s;
  s.block.description =
      "The Civo provider manages Civo compute instances (Project Planton's "
      "`CivoComputeInstance`).";
  s.block.attributes = {
      attr("token", "The Civo API token. Falls back to the `CIVO_TOKEN` environment variable.",
           true),
      attr("region",
           "The default region of every resource (any case). Falls back to `CIVO_REGION`, else "
           "`LON1`.",
           false),
      attr("api_endpoint",
           "The Civo API URL. Falls back to `CIVO_API_URL`, else `https://api.civo.com` (point "
           "it at a local simulator for tests).",
           false),
  };
  return s;
}

bool LooksLikeRegion(const std::string& r) {
  static const std::regex* re = new std::regex("^[A-Za-z]{2,8}[0-9]{1,3}$");
  return std::regex_match(r, *re);
}

}  // namespace

const tfplugin::Schema& ProviderConfigSchema() {
  static const tfplugin::Schema* schema = new tfplugin::Schema(MakeSchema());
  return *schema;
}

void ValidateProviderConfig(const cty::Value& config, tfplugin::Diagnostics& diags) {
  auto region = GetString(config, "region");
  if (region.is_known() && !LooksLikeRegion(region.value)) {
    diags.AddError("Invalid region",
                   absl::StrCat("\"", region.value,
                                "\" is not a Civo region code (for example LON1, NYC1, FRA1)."),
                   AttributePath::Root("region"));
  }
  auto endpoint = GetString(config, "api_endpoint");
  if (endpoint.is_known() && !absl::StartsWith(endpoint.value, "http://") &&
      !absl::StartsWith(endpoint.value, "https://")) {
    diags.AddError("Invalid api_endpoint", "The API endpoint must be an http:// or https:// URL.",
                   AttributePath::Root("api_endpoint"));
  }
  auto token = GetString(config, "token");
  if (token.is_known() && token.value.empty()) {
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
  auto pick = [&](const char* attr, const char* var, const char* fallback,
                  std::string& out) {
    auto v = GetString(config, attr);
    if (v.is_unknown()) {
      s.fully_known = false;
      return;
    }
    if (v.is_known() && !v.value.empty()) {
      out = v.value;
      return;
    }
    if (auto e = env(var)) {
      out = *e;
      return;
    }
    out = fallback;
  };
  pick("token", "CIVO_TOKEN", "", s.token);
  pick("region", "CIVO_REGION", kDefaultRegion, s.region);
  pick("api_endpoint", "CIVO_API_URL", kDefaultApiUrl, s.api_url);
  s.region = absl::AsciiStrToUpper(s.region);
  if (!GetString(config, "token").is_unknown() && s.token.empty()) {
    diags.AddError("Missing Civo API token",
                   "Set `token` in the provider block or the CIVO_TOKEN environment variable.",
                   AttributePath::Root("token"));
  }
  return s;
}

}  // namespace resources
