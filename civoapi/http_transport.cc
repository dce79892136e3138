#include "civoapi/http_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "civoapi/errors.h"

namespace civoapi {

// Why one multi handle per channel: the multi handle owns the connection
// cache, so a channel taken from the pool finds its keep-alive connection
// again; and driving the transfer with curl_multi_poll in short slices lets
// a cancellation abort it within one slice. libcurl's shared connection cache
// (CURL_LOCK_DATA_CONNECT) is documented as unsafe across concurrent threads,
// so only DNS and TLS sessions go through the share handle.
struct HttpTransport::Channel {
  CURLM* multi = nullptr;
  CURL* easy = nullptr;
  Channel() : multi(curl_multi_init()), easy(curl_easy_init()) {}
  ~Channel() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    if (multi != nullptr) curl_multi_cleanup(multi);
  }
};

struct HttpTransport::Share {
  CURLSH* handle = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks;

  Share() {
    handle = curl_share_init();
    curl_share_setopt(handle, CURLSHOPT_LOCKFUNC, &Share::Lock);
    curl_share_setopt(handle, CURLSHOPT_UNLOCKFUNC, &Share::Unlock);
    curl_share_setopt(handle, CURLSHOPT_USERDATA, this);
    curl_share_setopt(handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
  ~Share() { curl_share_cleanup(handle); }

  static void Lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Share*>(user)->locks[static_cast<size_t>(data)].lock();
  }
  static void Unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<Share*>(user)->locks[static_cast<size_t>(data)].unlock();
  }
};

namespace {

struct Exchange {
  std::string body;
  std::optional<std::chrono::seconds> retry_after;
  static constexpr size_t kMaxBody = 64u << 20;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t len = size * n;
  if (ex->body.size() + len > Exchange::kMaxBody) return 0;  // aborts the transfer
  ex->body.append(data, len);
  return len;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* ex = static_cast<Exchange*>(user);
  size_t len = size * n;
  absl::string_view line(data, len);
  if (absl::StartsWithIgnoreCase(line, "HTTP/")) ex->retry_after.reset();  // a new response
  constexpr absl::string_view kName = "retry-after:";
  if (absl::StartsWithIgnoreCase(line, kName)) {
    absl::string_view value = absl::StripAsciiWhitespace(line.substr(kName.size()));
    int64_t secs = 0;
    // Only the delta-seconds form; an HTTP date falls back to our own backoff.
    if (absl::SimpleAtoi(value, &secs) && secs >= 0) ex->retry_after = std::chrono::seconds(secs);
  }
  // The body arrives in pieces of 16 KiB. Growing a string piece by piece
  // holds its old and its doubled buffer at once: with the 1.6 MB list of an
  // account of 2,000 instances the apply's peak RSS was 0.5 MiB higher.
  // Knowing the length up front makes it one allocation. A length
  // beyond what OnBody accepts is not trusted; with a compressed body the
  // length is the compressed one and the string still grows past it.
  constexpr absl::string_view kLength = "content-length:";
  if (absl::StartsWithIgnoreCase(line, kLength)) {
    uint64_t bytes = 0;
    if (absl::SimpleAtoi(absl::StripAsciiWhitespace(line.substr(kLength.size())), &bytes) &&
        bytes <= Exchange::kMaxBody) {
      ex->body.reserve(static_cast<size_t>(bytes));
    }
  }
  return len;
}

long Millis(std::chrono::milliseconds d) { return static_cast<long>(std::max<int64_t>(1, d.count())); }

absl::Status TransportError(CURLcode rc, bool sent, const char* errbuf) {
  ApiError e;
  std::string detail = errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc);
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
      e.code = "connection_refused";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      e.code = sent ? "timeout" : "connect_timeout";
      e.ambiguous = sent;
      break;
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
      e.code = "connection_dropped";
      e.ambiguous = sent;
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      e.code = "dns_error";
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      e.code = "tls_error";
      break;
    default:
      e.code = "transport_error";
      break;
  }
  e.reason = detail;
  return MakeApiError(e);
}

}  // namespace

