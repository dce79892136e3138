// The request core of CivoClient: URL building, retries, error decoding,
// logging. The per-endpoint calls live in civo_client_calls.cc.
#include "civoapi/civo_client.h"

#include <curl/curl.h>

#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "civoapi/curl_loader.h"
#include "civoapi/errors.h"
#include "civoapi/json_fields.h"
#include "rapidjson/error/en.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

#ifndef CIVO_PROVIDER_VERSION
#define CIVO_PROVIDER_VERSION "0.1.0"
#endif

namespace civoapi {
namespace {

std::string PercentEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string Snippet(const std::string& body) {
  std::string s = body.substr(0, 200);
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return s;
}

std::string UserAgent(const std::string& configured) {
  if (configured.find('/') != std::string::npos) return configured;
  return absl::StrCat(configured.empty() ? "terraform-provider-civo" : configured, "/", CIVO_PROVIDER_VERSION);
}

bool SleepOrCancel(const std::shared_ptr<const CancelToken>& cancel, std::chrono::milliseconds d) {
  if (cancel != nullptr) return cancel->SleepFor(d);
  std::this_thread::sleep_for(d);
  return true;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> Client::Create(ClientOptions options) {
  if (absl::Status loaded = LoadCurl(); !loaded.ok()) return loaded;
  if (options.token.empty()) return absl::InvalidArgumentError("Civo API token is empty");
  if (!absl::StartsWith(options.api_url, "http://") && !absl::StartsWith(options.api_url, "https://")) {
    return absl::InvalidArgumentError(
        absl::StrCat("Civo API URL must start with http:// or https://, got \"", options.api_url, "\""));
  }
  if (options.page_size <= 0) options.page_size = 100;
  if (options.read_list_page_size <= 0) options.read_list_page_size = 5000;
  return std::unique_ptr<Client>(new CivoClient(std::move(options)));
}

CivoClient::CivoClient(ClientOptions options)
    : options_(std::move(options)),
      base_url_(absl::StripSuffix(options_.api_url, "/")),
      backoff_{options_.initial_backoff, options_.max_backoff},
      http_(TransportOptions{UserAgent(options_.user_agent), "bearer " + options_.token,
                             options_.connect_timeout, options_.request_timeout, 32}),
      reads_(InstanceReads::Fetchers{
                 [this](const std::string& id, const CallOptions& o) { return GetOneInstance(id, o); },
                 [this](int page, const std::set<std::string>& wanted, const CallOptions& o) {
                   return ListInstancesPage(page, wanted, o);
                 }},
             [this](const std::string& line) { Log(line); }) {}

std::string CivoClient::RegionFor(const CallOptions& opts) const {
  return opts.region.empty() ? options_.region : opts.region;
}

std::string CivoClient::Scrub(std::string text) const {
  if (options_.token.size() >= 4) absl::StrReplaceAll({{options_.token, "<redacted>"}}, &text);
  return text;
}

void CivoClient::Log(const std::string& line) const {
  if (options_.debug_log) options_.debug_log(Scrub(line));
}

double CivoClient::Random() {
  std::lock_guard<std::mutex> lock(rng_mu_);
  return absl::Uniform<double>(rng_, 0.0, 1.0);
}

std::string CivoClient::Body(std::vector<std::pair<std::string, std::string>> fields, const CallOptions& opts) const {
  std::string region = RegionFor(opts);
  if (!region.empty()) fields.emplace_back("region", region);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  for (const auto& [k, v] : fields) {
    w.Key(k.c_str(), static_cast<rapidjson::SizeType>(k.size()));
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  }
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

absl::Status CivoClient::Decode(int http_status, const std::string& body, bool may_have_acted) const {
  ApiError e;
  e.http_status = http_status;
  // 500, 502 and 504 say the server (or a proxy) failed while or after
  // handling the request: it may have been carried out. 429 and 503 are
  // refusals before any work.
  e.ambiguous = http_status == 500 || http_status == 502 || http_status == 504 ||
                (http_status >= 200 && http_status < 300 && may_have_acted);
  rapidjson::Document d;
  d.Parse(body.c_str(), body.size());
  if (d.HasParseError() || !d.IsObject()) {
    e.code = "non_json_response";
    e.reason = Scrub(body.empty() ? "empty response body" : "response is not JSON: " + Snippet(body));
    return MakeApiError(e);
  }
  e.code = json::String(d, "code");
  e.reason = Scrub(json::String(d, "reason"));
  if (e.reason.empty()) e.reason = Scrub(json::String(d, "message"));
  e.details = Scrub(json::String(d, "details"));
  if (e.code.empty() && json::String(d, "result") == "requires_authentication") e.code = "authentication_failed";
  return MakeApiError(e);
}

absl::StatusOr<rapidjson::Document> CivoClient::Call(const std::string& method, const std::string& path,
                                                     Query query, const std::string& body,
                                                     const CallOptions& opts, RetryMode mode) {
  absl::StatusOr<std::string> text = CallForBody(method, path, std::move(query), body, opts, mode);
  if (!text.ok()) return text.status();
  rapidjson::Document d;
  if (absl::StripAsciiWhitespace(*text).empty()) return d;  // Null
  d.Parse(text->c_str(), text->size());
  if (!d.HasParseError()) return d;
  return Decode(200, *text, method != "GET");
}

absl::StatusOr<std::string> CivoClient::CallForBody(const std::string& method, const std::string& path,
                                                    Query query, const std::string& body,
                                                    const CallOptions& opts, RetryMode mode) {
  std::string region = RegionFor(opts);
  if (!region.empty()) query.emplace_back("region", region);
  std::string target = path;
  for (size_t i = 0; i < query.size(); ++i) {
    absl::StrAppend(&target, i == 0 ? "?" : "&", PercentEncode(query[i].first), "=",
                    PercentEncode(query[i].second));
  }
  HttpRequest req{method, base_url_ + target, body};
  req.fresh_connection = mode == RetryMode::kOnlyIfNothingDone;
  // A 2xx whose body cannot be read still means a change may have been made.
  const bool mutates = method != "GET";
  // What the log says of the request: the path and region, never the body
  // (user_data) nor other query values.
  const std::string shown = absl::StrCat(method, " ", path, region.empty() ? "" : " region=", region);

  for (int attempt = 0;; ++attempt) {
    if (!pacer_.WaitTurn(opts.cancel.get(), opts.deadline)) {
      if (opts.cancel != nullptr && opts.cancel->cancelled()) return absl::CancelledError("Civo API call cancelled");
      return MakeApiError(ApiError{0, "timeout", "the deadline comes before the rate limit allows the request", "",
                                   false});
    }
    auto start = std::chrono::steady_clock::now();
    absl::StatusOr<HttpResponse> resp = http_.Perform(req, opts.deadline, opts.cancel.get());
    if (resp.ok()) {
      if (resp->status == 429) pacer_.OnRateLimited(resp->retry_after);
      else pacer_.OnAccepted();
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    std::optional<std::chrono::seconds> retry_after;
    absl::Status err;
    if (resp.ok()) {
      Log(absl::StrCat("civoapi: ", shown, " -> ", resp->status, " (", ms.count(), " ms, attempt ", attempt + 1,
                       ")"));
      if (resp->status >= 200 && resp->status < 300) {
        // What a poll costs in time, for the schedules of waits (poll_schedule.h).
        if (!mutates) dwell_.RecordRoundTrip(ms);
        return std::move(resp->body);
      }
      retry_after = resp->retry_after;
      err = Decode(resp->status, resp->body, mutates);
    } else {
      err = resp.status();
      Log(absl::StrCat("civoapi: ", shown, " -> error ", err.message(), " (", ms.count(), " ms, attempt ",
                       attempt + 1, ")"));
    }
    if (civoapi::IsCancelled(err)) return err;
    std::optional<ApiError> api = GetApiError(err);
    bool retry = civoapi::IsTransient(err);
    if (mode == RetryMode::kOnlyIfNothingDone && api.has_value() && api->ambiguous) retry = false;
    if (!retry) return err;
    std::chrono::milliseconds delay = BackoffDelay(backoff_, attempt, retry_after, Random());
    if (std::chrono::steady_clock::now() + delay >= opts.deadline) {
      Log(absl::StrCat("civoapi: ", shown, ": not retried, the deadline is too close"));
      return err;
    }
    if (options_.debug_log) {
      std::string reason = !api.has_value()        ? absl::StatusCodeToString(err.code())
                           : api->http_status == 0 ? api->code
                                                   : absl::StrCat("HTTP ", api->http_status, " ", api->code);
      Log(absl::StrCat("civoapi: ", shown, ": retrying in ", delay.count(), " ms (", reason, ")"));
    }
    if (!SleepOrCancel(opts.cancel, delay)) return absl::CancelledError("Civo API call cancelled");
  }
}

template <typename T>
absl::StatusOr<std::vector<T>> CivoClient::ListBare(const std::string& path, const CallOptions& opts,
                                                    T (*parse)(const rapidjson::Value&)) {
  absl::StatusOr<rapidjson::Document> d = Call("GET", path, {}, "", opts, RetryMode::kAllTransient);
  if (!d.ok()) return d.status();
  std::vector<T> out;
  const rapidjson::Value* items = d->IsArray() ? &*d : json::Array(*d, "items");
  if (items == nullptr) {
    if (d->IsNull()) return out;
    return MakeApiError(ApiError{200, "unexpected_response", "expected a JSON array from " + path, "", false});
  }
  for (const auto& v : items->GetArray()) out.push_back(parse(v));
  return out;
}

template <typename T>
absl::StatusOr<std::vector<T>> CivoClient::ListPaged(const std::string& path, Query extra, const CallOptions& opts,
                                                     T (*parse)(const rapidjson::Value&)) {
  std::vector<T> out;
  // The page cap guards against a server that keeps announcing more pages.
  for (int64_t page = 1, pages = 1; page <= pages && page <= 100'000; ++page) {
    Query q = extra;
    q.emplace_back("page", std::to_string(page));
    q.emplace_back("per_page", std::to_string(options_.page_size));
    absl::StatusOr<rapidjson::Document> d = Call("GET", path, q, "", opts, RetryMode::kAllTransient);
    if (!d.ok()) return d.status();
    if (d->IsArray()) {  // an unpaginated answer
      for (const auto& v : d->GetArray()) out.push_back(parse(v));
      break;
    }
    const rapidjson::Value* items = json::Array(*d, "items");
    if (items == nullptr) {
      return MakeApiError(ApiError{200, "unexpected_response", "expected a paginated list from " + path, "", false});
    }
    for (const auto& v : items->GetArray()) out.push_back(parse(v));
    pages = json::Int(*d, "pages");
    if (items->Empty()) break;
  }
  return out;
}

template absl::StatusOr<std::vector<Instance>> CivoClient::ListPaged<Instance>(
    const std::string&, Query, const CallOptions&, Instance (*)(const rapidjson::Value&));
template absl::StatusOr<std::vector<ReservedIp>> CivoClient::ListPaged<ReservedIp>(
    const std::string&, Query, const CallOptions&, ReservedIp (*)(const rapidjson::Value&));
template absl::StatusOr<std::vector<Size>> CivoClient::ListBare<Size>(const std::string&, const CallOptions&,
                                                                      Size (*)(const rapidjson::Value&));
template absl::StatusOr<std::vector<DiskImage>> CivoClient::ListBare<DiskImage>(
    const std::string&, const CallOptions&, DiskImage (*)(const rapidjson::Value&));
template absl::StatusOr<std::vector<Region>> CivoClient::ListBare<Region>(const std::string&, const CallOptions&,
                                                                          Region (*)(const rapidjson::Value&));
template absl::StatusOr<std::vector<Network>> CivoClient::ListBare<Network>(const std::string&, const CallOptions&,
                                                                            Network (*)(const rapidjson::Value&));
template absl::StatusOr<std::vector<Firewall>> CivoClient::ListBare<Firewall>(
    const std::string&, const CallOptions&, Firewall (*)(const rapidjson::Value&));
template absl::StatusOr<std::vector<SshKey>> CivoClient::ListBare<SshKey>(const std::string&, const CallOptions&,
                                                                          SshKey (*)(const rapidjson::Value&));
template absl::StatusOr<std::vector<Volume>> CivoClient::ListBare<Volume>(const std::string&, const CallOptions&,
                                                                          Volume (*)(const rapidjson::Value&));

}  // namespace civoapi
