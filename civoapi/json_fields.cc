#include "civoapi/json_fields.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"

namespace civoapi::json {
namespace {

const rapidjson::Value* Member(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

}  // namespace

std::string String(const rapidjson::Value& obj, const char* key) {
  const rapidjson::Value* v = Member(obj, key);
  if (v == nullptr) return "";
  if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsUint64()) return std::to_string(v->GetUint64());
  if (v->IsBool()) return v->GetBool() ? "true" : "false";
  return "";
}

int64_t Int(const rapidjson::Value& obj, const char* key) {
  const rapidjson::Value* v = Member(obj, key);
  if (v == nullptr) return 0;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsUint64()) return static_cast<int64_t>(v->GetUint64());
  if (v->IsDouble()) return static_cast<int64_t>(std::llround(v->GetDouble()));
  if (v->IsString()) {
    int64_t out = 0;
    if (absl::SimpleAtoi(std::string(v->GetString(), v->GetStringLength()), &out)) return out;
  }
  return 0;
}

bool Bool(const rapidjson::Value& obj, const char* key) {
  const rapidjson::Value* v = Member(obj, key);
  if (v == nullptr) return false;
  if (v->IsBool()) return v->GetBool();
  if (v->IsInt64()) return v->GetInt64() != 0;
  if (v->IsString()) {
    std::string s = absl::AsciiStrToLower(std::string(v->GetString(), v->GetStringLength()));
    return s == "true" || s == "1" || s == "yes";
  }
  return false;
}

std::vector<std::string> StringList(const rapidjson::Value& obj, const char* key) {
  std::vector<std::string> out;
  const rapidjson::Value* v = Member(obj, key);
  if (v == nullptr) return out;
  if (v->IsArray()) {
    for (const auto& e : v->GetArray()) {
      if (e.IsString() && e.GetStringLength() > 0) out.emplace_back(e.GetString(), e.GetStringLength());
    }
  } else if (v->IsString()) {
    for (absl::string_view part :
         absl::StrSplit(absl::string_view(v->GetString(), v->GetStringLength()),
                        absl::ByAnyChar(" ,\t\n"), absl::SkipEmpty())) {
      out.emplace_back(part);
    }
  }
  return out;
}

const rapidjson::Value* Object(const rapidjson::Value& obj, const char* key) {
  const rapidjson::Value* v = Member(obj, key);
  return (v != nullptr && v->IsObject()) ? v : nullptr;
}

const rapidjson::Value* Array(const rapidjson::Value& obj, const char* key) {
  const rapidjson::Value* v = Member(obj, key);
  return (v != nullptr && v->IsArray()) ? v : nullptr;
}

}  // namespace civoapi::json
