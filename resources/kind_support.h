// What civo_vpc, civo_firewall and civo_ssh_key share: the `region`
// attribute (optional+computed, any case, replaces), `REGION/ID` and `ID`
// import ids, API failures as diagnostics, and mutating calls that are never
// repeated blindly (civoapi hands back ambiguous failures; these helpers read
// the object back and repeat only what is still missing).
#ifndef RESOURCES_KIND_SUPPORT_H_
#define RESOURCES_KIND_SUPPORT_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civoapi/client.h"
#include "resources/provider_context.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/framework/framework.h"

namespace resources {

// How long a create, update or delete (waits included) may take.
inline constexpr std::chrono::minutes kKindOperationTimeout{10};

// The `region` attribute of every kind: optional+computed, any case, the
// provider's by default; another region replaces the object, a change of
// letter case does not. `kind` names the object in the docs ("network").
tfplugin::fw::PlanModifierPtr ReplaceUnlessOnlyCaseChanges(const std::string& object);
tfplugin::fw::ValidatorPtr RegionRules();
std::string RegionDescription();

// The region to call: the configured one (upper case), else the provider's.
std::string RegionFor(const tfplugin::fw::Maybe<std::string>& region, const ApiSession& session);

// `REGION/ID` or `ID`. Nullopt (with a diagnostic naming the forms) when bad.
struct ImportId {
  std::string region;  // upper case
  std::string id;
};
std::optional<ImportId> ParseImportId(const std::string& text, const ApiSession& session,
                                      const std::string& what, tfplugin::Diagnostics& diags);

// A failed API call as an error: Civo's code and reason, or cancellation and
// timeouts said plainly.
void AddApiError(tfplugin::Diagnostics& diags, const std::string& summary, const absl::Status& status,
                 tfplugin::AttributePath path = {});

// True when a failed call may have taken effect (civoapi's ambiguous flag).
bool MayHaveTakenEffect(const absl::Status& status);

// Makes `call`; after an ambiguous failure asks `done` whether the change is
// in place and repeats the call only when it is not (a few times at most,
// within opts.deadline).
absl::Status ChangeOnce(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const std::function<absl::StatusOr<bool>()>& done);

// Makes a create that returns the new id; after an ambiguous failure asks
// `made` for an object the call made (looked up by what makes it unique, and
// that did not exist before), adopts it, and repeats the create only when
// there is none.
absl::StatusOr<std::string> CreateOnce(
    const civoapi::CallOptions& opts, const std::function<absl::StatusOr<std::string>()>& create,
    const std::function<absl::StatusOr<std::optional<std::string>>()>& made);

// A delete: NotFound counts as done; after an ambiguous failure `gone` tells
// whether the object is gone.
absl::Status DeleteOnce(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const std::function<absl::StatusOr<bool>()>& gone);

// Sleeps `d` (less when the deadline is nearer); false when cancelled or out
// of time.
bool PauseWithin(const civoapi::CallOptions& opts, std::chrono::milliseconds d);

}  // namespace resources

#endif  // RESOURCES_KIND_SUPPORT_H_
