// One HTTP exchange with the Civo API over libcurl, with a pool of reusable
// connections. Knows HTTP, not Civo: it returns the status, body and
// Retry-After of a response, or a transport error as an ApiError status
// (http_status 0) saying whether the request may have reached the server.
#ifndef CIVOAPI_HTTP_TRANSPORT_H_
#define CIVOAPI_HTTP_TRANSPORT_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "civoapi/cancel.h"

namespace civoapi {

struct HttpRequest {
  std::string method;  // GET, POST, PUT, DELETE
  std::string url;     // absolute, query included
  std::string body;    // JSON; empty for none
  // Send on a new connection, never a kept-alive one. For calls that must not
  // run twice: when a reused connection ends without an answer, libcurl
  // silently sends the request again on a new one (it takes the connection
  // for one the server had already closed), although the server may have
  // received and carried out the first. On a fresh connection it reports the
  // loss instead (connection_dropped, ambiguous).
  bool fresh_connection = false;
};

struct HttpResponse {
  int status = 0;
  std::string body;
  std::optional<std::chrono::seconds> retry_after;
};

struct TransportOptions {
  std::string user_agent;
  std::string authorization;  // the full header value; never logged
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds request_timeout{60'000};
  size_t max_idle_channels = 32;
};

class HttpTransport {
 public:
  explicit HttpTransport(TransportOptions options);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Bounded by min(request timeout, deadline); returns kCancelled promptly
  // (within ~50 ms) when `cancel` fires mid-transfer.
  absl::StatusOr<HttpResponse> Perform(const HttpRequest& req,
                                       std::chrono::steady_clock::time_point deadline,
                                       const CancelToken* cancel);

 private:
  struct Channel;
  struct Share;
  std::unique_ptr<Channel> Acquire();
  void Release(std::unique_ptr<Channel> ch);

  TransportOptions options_;
  std::unique_ptr<Share> share_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Channel>> idle_;  // LIFO: the warmest connection first
};

}  // namespace civoapi

#endif  // CIVOAPI_HTTP_TRANSPORT_H_
