// The Civo API simulator's request log (GET /_sim/log), read over HTTP so the
// demo can show which API calls each step made and in what order.
#ifndef TOOLS_DEMO_SIM_LOG_H_
#define TOOLS_DEMO_SIM_LOG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace demo {

struct LoggedCall {
  std::string method;
  std::string path;
  int status = 0;
};

class SimLog {
 public:
  // `url` is the log's URL, e.g. http://127.0.0.1:PORT/_sim/log; empty
  // disables the log (every call then returns an empty list).
  explicit SimLog(std::string url) : url_(std::move(url)) {}

  bool enabled() const { return !url_.empty(); }
  // The whole log, admin calls left out.
  absl::StatusOr<std::vector<LoggedCall>> Fetch() const;

 private:
  std::string url_;
};

// "POST /v2/instances -> 200", consecutive repeats folded ("(x3)").
std::vector<std::string> Summarize(const std::vector<LoggedCall>& calls);

}  // namespace demo

#endif  // TOOLS_DEMO_SIM_LOG_H_
