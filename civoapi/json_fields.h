// Tolerant readers for fields of Civo JSON objects. The API is not strict
// about types (numbers sometimes arrive as strings, arrays as space-separated
// strings, nulls for "not yet"), so every reader accepts the plausible forms
// and falls back to the type's zero value instead of failing.
#ifndef CIVOAPI_JSON_FIELDS_H_
#define CIVOAPI_JSON_FIELDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "rapidjson/document.h"

namespace civoapi::json {

std::string String(const rapidjson::Value& obj, const char* key);
int64_t Int(const rapidjson::Value& obj, const char* key);
bool Bool(const rapidjson::Value& obj, const char* key);
// An array of strings, or one string split on whitespace and commas.
std::vector<std::string> StringList(const rapidjson::Value& obj, const char* key);
// The member if present and an object, else nullptr.
const rapidjson::Value* Object(const rapidjson::Value& obj, const char* key);
// The member if present and an array, else nullptr.
const rapidjson::Value* Array(const rapidjson::Value& obj, const char* key);

}  // namespace civoapi::json

#endif  // CIVOAPI_JSON_FIELDS_H_
