#include "tests/e2e/json.h"

#include <fstream>
#include <sstream>

#include "rapidjson/error/en.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace e2e {

Json Json::Parse(const std::string& text) {
  Json j;
  j.doc_->Parse(text.c_str(), text.size());
  if (j.doc_->HasParseError()) {
    j.error_ = std::string("JSON parse error: ") + rapidjson::GetParseError_En(j.doc_->GetParseError()) +
               " at offset " + std::to_string(j.doc_->GetErrorOffset()) + " in: " +
               text.substr(0, 300);
  }
  return j;
}

Json Json::ParseFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    Json j;
    j.error_ = "cannot read " + path;
    return j;
  }
  return Parse(ReadFile(path));
}

const rapidjson::Value* Get(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject()) return nullptr;
  auto it = v.FindMember(key);
  return it == v.MemberEnd() ? nullptr : &it->value;
}

std::string Str(const rapidjson::Value* v) {
  return v != nullptr && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : "";
}

std::string Str(const rapidjson::Value& v, const char* key) { return Str(Get(v, key)); }

double Num(const rapidjson::Value& v, const char* key, double fallback) {
  const auto* m = Get(v, key);
  return m != nullptr && m->IsNumber() ? m->GetDouble() : fallback;
}

bool Bool(const rapidjson::Value& v, const char* key) {
  const auto* m = Get(v, key);
  return m != nullptr && m->IsBool() && m->GetBool();
}

std::vector<std::string> StrList(const rapidjson::Value& v, const char* key) {
  std::vector<std::string> out;
  const auto* m = Get(v, key);
  if (m == nullptr || !m->IsArray()) return out;
  for (const auto& e : m->GetArray()) out.push_back(Str(&e));
  return out;
}

std::string Dump(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return buf.GetString();
}

std::string Quote(const std::string& s) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
  return buf.GetString();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace e2e
