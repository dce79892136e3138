#include "tools/demo/sim_log.h"

#include <curl/curl.h>

#include "absl/strings/str_cat.h"
#include "rapidjson/document.h"

namespace demo {
namespace {

size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

absl::StatusOr<std::string> HttpGet(const std::string& url) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return absl::InternalError("curl_easy_init failed");
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return absl::UnavailableError(absl::StrCat("GET ", url, ": ", curl_easy_strerror(rc)));
  if (status != 200) return absl::UnavailableError(absl::StrCat("GET ", url, ": HTTP ", status));
  return body;
}

}  // namespace

absl::StatusOr<std::vector<LoggedCall>> SimLog::Fetch() const {
  if (url_.empty()) return std::vector<LoggedCall>{};
  absl::StatusOr<std::string> body = HttpGet(url_);
  if (!body.ok()) return body.status();
  rapidjson::Document doc;
  doc.Parse(body->c_str(), body->size());
  if (doc.HasParseError() || !doc.IsArray()) return absl::DataLossError("the simulator log is not a JSON array");
  std::vector<LoggedCall> calls;
  for (const auto& e : doc.GetArray()) {
    if (!e.IsObject()) continue;
    LoggedCall c;
    if (e.HasMember("method") && e["method"].IsString()) c.method = e["method"].GetString();
    if (e.HasMember("path") && e["path"].IsString()) c.path = e["path"].GetString();
    if (e.HasMember("status") && e["status"].IsInt()) c.status = e["status"].GetInt();
    if (c.path.rfind("/_sim", 0) == 0) continue;
    calls.push_back(std::move(c));
  }
  return calls;
}

std::vector<std::string> Summarize(const std::vector<LoggedCall>& calls) {
  std::vector<std::string> lines;
  std::string last;
  int repeats = 0;
  auto flush = [&] {
    if (repeats == 0) return;
    lines.push_back(repeats > 1 ? absl::StrCat(last, "  (x", repeats, ")") : last);
  };
  for (const LoggedCall& c : calls) {
    std::string line = absl::StrCat(c.method, " ", c.path, " -> ", c.status);
    if (line == last) {
      ++repeats;
      continue;
    }
    flush();
    last = std::move(line);
    repeats = 1;
  }
  flush();
  return lines;
}

}  // namespace demo
