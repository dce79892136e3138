#include "tfplugin/framework/private_state.h"

#include "rapidjson/document.h"
#include "rapidjson/stringbuffer.h"
#include "rapidjson/writer.h"

namespace tfplugin::fw {

namespace {

// The private state as an object (empty when absent or not an object).
rapidjson::Document Parse(const std::string& private_data) {
  rapidjson::Document d;
  if (!private_data.empty()) d.Parse(private_data.c_str(), private_data.size());
  if (private_data.empty() || d.HasParseError() || !d.IsObject()) d.SetObject();
  return d;
}

}  // namespace

bool PrivateFlag(const std::string& private_data, std::string_view key) {
  const rapidjson::Document d = Parse(private_data);
  auto it = d.FindMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  return it != d.MemberEnd() && it->value.IsBool() && it->value.GetBool();
}

std::string WithPrivateFlag(const std::string& private_data, std::string_view key, bool on) {
  rapidjson::Document d = Parse(private_data);
  d.RemoveMember(rapidjson::Value(rapidjson::StringRef(key.data(), key.size())));
  if (on) {
    rapidjson::Value name(key.data(), static_cast<rapidjson::SizeType>(key.size()),
                          d.GetAllocator());
    d.AddMember(name, true, d.GetAllocator());
  }
  if (d.MemberCount() == 0) return "";
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  d.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace tfplugin::fw
