// Provider logging: hclog-style JSON lines on stderr, which Terraform's
// go-plugin client parses and re-emits under TF_LOG. The level comes from
// TF_LOG_PROVIDER, else TF_LOG (TRACE/DEBUG/INFO/WARN/ERROR/OFF; JSON and any
// other non-empty value mean TRACE, as in Terraform); unset means off.
//
// Never pass request values, credentials or other secrets as fields; use
// LogField::Sensitive for a value that must be acknowledged but not shown.
#ifndef TFPLUGIN_LOG_H_
#define TFPLUGIN_LOG_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tfplugin {

enum class LogLevel { kTrace = 0, kDebug, kInfo, kWarn, kError, kOff };

// One extra key/value of a log line.
struct LogField {
  LogField(std::string k, std::string v) : key(std::move(k)), value(std::move(v)) {}
  LogField(std::string k, const char* v) : key(std::move(k)), value(std::string(v)) {}
  LogField(std::string k, std::string_view v) : key(std::move(k)), value(std::string(v)) {}
  LogField(std::string k, int64_t v) : key(std::move(k)), value(v) {}
  LogField(std::string k, int v) : key(std::move(k)), value(int64_t{v}) {}
  LogField(std::string k, double v) : key(std::move(k)), value(v) {}
  LogField(std::string k, bool v) : key(std::move(k)), value(v) {}
  // A field whose value is never written: the line says "(sensitive)".
  static LogField Sensitive(std::string key);

  std::string key;
  std::variant<std::string, int64_t, double, bool> value;
  bool sensitive = false;
};

// Parses a TF_LOG-style level name (case-insensitive).
LogLevel ParseLogLevel(std::string_view name);
// Sets the level from TF_LOG_PROVIDER / TF_LOG. Called once by Serve().
void InitLoggingFromEnvironment();
void SetLogLevel(LogLevel level);
LogLevel CurrentLogLevel();
bool LogEnabled(LogLevel level);

// Writes one line to stderr (or the test sink) when `level` is enabled.
// `module` is the hclog sub-logger name, e.g. "tfplugin" or "civo".
void Log(LogLevel level, std::string_view module, std::string_view message,
         std::initializer_list<LogField> fields = {});
// The same with fields assembled at run time.
void Log(LogLevel level, std::string_view module, std::string_view message,
         const std::vector<LogField>& fields);

// One hclog JSON line (without the trailing newline). Exposed for tests.
std::string FormatLogLine(LogLevel level, std::string_view module, std::string_view message,
                          std::initializer_list<LogField> fields,
                          std::chrono::system_clock::time_point at);

// Redirects log lines (each without newline) to `sink` instead of stderr;
// an empty function restores stderr. For tests.
void SetLogSinkForTesting(std::function<void(std::string_view)> sink);

}  // namespace tfplugin

#endif  // TFPLUGIN_LOG_H_
