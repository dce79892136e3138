#include "civoapi/errors.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace civoapi {
namespace {

// The structured error rides along the Status as a payload so callers can
// branch on the HTTP status or Civo code without parsing the message.
constexpr char kPayloadUrl[] = "type.civoapi/ApiError";

absl::StatusCode CodeFor(const ApiError& e) {
  switch (e.http_status) {
    case 0:
      if (e.code == "timeout" || e.code == "connect_timeout") return absl::StatusCode::kDeadlineExceeded;
      if (e.code == "cancelled") return absl::StatusCode::kCancelled;
      return absl::StatusCode::kUnavailable;
    case 400:
    case 422:
      return absl::StatusCode::kInvalidArgument;
    case 401:
      return absl::StatusCode::kUnauthenticated;
    case 403:
      return absl::StatusCode::kPermissionDenied;
    case 404:
      return absl::StatusCode::kNotFound;
    case 409:
      return absl::StatusCode::kFailedPrecondition;
    case 429:
      return absl::StatusCode::kResourceExhausted;
    case 500:
      return absl::StatusCode::kInternal;
    case 501:
      return absl::StatusCode::kUnimplemented;
    case 502:
    case 503:
    case 504:
      return absl::StatusCode::kUnavailable;
    default:
      if (e.http_status >= 200 && e.http_status < 300) return absl::StatusCode::kInternal;  // bad body
      if (e.http_status >= 500) return absl::StatusCode::kUnavailable;
      return absl::StatusCode::kInvalidArgument;
  }
}

std::string Encode(const ApiError& e) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("http_status");
  w.Int(e.http_status);
  w.Key("code");
  w.String(e.code.c_str(), static_cast<rapidjson::SizeType>(e.code.size()));
  w.Key("reason");
  w.String(e.reason.c_str(), static_cast<rapidjson::SizeType>(e.reason.size()));
  w.Key("details");
  w.String(e.details.c_str(), static_cast<rapidjson::SizeType>(e.details.size()));
  w.Key("ambiguous");
  w.Bool(e.ambiguous);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

std::string Str(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

absl::Status MakeApiError(const ApiError& e) {
  std::string msg;
  if (e.http_status == 0) {
    msg = absl::StrCat("Civo API request failed (", e.code.empty() ? "transport_error" : e.code, ")");
  } else {
    msg = absl::StrCat("Civo API error: HTTP ", e.http_status);
    if (!e.code.empty()) absl::StrAppend(&msg, " ", e.code);
  }
  if (!e.reason.empty()) absl::StrAppend(&msg, ": ", e.reason);
  if (!e.details.empty()) absl::StrAppend(&msg, " (", e.details, ")");
  if (e.ambiguous) absl::StrAppend(&msg, " [the request may have taken effect]");
  absl::Status s(CodeFor(e), msg);
  s.SetPayload(kPayloadUrl, absl::Cord(Encode(e)));
  return s;
}

std::optional<ApiError> GetApiError(const absl::Status& s) {
  auto payload = s.GetPayload(kPayloadUrl);  // absl::optional in this abseil build
  if (!payload) return std::nullopt;
  std::string text(*payload);
  rapidjson::Document d;
  d.Parse(text.c_str(), text.size());
  if (d.HasParseError() || !d.IsObject()) return std::nullopt;
  ApiError e;
  auto it = d.FindMember("http_status");
  if (it != d.MemberEnd() && it->value.IsInt()) e.http_status = it->value.GetInt();
  e.code = Str(d, "code");
  e.reason = Str(d, "reason");
  e.details = Str(d, "details");
  it = d.FindMember("ambiguous");
  e.ambiguous = it != d.MemberEnd() && it->value.IsBool() && it->value.GetBool();
  return e;
}

bool IsNotFound(const absl::Status& s) {
  if (s.ok()) return false;
  if (s.code() == absl::StatusCode::kNotFound) return true;
  std::optional<ApiError> e = GetApiError(s);
  if (!e) return false;
  return absl::EndsWith(e->code, "_find") || absl::EndsWith(e->code, "_not_found");
}

bool IsTransient(const absl::Status& s) {
  if (s.ok()) return false;
  std::optional<ApiError> e = GetApiError(s);
  if (!e) return s.code() == absl::StatusCode::kUnavailable;
  switch (e->http_status) {
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return true;
    case 0:
      return e->code == "connection_refused" || e->code == "connection_dropped" ||
             e->code == "timeout" || e->code == "connect_timeout";
    default:
      return false;
  }
}

bool IsCancelled(const absl::Status& s) { return s.code() == absl::StatusCode::kCancelled; }

}  // namespace civoapi
