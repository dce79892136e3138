#include "tfplugin/log.h"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

namespace tfplugin {
namespace {

// Process-wide logging configuration: set once at start-up (or by tests).
std::atomic<int> g_level{static_cast<int>(LogLevel::kOff)};
std::mutex g_sink_mu;
std::function<void(std::string_view)>* g_sink = nullptr;  // guarded by g_sink_mu

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace: return "trace";
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
    case LogLevel::kOff: return "off";
  }
  return "off";
}

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

// RFC 3339 with microseconds in UTC, as hclog's JSON timestamps.
std::string Timestamp(std::chrono::system_clock::time_point at) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(us / 1000000);
  long frac = static_cast<long>(us % 1000000);
  if (frac < 0) {
    frac += 1000000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

}  // namespace

LogField LogField::Sensitive(std::string key) {
  LogField f(std::move(key), std::string("(sensitive)"));
  f.sensitive = true;
  return f;
}

LogLevel ParseLogLevel(std::string_view name) {
  std::string upper;
  for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.empty() || upper == "OFF") return LogLevel::kOff;
  if (upper == "DEBUG") return LogLevel::kDebug;
  if (upper == "INFO") return LogLevel::kInfo;
  if (upper == "WARN") return LogLevel::kWarn;
  if (upper == "ERROR") return LogLevel::kError;
  return LogLevel::kTrace;  // TRACE, JSON, and unrecognised values (as Terraform does)
}

void InitLoggingFromEnvironment() {
  const char* v = std::getenv("TF_LOG_PROVIDER");
  if (v == nullptr || *v == '\0') v = std::getenv("TF_LOG");
  SetLogLevel(ParseLogLevel(v == nullptr ? "" : v));
}

void SetLogLevel(LogLevel level) { g_level.store(static_cast<int>(level)); }
LogLevel CurrentLogLevel() { return static_cast<LogLevel>(g_level.load()); }

bool LogEnabled(LogLevel level) {
  return level != LogLevel::kOff && static_cast<int>(level) >= g_level.load();
}

namespace {

std::string FormatLine(LogLevel level, std::string_view module, std::string_view message,
                       const LogField* begin, const LogField* end,
                       std::chrono::system_clock::time_point at) {
  std::string out = "{\"@level\":";
  AppendJsonString(out, LevelName(level));
  out += ",\"@message\":";
  AppendJsonString(out, message);
  out += ",\"@module\":";
  AppendJsonString(out, module);
  out += ",\"@timestamp\":";
  AppendJsonString(out, Timestamp(at));
  for (const LogField* it = begin; it != end; ++it) {
    const LogField& f = *it;
    if (f.key.empty() || f.key[0] == '@') continue;  // reserved keys stay hclog's
    out += ',';
    AppendJsonString(out, f.key);
    out += ':';
    if (f.sensitive) {
      AppendJsonString(out, "(sensitive)");
    } else if (const auto* s = std::get_if<std::string>(&f.value)) {
      AppendJsonString(out, *s);
    } else if (const auto* i = std::get_if<int64_t>(&f.value)) {
      out += std::to_string(*i);
    } else if (const auto* d = std::get_if<double>(&f.value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.17g", *d);
      out += buf;
    } else {
      out += std::get<bool>(f.value) ? "true" : "false";
    }
  }
  out += '}';
  return out;
}

void Write(std::string line) {
  std::lock_guard<std::mutex> lock(g_sink_mu);
  if (g_sink != nullptr) {
    (*g_sink)(line);
    return;
  }
  line += '\n';
  // One write per line so concurrent lines never interleave.
  size_t off = 0;
  while (off < line.size()) {
    ssize_t n = ::write(STDERR_FILENO, line.data() + off, line.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace

std::string FormatLogLine(LogLevel level, std::string_view module, std::string_view message,
                          std::initializer_list<LogField> fields,
                          std::chrono::system_clock::time_point at) {
  return FormatLine(level, module, message, fields.begin(), fields.end(), at);
}

void Log(LogLevel level, std::string_view module, std::string_view message,
         std::initializer_list<LogField> fields) {
  if (!LogEnabled(level)) return;
  Write(FormatLine(level, module, message, fields.begin(), fields.end(),
                   std::chrono::system_clock::now()));
}

void Log(LogLevel level, std::string_view module, std::string_view message,
         const std::vector<LogField>& fields) {
  if (!LogEnabled(level)) return;
  Write(FormatLine(level, module, message, fields.data(), fields.data() + fields.size(),
                   std::chrono::system_clock::now()));
}

void SetLogSinkForTesting(std::function<void(std::string_view)> sink) {
  std::lock_guard<std::mutex> lock(g_sink_mu);
  delete g_sink;
  g_sink = sink ? new std::function<void(std::string_view)>(std::move(sink)) : nullptr;
}

}  // namespace tfplugin
