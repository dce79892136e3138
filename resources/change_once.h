// Calls that change something, never repeated blindly (SPEC.md, lifecycle).
// civoapi hands back at once, without retrying, a failure after which the
// change may have been made (500, 502, 504, a connection dropped after the
// request was sent, a timeout). These helpers then read the object back and
// repeat the call only when what it was to do is still missing. Every
// mutating call of every kind goes through here, each with the check that
// fits it (the instance's checks: compute_instance/change_checks.h).
#ifndef RESOURCES_CHANGE_ONCE_H_
#define RESOURCES_CHANGE_ONCE_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "civoapi/client.h"

namespace resources {

// Whether the change is in place as the API shows it now.
using ChangeCheck = std::function<absl::StatusOr<bool>()>;

// True when a failed call may have taken effect (civoapi's ambiguous flag).
bool MayHaveTakenEffect(const absl::Status& status);

// Makes `call`; after an ambiguous failure asks `in_place` and repeats the
// call only when it says no (a few times at most, within opts.deadline).
// Other failures and cancellation are returned as they are.
absl::Status ChangeOnce(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const ChangeCheck& in_place);

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
                        const ChangeCheck& gone);

// Sleeps `d` (less when the deadline is nearer); false when cancelled or out
// of time.
bool PauseWithin(const civoapi::CallOptions& opts, std::chrono::milliseconds d);

}  // namespace resources

#endif  // RESOURCES_CHANGE_ONCE_H_
