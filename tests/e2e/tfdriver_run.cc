#include "tests/e2e/tfdriver_run.h"

#include <stdlib.h>

#include <filesystem>
#include <sstream>

namespace e2e {

namespace {

std::vector<Diagnostic> CollectDiagnostics(const Json& report) {
  std::vector<Diagnostic> out;
  if (!report.ok()) return out;
  const auto* steps = Get(report.root(), "steps");
  if (steps == nullptr || !steps->IsArray()) return out;
  auto add = [&out](const std::string& step, const std::string& resource,
                    const rapidjson::Value* list) {
    if (list == nullptr || !list->IsArray()) return;
    for (const auto& d : list->GetArray()) {
      Diagnostic diag;
      diag.step = step;
      diag.resource = Str(d, "resource").empty() ? resource : Str(d, "resource");
      diag.severity = Str(d, "severity");
      diag.summary = Str(d, "summary");
      diag.detail = Str(d, "detail");
      diag.attribute = Str(d, "attribute");
      diag.rpc = Str(d, "rpc");
      diag.origin = Str(d, "origin");
      out.push_back(std::move(diag));
    }
  };
  for (const auto& step : steps->GetArray()) {
    std::string name = Str(step, "step");
    add(name, "", Get(step, "diagnostics"));
    const auto* resources = Get(step, "resources");
    if (resources == nullptr || !resources->IsObject()) continue;
    for (const auto& r : resources->GetObject()) {
      add(name, r.name.GetString(), Get(r.value, "diagnostics"));
    }
  }
  return out;
}

std::string CollectViolations(const Json& report) {
  std::string out;
  if (!report.ok()) return out;
  const auto* steps = Get(report.root(), "steps");
  if (steps == nullptr || !steps->IsArray()) return out;
  auto add = [&out](const std::string& step, const rapidjson::Value* list) {
    if (list == nullptr || !list->IsArray()) return;
    for (const auto& v : list->GetArray()) {
      out += "  [" + step + "] VIOLATION " + Str(v, "summary") + " (" + Str(v, "resource") + " " +
             Str(v, "rpc") + " " + Str(v, "path") + "): " + Str(v, "detail") + "\n";
    }
  };
  for (const auto& step : steps->GetArray()) {
    std::string name = Str(step, "step");
    add(name, Get(step, "violations"));
    const auto* resources = Get(step, "resources");
    if (resources == nullptr || !resources->IsObject()) continue;
    for (const auto& r : resources->GetObject()) add(name, Get(r.value, "violations"));
  }
  return out;
}

const rapidjson::Value* LastStep(const Json& report, const std::string& name) {
  if (!report.ok()) return nullptr;
  const auto* steps = Get(report.root(), "steps");
  if (steps == nullptr || !steps->IsArray()) return nullptr;
  const rapidjson::Value* found = nullptr;
  for (const auto& step : steps->GetArray()) {
    if (Str(step, "step") == name) found = &step;
  }
  return found;
}

int SummaryInt(const Json& report, const char* key) {
  if (!report.ok()) return -1;
  const auto* s = Get(report.root(), "summary");
  return s == nullptr ? -1 : static_cast<int>(Num(*s, key, -1));
}

}  // namespace

TempDir::TempDir(const std::string& prefix) {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/" + prefix +
                      "XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) != nullptr) path_ = buf.data();
}

TempDir::~TempDir() {
  if (path_.empty() || keep_) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string Diagnostic::ToString() const {
  return "[" + step + "] " + severity + " " + resource + " attr=" + attribute + " rpc=" + rpc +
         " (" + origin + "): " + summary + (detail.empty() ? "" : " -- " + detail);
}

int TfResult::errors() const { return SummaryInt(report, "errors"); }
int TfResult::violations() const { return SummaryInt(report, "violations"); }
int TfResult::warnings() const { return SummaryInt(report, "warnings"); }

const rapidjson::Value* TfResult::ResourceEntry(const std::string& addr,
                                                const std::string& step) const {
  const auto* s = LastStep(report, step);
  if (s == nullptr) return nullptr;
  const auto* resources = Get(*s, "resources");
  if (resources == nullptr) return nullptr;
  return Get(*resources, addr.c_str());
}

std::string TfResult::Action(const std::string& addr, const std::string& step) const {
  const auto* r = ResourceEntry(addr, step);
  return r == nullptr ? "" : Str(*r, "action");
}

std::vector<std::string> TfResult::RequiresReplace(const std::string& addr,
                                                   const std::string& step) const {
  const auto* r = ResourceEntry(addr, step);
  return r == nullptr ? std::vector<std::string>{} : StrList(*r, "requires_replace");
}

std::vector<std::string> TfResult::ChangedAttributes(const std::string& addr,
                                                     const std::string& step) const {
  const auto* r = ResourceEntry(addr, step);
  return r == nullptr ? std::vector<std::string>{} : StrList(*r, "changed_attributes");
}

std::vector<Diagnostic> TfResult::Diagnostics() const { return CollectDiagnostics(report); }

std::vector<Diagnostic> TfResult::Errors() const {
  std::vector<Diagnostic> out;
  for (auto& d : Diagnostics()) {
    if (d.severity == "error") out.push_back(d);
  }
  return out;
}

std::vector<Diagnostic> TfResult::Warnings() const {
  std::vector<Diagnostic> out;
  for (auto& d : Diagnostics()) {
    if (d.severity != "error") out.push_back(d);
  }
  return out;
}

const rapidjson::Value* TfResult::ProviderProcess(const std::string& step) const {
  const auto* s = LastStep(report, step);
  return s == nullptr ? nullptr : Get(*s, "provider_process");
}

std::string TfResult::Describe() const {
  std::string out = "tfdriver exit " + std::to_string(exit_code) + " after " +
                    std::to_string(seconds) + "s";
  if (!report.ok()) {
    out += "; no report (" + report.error() + ")";
  } else if (const auto* s = Get(report.root(), "summary")) {
    out += "; summary " + Dump(*s);
  }
  out += "\n";
  for (const auto& d : Diagnostics()) out += "  " + d.ToString() + "\n";
  out += CollectViolations(report);
  std::string tail = output.size() > 4000 ? "..." + output.substr(output.size() - 4000) : output;
  out += "---- tfdriver output ----\n" + tail;
  return out;
}

Workspace::Workspace(std::string provider_block) : provider_block_(std::move(provider_block)) {}

void Workspace::SetResources(const std::map<std::string, std::string>& resources) {
  std::string text = "{\n  \"provider\": " + provider_block_ + ",\n  \"resources\": {";
  bool first = true;
  for (const auto& [addr, entry] : resources) {
    text += first ? "\n" : ",\n";
    first = false;
    text += "    " + Quote(addr) + ": " + entry;
  }
  text += "\n  }\n}\n";
  SetConfigText(text);
}

void Workspace::SetConfigText(const std::string& text) {
  WriteFile(dir_.file("config.json"), text);
}

std::optional<Process> Workspace::Start(const std::string& command,
                                        const std::vector<std::string>& args,
                                        const std::vector<std::string>& extra_flags,
                                        std::string* report_path, std::string* output_path) {
  ++runs_;
  std::string n = std::to_string(runs_);
  *report_path = dir_.file("report-" + n + "-" + command + ".json");
  *output_path = dir_.file("tfdriver-" + n + "-" + command + ".out");
  std::vector<std::string> argv = {TfdriverBinary(), "-provider", ProviderBinary(), "-dir",
                                   dir_.path(),      "-report",   *report_path};
  // Debug logging on, so the "token never logged" check sees the most.
  argv.push_back("-env");
  argv.push_back("TF_LOG_PROVIDER=DEBUG");
  for (const auto& f : extra_flags) argv.push_back(f);
  argv.push_back(command);
  for (const auto& a : args) argv.push_back(a);
  std::string error;
  auto p = Process::Start(argv, *output_path, *output_path, {}, &error);
  if (!p) WriteFile(*output_path, error);
  return p;
}

TfResult Workspace::Collect(Process& p, const std::string& report_path,
                            const std::string& output_path, std::chrono::seconds timeout,
                            std::chrono::steady_clock::time_point started) {
  TfResult r;
  auto code = p.Wait(timeout);
  if (!code) {
    p.Kill();
    r.exit_code = -1;
  } else {
    r.exit_code = *code;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  r.report = Json::ParseFile(report_path);
  r.output = ReadFile(output_path);
  return r;
}

TfResult Workspace::Run(const std::string& command, const std::vector<std::string>& args,
                        const std::vector<std::string>& extra_flags, std::chrono::seconds timeout) {
  std::string report_path, output_path;
  auto started = std::chrono::steady_clock::now();
  auto p = Start(command, args, extra_flags, &report_path, &output_path);
  if (!p) {
    TfResult r;
    r.output = ReadFile(output_path);
    return r;
  }
  return Collect(*p, report_path, output_path, timeout, started);
}

Json Workspace::State() const { return Json::ParseFile(dir_.file("state.json")); }

std::vector<StateObject> StateObjects(const Json& state, const std::string& addr) {
  std::vector<StateObject> out;
  if (!state.ok()) return out;
  auto dot = addr.find('.');
  std::string type = addr.substr(0, dot), name = addr.substr(dot + 1);
  const auto* resources = Get(state.root(), "resources");
  if (resources == nullptr || !resources->IsArray()) return out;
  for (const auto& r : resources->GetArray()) {
    if (Str(r, "mode") != "managed" || Str(r, "type") != type || Str(r, "name") != name) continue;
    const auto* instances = Get(r, "instances");
    if (instances == nullptr || !instances->IsArray()) continue;
    for (const auto& i : instances->GetArray()) {
      StateObject o;
      o.attributes = Get(i, "attributes");
      o.status = Str(i, "status");
      o.deposed = Str(i, "deposed");
      out.push_back(o);
    }
  }
  return out;
}

std::optional<StateObject> CurrentObject(const Json& state, const std::string& addr) {
  for (const auto& o : StateObjects(state, addr)) {
    if (o.deposed.empty()) return o;
  }
  return std::nullopt;
}

std::string Subst(std::string text, const std::map<std::string, std::string>& vars) {
  for (const auto& [key, value] : vars) {
    std::string pattern = "${" + key + "}";
    for (size_t pos = text.find(pattern); pos != std::string::npos;
         pos = text.find(pattern, pos + value.size())) {
      text.replace(pos, pattern.size(), value);
    }
  }
  return text;
}

}  // namespace e2e
