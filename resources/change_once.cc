#include "resources/change_once.h"

#include <algorithm>
#include <thread>

#include "absl/strings/str_cat.h"
#include "civoapi/errors.h"

namespace resources {

namespace {

// Calls after ambiguous failures that left the change missing (each round
// costs the failed call and a read, and the deadline bounds them too). Enough
// that a server failing a fifth of all requests at random almost never
// exhausts them (0.2^8 is about 3e-6).
constexpr int kMaxAttempts = 8;

}  // namespace

bool MayHaveTakenEffect(const absl::Status& status) {
  auto e = civoapi::GetApiError(status);
  return e.has_value() && e->ambiguous;
}

absl::Status ChangeOnce(const civoapi::CallOptions& opts, const std::function<absl::Status()>& call,
                        const ChangeCheck& in_place) {
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
                        const ChangeCheck& gone) {
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
