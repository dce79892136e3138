#include "resources/kind_support.h"

#include <algorithm>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"
#include "resources/limits.h"
#include "resources/string_rules.h"
#include "tfplugin/quote.h"

namespace resources {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;

namespace {

// Rounds after ambiguous failures that left the change missing; the
// deadline bounds them too.
constexpr int kMaxAttempts = 8;

std::optional<std::string> KnownString(const Value& v) {
  if (!v.is_known() || v.is_null()) return std::nullopt;
  return v.AsString();
}

}  // namespace

fw::PlanModifierPtr ReplaceUnlessOnlyCaseChanges(const std::string& object) {
  return fw::RequiresReplaceIf(
      [](const fw::AttributeChange& c, std::string*) {
        const std::optional<std::string> planned = KnownString(c.planned);
        const std::optional<std::string> prior = KnownString(c.prior);
        return !planned || !prior || !absl::EqualsIgnoreCase(*planned, *prior);
      },
      absl::StrCat("Replaces the ", object, "; a change of letter case only does not."));
}

fw::ValidatorPtr RegionRules() {
  return fw::Custom(
      [](const Value& v, const AttributePath& path, Diagnostics& diags) {
        const std::string s = v.AsString();
        if (s.size() > kMaxRegionLength || !MatchesRegionPattern(s)) {
          diags.AddError("Invalid region",
                         absl::StrCat("region ", tfplugin::QuoteValue(s), " ", kRegionRule.mismatch, "."),
                         path);
        }
      },
      absl::StrCat("Must be a Civo region code, ", MaxLengthText(kMaxRegionLength), "."));
}

std::string RegionDescription() {
  return "The Civo region code (e.g. `LON1`, any case). Defaults to the provider's region.";
}

std::string RegionFor(const fw::Maybe<std::string>& region, const ApiSession& session) {
  if (region.is_known() && !region.value.empty()) return absl::AsciiStrToUpper(region.value);
  return absl::AsciiStrToUpper(session.default_region);
}

std::optional<ImportId> ParseImportId(const std::string& text, const ApiSession& session,
                                      const std::string& what, Diagnostics& diags) {
  ImportId out{absl::AsciiStrToUpper(session.default_region), text};
  if (auto slash = text.find('/'); slash != std::string::npos) {
    out.region = absl::AsciiStrToUpper(text.substr(0, slash));
    out.id = text.substr(slash + 1);
  }
  if (out.id.empty() || out.region.empty() || out.id.find('/') != std::string::npos ||
      out.id.size() > kMaxNameLength || out.region.size() > kMaxRegionLength ||
      !MatchesRegionPattern(out.region)) {
    diags.AddError("Invalid import id", absl::StrCat("Expected REGION/ID or ID (the ", what, "'s id), got ",
                                                     tfplugin::QuoteValue(text), "."));
    return std::nullopt;
  }
  return out;
}

void AddApiError(Diagnostics& diags, const std::string& summary, const absl::Status& status, AttributePath path) {
  std::string detail;
  if (civoapi::IsCancelled(status)) {
    detail = "The operation was cancelled (Terraform asked the provider to stop).";
  } else if (status.code() == absl::StatusCode::kDeadlineExceeded) {
    detail = absl::StrCat("The operation did not finish within its timeout: ", status.message());
  } else {
    detail = std::string(status.message());
  }
  diags.AddError(summary, detail, std::move(path));
}

bool MayHaveTakenEffect(const absl::Status& status) {
  auto e = civoapi::GetApiError(status);
  return e.has_value() && e->ambiguous;
}

absl::Status ChangeOnce(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const std::function<absl::StatusOr<bool>()>& done) {
  absl::Status last;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    last = call();
    if (last.ok() || !MayHaveTakenEffect(last)) return last;
    absl::StatusOr<bool> in_place = done();
    if (!in_place.ok()) {
      return absl::Status(in_place.status().code(),
                          absl::StrCat(last.message(), "; reading the object back to see whether it did failed: ",
                                       in_place.status().message()));
    }
    if (*in_place) return absl::OkStatus();
    if (std::chrono::steady_clock::now() >= opts.deadline) break;
  }
  return last;
}

absl::StatusOr<std::string> CreateOnce(
    const civoapi::CallOptions& opts, const std::function<absl::StatusOr<std::string>()>& create,
    const std::function<absl::StatusOr<std::optional<std::string>>()>& made) {
  absl::Status last;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    absl::StatusOr<std::string> id = create();
    if (id.ok() || !MayHaveTakenEffect(id.status())) return id;
    last = id.status();
    absl::StatusOr<std::optional<std::string>> found = made();
    if (!found.ok()) {
      return absl::Status(found.status().code(),
                          absl::StrCat(last.message(), "; looking for what the call may have made failed: ",
                                       found.status().message()));
    }
    if (found->has_value()) return **found;
    if (std::chrono::steady_clock::now() >= opts.deadline) break;
  }
  return last;
}

absl::Status DeleteOnce(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const std::function<absl::StatusOr<bool>()>& gone) {
  absl::Status s = ChangeOnce(opts, call, gone);
  if (civoapi::IsNotFound(s)) return absl::OkStatus();
  return s;
}

bool PauseWithin(const civoapi::CallOptions& opts, std::chrono::milliseconds d) {
  const auto now = std::chrono::steady_clock::now();
  if (now >= opts.deadline) return false;
  d = std::min(d, std::chrono::duration_cast<std::chrono::milliseconds>(opts.deadline - now));
  if (opts.cancel != nullptr) return opts.cancel->SleepFor(d) && !opts.cancel->cancelled();
  std::this_thread::sleep_for(d);
  return true;
}

}  // namespace resources
