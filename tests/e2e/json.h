// Small RapidJSON helpers for reading tfdriver reports, state files and the
// simulator's answers in the end-to-end tests.
#ifndef TESTS_E2E_JSON_H_
#define TESTS_E2E_JSON_H_

#include <memory>
#include <string>
#include <vector>

#include "rapidjson/document.h"

namespace e2e {

// A parsed JSON document that owns its storage; `ok()` is false when the
// text did not parse (then `error()` says why).
class Json {
 public:
  static Json Parse(const std::string& text);
  static Json ParseFile(const std::string& path);

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  const rapidjson::Value& root() const { return *doc_; }

 private:
  std::shared_ptr<rapidjson::Document> doc_ = std::make_shared<rapidjson::Document>();
  std::string error_;
};

// Member lookups that tolerate absence or a wrong type (nullptr / "" / 0).
const rapidjson::Value* Get(const rapidjson::Value& v, const char* key);
std::string Str(const rapidjson::Value& v, const char* key);
std::string Str(const rapidjson::Value* v);
double Num(const rapidjson::Value& v, const char* key, double fallback = 0);
bool Bool(const rapidjson::Value& v, const char* key);
std::vector<std::string> StrList(const rapidjson::Value& v, const char* key);
// Compact JSON text of a value (for failure messages).
std::string Dump(const rapidjson::Value& v);
// A JSON string literal (with quotes) for building request bodies.
std::string Quote(const std::string& s);

std::string ReadFile(const std::string& path);
bool WriteFile(const std::string& path, const std::string& text);

}  // namespace e2e

#endif  // TESTS_E2E_JSON_H_
