// tfreport: flattens a tfdriver JSON report (-report FILE) into lines that a
// shell script can filter with awk, so the benchmark needs neither jq nor
// python:
//
//   step NAME duration_ms X
//   process NAME handshake_ms X connected_ms Y peak_rss_kb Z
//   rpc NAME RPC duration_ms X            (provider-level and per-resource RPCs)
//   summary errors E violations V ok TRUE|FALSE
//
// usage: tfreport REPORT.json
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "rapidjson/document.h"

namespace {

double Num(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return 0;
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsNumber()) return 0;
  return it->value.GetDouble();
}

std::string Str(const rapidjson::Value& object, const char* key) {
  if (!object.IsObject()) return "";
  auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return "";
  return it->value.GetString();
}

void PrintRpcs(const std::string& step, const rapidjson::Value& holder) {
  auto it = holder.FindMember("rpcs");
  if (it == holder.MemberEnd() || !it->value.IsArray()) return;
  for (const auto& rpc : it->value.GetArray()) {
    std::printf("rpc %s %s duration_ms %.3f\n", step.c_str(), Str(rpc, "rpc").c_str(),
                Num(rpc, "duration_ms"));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: tfreport REPORT.json\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "tfreport: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::stringstream text;
  text << in.rdbuf();
  rapidjson::Document doc;
  doc.Parse(text.str().c_str());
  if (doc.HasParseError() || !doc.IsObject()) {
    std::cerr << "tfreport: " << argv[1] << " is not a JSON object\n";
    return 1;
  }
  auto steps = doc.FindMember("steps");
  if (steps != doc.MemberEnd() && steps->value.IsArray()) {
    for (const auto& step : steps->value.GetArray()) {
      const std::string name = Str(step, "step");
      std::printf("step %s duration_ms %.3f\n", name.c_str(), Num(step, "duration_ms"));
      auto proc = step.FindMember("provider_process");
      if (proc != step.MemberEnd() && proc->value.IsObject()) {
        std::printf("process %s handshake_ms %.3f connected_ms %.3f peak_rss_kb %.0f\n", name.c_str(),
                    Num(proc->value, "handshake_ms"), Num(proc->value, "connected_ms"),
                    Num(proc->value, "peak_rss_kb"));
      }
      PrintRpcs(name, step);
      auto resources = step.FindMember("resources");
      if (resources != step.MemberEnd() && resources->value.IsObject()) {
        for (const auto& r : resources->value.GetObject()) PrintRpcs(name, r.value);
      }
    }
  }
  auto summary = doc.FindMember("summary");
  if (summary != doc.MemberEnd() && summary->value.IsObject()) {
    auto ok = summary->value.FindMember("ok");
    std::printf("summary errors %.0f violations %.0f ok %s\n", Num(summary->value, "errors"),
                Num(summary->value, "violations"),
                (ok != summary->value.MemberEnd() && ok->value.IsBool() && ok->value.GetBool()) ? "true"
                                                                                                 : "false");
  }
  return 0;
}
