#include "resources/kind_common.h"

#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/limits.h"
#include "resources/string_rules.h"
#include "tfplugin/quote.h"

namespace resources::kinds {

const char kRegionDescription[] =
    "The Civo region code (e.g. `LON1`, any case). Defaults to the provider's region.";

fw::ValidatorPtr RegionRule() {
  return fw::Custom(
      [](const tfplugin::cty::Value& v, const tfplugin::AttributePath& path, tfplugin::Diagnostics& diags) {
        const std::string& s = v.AsString();
        if (s.size() > kMaxRegionLength || !MatchesRegionPattern(s)) {
          diags.AddError("Invalid region",
                         absl::StrCat(tfplugin::QuoteValue(s), " ", kRegionRule.mismatch, "."), path);
        }
      },
      absl::StrCat("Must match `", kRegionRule.pattern, "`."));
}

fw::PlanModifierPtr ReplaceOnOtherRegion() {
  return fw::RequiresReplaceIf(
      [](const fw::AttributeChange& c, std::string*) {
        if (!c.prior.is_known() || c.prior.is_null() || !c.planned.is_known() || c.planned.is_null()) {
          return !c.planned.is_known();
        }
        return absl::AsciiStrToUpper(c.prior.AsString()) != absl::AsciiStrToUpper(c.planned.AsString());
      },
      "Changing it to another region replaces the object; a change of letter case does not.");
}

std::string ApiRegion(const fw::Maybe<std::string>& region, const ApiSession& session) {
  if (region.is_known() && !region.value.empty()) return absl::AsciiStrToUpper(region.value);
  return session.default_region;
}

void PlanDefaultRegion(const fw::Maybe<std::string>& config, fw::Maybe<std::string>& planned,
                       const ApiSession& session) {
  if (config.is_null() && planned.is_unknown() && !session.default_region.empty()) {
    planned = session.default_region;
  }
}

bool ParseImportId(const std::string& import_id, const ApiSession& session, const std::string& what,
                   ImportId& out, tfplugin::Diagnostics& diags) {
  out.region = session.default_region;
  out.id = import_id;
  if (auto slash = import_id.find('/'); slash != std::string::npos) {
    out.region = absl::AsciiStrToUpper(import_id.substr(0, slash));
    out.id = import_id.substr(slash + 1);
  }
  if (out.id.empty() || out.region.empty() || out.id.find('/') != std::string::npos ||
      out.id.size() > kMaxNameLength || !MatchesRegionPattern(out.region)) {
    diags.AddError("Invalid import id", absl::StrCat("Expected REGION/ID or ID (the ", what, "'s id), got ",
                                                     tfplugin::QuoteValue(import_id), "."));
    return false;
  }
  return true;
}

void AddApiError(tfplugin::Diagnostics& diags, const std::string& summary, const absl::Status& status,
                 tfplugin::AttributePath path) {
  std::string detail;
  if (civoapi::IsCancelled(status)) {
    detail = "The operation was cancelled (Terraform asked the provider to stop).";
  } else if (status.code() == absl::StatusCode::kDeadlineExceeded) {
    detail = absl::StrCat("The operation did not finish within its timeout: ", status.message());
  } else {
    detail = std::string(status.message());  // civoapi's messages never carry the token
  }
  diags.AddError(summary, detail, std::move(path));
}

civoapi::CallOptions CallIn(const ApiSession& session, const std::string& region, std::chrono::minutes budget) {
  return session.Call(region, std::chrono::steady_clock::now() + budget);
}

bool MayHaveTakenEffect(const absl::Status& status) {
  auto e = civoapi::GetApiError(status);
  return e.has_value() && e->ambiguous;
}

absl::Status ChangeOnce(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const std::function<absl::StatusOr<bool>()>& in_place) {
  // Enough that a server failing a fifth of all requests at random almost
  // never exhausts them; the deadline bounds them too.
  constexpr int kMaxAttempts = 8;
  absl::Status last;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    last = call();
    if (last.ok() || !MayHaveTakenEffect(last)) return last;
    absl::StatusOr<bool> done = in_place();
    if (!done.ok()) {
      return absl::Status(done.status().code(),
                          absl::StrCat(last.message(), "; reading the object back to see whether it did failed: ",
                                       done.status().message()));
    }
    if (*done) return absl::OkStatus();
    if (std::chrono::steady_clock::now() >= opts.deadline) break;
  }
  return last;
}

bool Pause(const ApiSession& session, std::chrono::milliseconds d) {
  if (session.cancel != nullptr) return session.cancel->SleepFor(d);
  std::this_thread::sleep_for(d);
  return true;
}

}  // namespace resources::kinds
