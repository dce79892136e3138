// How long one operation of a Civo kind may take, as the options of its
// calls (the request's cancellation included).
#ifndef RESOURCES_CALL_BUDGET_H_
#define RESOURCES_CALL_BUDGET_H_

#include <chrono>
#include <string>

#include "civoapi/client.h"
#include "resources/provider_context.h"

namespace resources {

// A create, update or delete, waits included.
inline constexpr std::chrono::minutes kKindOperationTimeout{10};

// Options for calls in `region` that must be done within `budget` from now.
inline civoapi::CallOptions CallIn(const ApiSession& session, const std::string& region,
                                   std::chrono::minutes budget = kKindOperationTimeout) {
  return session.Call(region, std::chrono::steady_clock::now() + budget);
}

}  // namespace resources

#endif  // RESOURCES_CALL_BUDGET_H_
