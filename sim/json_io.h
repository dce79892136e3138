// Small JSON helpers for the simulator: a writer with named-field shortcuts
// and tolerant readers of request bodies.
#ifndef SIM_JSON_IO_H_
#define SIM_JSON_IO_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace civosim {

class JsonOut {
 public:
  JsonOut& Begin() { w_.StartObject(); return *this; }
  JsonOut& End() { w_.EndObject(); return *this; }
  JsonOut& BeginArray() { w_.StartArray(); return *this; }
  JsonOut& EndArray() { w_.EndArray(); return *this; }
  JsonOut& Key(const char* k) { w_.Key(k); return *this; }
  JsonOut& Str(const std::string& v) {
    w_.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    return *this;
  }
  JsonOut& Int(int64_t v) { w_.Int64(v); return *this; }
  JsonOut& Double(double v) { w_.Double(v); return *this; }
  JsonOut& Bool(bool v) { w_.Bool(v); return *this; }
  JsonOut& Null() { w_.Null(); return *this; }
  JsonOut& FStr(const char* k, const std::string& v) { return Key(k).Str(v); }
  // Civo sends null for values it does not have yet (IPs while BUILDING).
  JsonOut& FStrOrNull(const char* k, const std::string& v) { return v.empty() ? Key(k).Null() : Key(k).Str(v); }
  JsonOut& FInt(const char* k, int64_t v) { return Key(k).Int(v); }
  JsonOut& FBool(const char* k, bool v) { return Key(k).Bool(v); }
  JsonOut& FStrList(const char* k, const std::vector<std::string>& v) {
    Key(k).BeginArray();
    for (const auto& s : v) Str(s);
    return EndArray();
  }
  // Splices already-serialised JSON in as a value.
  JsonOut& Raw(const std::string& json) {
    w_.RawValue(json.c_str(), json.size(), rapidjson::kObjectType);
    return *this;
  }
  std::string str() const { return std::string(buf_.GetString(), buf_.GetSize()); }

 private:
  rapidjson::StringBuffer buf_;
  rapidjson::Writer<rapidjson::StringBuffer> w_{buf_};
};

// Readers: absent, null or mistyped fields read as empty / 0 / `def`.
bool Has(const rapidjson::Value& obj, const char* key);
std::string GetStr(const rapidjson::Value& obj, const char* key);
int64_t GetInt(const rapidjson::Value& obj, const char* key, int64_t def = 0);
double GetDouble(const rapidjson::Value& obj, const char* key, double def = 0);
// A JSON array of strings, or a string split on spaces (Civo's tag form).
std::vector<std::string> GetStrList(const rapidjson::Value& obj, const char* key);

}  // namespace civosim

#endif  // SIM_JSON_IO_H_