HttpTransport::HttpTransport(TransportOptions options)
    : options_(std::move(options)), share_(std::make_unique<Share>()) {}

HttpTransport::~HttpTransport() {
  idle_.clear();  // channels before the share handle they point to
  share_.reset();
}

std::unique_ptr<HttpTransport::Channel> HttpTransport::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Channel> ch = std::move(idle_.back());
      idle_.pop_back();
      return ch;
    }
  }
  auto ch = std::make_unique<Channel>();
  // One live connection per channel: a channel is used by one request at a
  // time, so a second would only sit idle. It matters because every call
  // that must not run twice opens a fresh connection: with a cache of
  // several, each of those stayed open beside the one reused, and a server
  // that gives each open connection a worker (as many do) ran out of them
  // and queued the next requests.
  curl_multi_setopt(ch->multi, CURLMOPT_MAXCONNECTS, 1L);
  return ch;
}

void HttpTransport::Release(std::unique_ptr<Channel> ch) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < options_.max_idle_channels) idle_.push_back(std::move(ch));
}

absl::StatusOr<HttpResponse> HttpTransport::Perform(const HttpRequest& req,
                                                    std::chrono::steady_clock::time_point deadline,
                                                    const CancelToken* cancel) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  auto remaining = duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  if (remaining.count() <= 0) {
    return MakeApiError(ApiError{0, "timeout", "deadline passed before the request was sent", "", false});
  }
  if (cancel != nullptr && cancel->cancelled()) return absl::CancelledError("Civo API call cancelled");

  std::unique_ptr<Channel> ch = Acquire();
  if (ch->easy == nullptr || ch->multi == nullptr) return absl::InternalError("libcurl initialisation failed");
  CURL* easy = ch->easy;
  curl_easy_reset(easy);  // keeps the channel's live connections

  Exchange ex;
  char errbuf[CURL_ERROR_SIZE] = {0};
  struct curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json");
  headers = curl_slist_append(headers, "Expect:");
  headers = curl_slist_append(headers, ("Authorization: " + options_.authorization).c_str());
  if (!req.body.empty()) headers = curl_slist_append(headers, "Content-Type: application/json");

  curl_easy_setopt(easy, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_SHARE, share_->handle);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
  if (req.fresh_connection) curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &ex);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &ex);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, Millis(std::min(options_.connect_timeout, remaining)));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, Millis(std::min(options_.request_timeout, remaining)));
  if (req.method == "GET") {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, req.method.c_str());
    if (!req.body.empty() || req.method != "DELETE") {
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(req.body.size()));
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, req.body.c_str());
    }
  }

  curl_multi_add_handle(ch->multi, easy);
  bool cancelled = false;
  int running = 1;
  while (true) {
    CURLMcode mc = curl_multi_perform(ch->multi, &running);
    if (mc != CURLM_OK || running == 0) break;
    if (cancel != nullptr && cancel->cancelled()) {
      cancelled = true;
      break;
    }
    curl_multi_poll(ch->multi, nullptr, 0, 50, nullptr);
  }
  CURLcode rc = CURLE_OK;
  bool done = false;
  int queued = 0;
  while (CURLMsg* msg = curl_multi_info_read(ch->multi, &queued)) {
    if (msg->msg == CURLMSG_DONE && msg->easy_handle == easy) {
      rc = msg->data.result;
      done = true;
    }
  }
  long status = 0;
  long request_size = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_size);
  curl_multi_remove_handle(ch->multi, easy);  // a half-done transfer's connection is closed here
  curl_slist_free_all(headers);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
  Release(std::move(ch));

  if (cancelled) return absl::CancelledError("Civo API call cancelled");
  if (!done) return MakeApiError(ApiError{0, "transport_error", "transfer did not complete", "", request_size > 0});
  if (rc != CURLE_OK) return TransportError(rc, request_size > 0, errbuf);

  HttpResponse resp;
  resp.status = static_cast<int>(status);
  resp.body = std::move(ex.body);
  resp.retry_after = ex.retry_after;
  return resp;
}

}  // namespace civoapi
