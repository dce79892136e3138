// What the resources of the other Planton kinds (civo_volume,
// civo_ip_address, ...) share: the `region` attribute (optional+computed, any
// case, the provider's by default, replace), import ids (`REGION/ID` or
// `ID`), API failures as diagnostics and the per-call options.
#ifndef RESOURCES_KIND_COMMON_H_
#define RESOURCES_KIND_COMMON_H_

#include <chrono>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civoapi/client.h"
#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/framework/framework.h"

namespace resources::kinds {

namespace fw = tfplugin::fw;

// The `region` attribute's rules and docs sentence, and its replacement
// rule: another region replaces the object, a change of letter case does not.
fw::ValidatorPtr RegionRule();
fw::PlanModifierPtr ReplaceOnOtherRegion();
extern const char kRegionDescription[];

// The region calls use: the configured one in upper case, else the
// provider's default (empty when neither is known).
std::string ApiRegion(const fw::Maybe<std::string>& region, const ApiSession& session);

// Plans `region` on create when the config leaves it unset: the provider's
// default region, when the provider knows it.
void PlanDefaultRegion(const fw::Maybe<std::string>& config, fw::Maybe<std::string>& planned,
                       const ApiSession& session);

struct ImportId {
  std::string region;  // upper case
  std::string id;
};
// `REGION/ID` or `ID` (the provider's region). False, with an error, when
// the id is malformed. `what` names the object ("volume").
bool ParseImportId(const std::string& import_id, const ApiSession& session, const std::string& what,
                   ImportId& out, tfplugin::Diagnostics& diags);

// A Civo API failure as an error: Civo's code and reason, cancellation and
// timeouts said plainly.
void AddApiError(tfplugin::Diagnostics& diags, const std::string& summary, const absl::Status& status,
                 tfplugin::AttributePath path = {});

// Options for one call in `region`, bounded by `budget` and the request's deadline.
civoapi::CallOptions CallIn(const ApiSession& session, const std::string& region,
                            std::chrono::minutes budget = std::chrono::minutes(10));

// A call that changes something, never repeated blindly: civoapi hands back
// at once a failure after which the change may have been made (ambiguous);
// then `in_place` reads the object, and the call is repeated only when the
// change is still missing (a few times at most, within opts.deadline). The
// same rule as the instance's MakeChange (compute_instance/change_once.h),
// kept here so these kinds do not depend on the instance's internals.
absl::Status ChangeOnce(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const std::function<absl::StatusOr<bool>()>& in_place);
// True when the failure may have taken effect (civoapi's ambiguous flag).
bool MayHaveTakenEffect(const absl::Status& status);

// Sleeps `d` unless the session's request is cancelled (false then).
bool Pause(const ApiSession& session, std::chrono::milliseconds d);

// Null for an empty string: what Civo leaves empty is unset in the state.
inline fw::Maybe<std::string> OrNull(const std::string& s) {
  return s.empty() ? fw::Maybe<std::string>::Null() : fw::Maybe<std::string>::Known(s);
}

}  // namespace resources::kinds

#endif  // RESOURCES_KIND_COMMON_H_
