#include "sim/json_io.h"

#include <sstream>

namespace civosim {
namespace {
const rapidjson::Value* Find(const rapidjson::Value& obj, const char* key) {
  if (!obj.IsObject()) return nullptr;
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}
}  // namespace

bool Has(const rapidjson::Value& obj, const char* key) {
  return obj.IsObject() && obj.FindMember(key) != obj.MemberEnd();
}

std::string GetStr(const rapidjson::Value& obj, const char* key) {
  const rapidjson::Value* v = Find(obj, key);
  if (v == nullptr) return "";
  if (v->IsString()) return std::string(v->GetString(), v->GetStringLength());
  if (v->IsInt64()) return std::to_string(v->GetInt64());
  if (v->IsBool()) return v->GetBool() ? "true" : "false";
  return "";
}

int64_t GetInt(const rapidjson::Value& obj, const char* key, int64_t def) {
  const rapidjson::Value* v = Find(obj, key);
  if (v == nullptr) return def;
  if (v->IsInt64()) return v->GetInt64();
  if (v->IsDouble()) return static_cast<int64_t>(v->GetDouble());
  if (v->IsString()) {
    try {
      return std::stoll(std::string(v->GetString(), v->GetStringLength()));
    } catch (...) {
      return def;
    }
  }
  return def;
}

double GetDouble(const rapidjson::Value& obj, const char* key, double def) {
  const rapidjson::Value* v = Find(obj, key);
  if (v == nullptr) return def;
  if (v->IsNumber()) return v->GetDouble();
  return def;
}

std::vector<std::string> GetStrList(const rapidjson::Value& obj, const char* key) {
  std::vector<std::string> out;
  const rapidjson::Value* v = Find(obj, key);
  if (v == nullptr) return out;
  if (v->IsArray()) {
    for (const auto& e : v->GetArray()) {
      if (e.IsString() && e.GetStringLength() > 0) out.emplace_back(e.GetString(), e.GetStringLength());
    }
  } else if (v->IsString()) {
    std::istringstream in(std::string(v->GetString(), v->GetStringLength()));
    std::string word;
    while (in >> word) out.push_back(word);
  }
  return out;
}

}  // namespace civosim
