// JSON <-> cty values, following go-cty's cty/json package rules: the form
// Terraform stores in state (UpgradeResourceState.raw_state) and uses for
// DynamicValue.json.
#include <map>
#include <set>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "rapidjson/error/en.h"
#include "rapidjson/reader.h"
#include "tfplugin/cty/codec.h"
#include "tfplugin/cty/error_path.h"
#include "tfplugin/cty/json_text.h"
#include "tfplugin/cty/number_ops.h"
#include "tfplugin/cty/set_order.h"

namespace tfplugin::cty {
namespace {

constexpr size_t kMaxDepth = 200;

// A parsed JSON document that keeps every number's exact source text
// (cty numbers are arbitrary precision) and the order of object members.
struct JsonNode {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;  // number or string
  std::vector<JsonNode> items;     // array elements, or object member values
  std::vector<std::string> keys;   // object member names, parallel to items
};

// RapidJSON validates the raw input as UTF-8 but decodes a \uXXXX escape of
// a lone low surrogate (\udc00-\udfff) into that surrogate's three bytes,
// which are not UTF-8 (and would make a gRPC string field, a diagnostic
// quoting it for one, unreadable to Terraform). Go's encoding/json, which
// writes Terraform's state, reads such an escape as U+FFFD; so does this.
// Everything else being valid UTF-8, 0xED followed by 0xA0..0xBF can only
// start an encoded surrogate.
std::string JsonStringText(const char* s, rapidjson::SizeType len) {
  std::string out(s, len);
  for (size_t i = 0; i + 2 < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) == 0xED && static_cast<unsigned char>(out[i + 1]) >= 0xA0) {
      out.replace(i, 3, "\xEF\xBF\xBD");
      i += 2;
    }
  }
  return out;
}

// RapidJSON SAX handler that builds JsonNode trees. Nesting is bounded so
// neither the parse nor the later recursive walk can exhaust the stack.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  bool Null() { return Add(JsonNode{}); }
  bool Bool(bool b) {
    JsonNode n;
    n.kind = JsonNode::Kind::kBool;
    n.boolean = b;
    return Add(std::move(n));
  }
  explicit TreeBuilder(const std::map<std::string, std::string>* placeholders) : placeholders_(placeholders) {}

  bool RawNumber(const char* s, rapidjson::SizeType len, bool) {
    JsonNode n;
    n.kind = JsonNode::Kind::kNumber;
    n.text.assign(s, len);
    if (auto it = placeholders_->find(n.text); it != placeholders_->end()) n.text = it->second;
    return Add(std::move(n));
  }
  bool String(const char* s, rapidjson::SizeType len, bool) {
    JsonNode n;
    n.kind = JsonNode::Kind::kString;
    n.text = JsonStringText(s, len);
    return Add(std::move(n));
  }
  bool StartObject() { return Open(JsonNode::Kind::kObject); }
  bool Key(const char* s, rapidjson::SizeType len, bool) {
    keys_.back() = JsonStringText(s, len);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(JsonNode::Kind::kArray); }
  bool EndArray(rapidjson::SizeType) { return Close(); }
  // Unused: numbers arrive as RawNumber (kParseNumbersAsStringsFlag).
  bool Default() { return false; }

  bool too_deep() const { return too_deep_; }
  JsonNode TakeRoot() { return std::move(root_); }

 private:
  bool Open(JsonNode::Kind kind) {
    if (stack_.size() >= kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    JsonNode n;
    n.kind = kind;
    stack_.push_back(std::move(n));
    keys_.emplace_back();
    return true;
  }
  bool Close() {
    JsonNode n = std::move(stack_.back());
    stack_.pop_back();
    keys_.pop_back();
    return Add(std::move(n));
  }
  bool Add(JsonNode n) {
    if (stack_.empty()) {
      root_ = std::move(n);
    } else if (stack_.back().kind == JsonNode::Kind::kArray) {
      stack_.back().items.push_back(std::move(n));
    } else {
      stack_.back().keys.push_back(keys_.back());
      stack_.back().items.push_back(std::move(n));
    }
    return true;
  }

  std::vector<JsonNode> stack_;
  std::vector<std::string> keys_;
  JsonNode root_;
  bool too_deep_ = false;
  const std::map<std::string, std::string>* placeholders_;
};

// Length of the JSON number token at json[i], or 0 if none starts there.
size_t NumberTokenLength(std::string_view json, size_t i) {
  size_t j = i;
  auto digit = [&](size_t k) { return k < json.size() && json[k] >= '0' && json[k] <= '9'; };
  if (j < json.size() && json[j] == '-') ++j;
  if (!digit(j)) return 0;
  if (json[j] == '0') {
    ++j;
  } else {
    while (digit(j)) ++j;
  }
  if (j < json.size() && json[j] == '.') {
    if (!digit(j + 1)) return 0;
    ++j;
    while (digit(j)) ++j;
  }
  if (j < json.size() && (json[j] == 'e' || json[j] == 'E')) {
    size_t k = j + 1;
    if (k < json.size() && (json[k] == '+' || json[k] == '-')) ++k;
    if (!digit(k)) return 0;
    while (digit(k)) ++k;
    j = k;
  }
  return j - i;
}

// RapidJSON 1.1 refuses numbers beyond double range (1e400) even when asked
// for their text, but cty numbers are arbitrary precision. Such tokens are
// swapped for placeholder numbers that occur nowhere in the document and
// swapped back in RawNumber. Replacing one valid number token with another
// cannot change whether the document is well-formed.
struct NumberRewrite {
  std::string json;                             // the text RapidJSON parses
  std::map<std::string, std::string> original;  // placeholder -> original token
};

NumberRewrite RewriteHugeNumbers(std::string_view json) {
  NumberRewrite out;
  std::vector<std::pair<size_t, size_t>> huge;  // (offset, length)
  std::set<std::string, std::less<>> tokens;
  bool in_string = false;
  for (size_t i = 0; i < json.size();) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      ++i;
      continue;
    }
    const size_t len = (c == '-' || (c >= '0' && c <= '9')) ? NumberTokenLength(json, i) : 0;
    if (len == 0) {
      ++i;
      continue;
    }
    std::string_view token = json.substr(i, len);
    tokens.emplace(token);
    if (len > 300 || token.find_first_of("eE") != std::string_view::npos) huge.emplace_back(i, len);
    i += len;
  }
  if (huge.empty()) {
    out.json = std::string(json);
    return out;
  }
  size_t last = 0;
  size_t serial = 0;
  for (const auto& [offset, len] : huge) {
    std::string placeholder;
    do {
      placeholder = absl::StrCat("-0.0", serial++, "1");  // "-0.001", "-0.011", ...: valid, distinct
    } while (tokens.contains(placeholder));
    out.json.append(json.substr(last, offset - last));
    out.json += placeholder;
    out.original[placeholder] = std::string(json.substr(offset, len));
    last = offset + len;
  }
  out.json.append(json.substr(last));
  return out;
}

absl::StatusOr<JsonNode> ParseJson(std::string_view json) {
  NumberRewrite rewrite = RewriteHugeNumbers(json);
  rapidjson::Reader reader;
  TreeBuilder builder(&rewrite.original);
  rapidjson::MemoryStream ms(rewrite.json.data(), rewrite.json.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> stream(ms);
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult result = reader.Parse<kFlags>(stream, builder);
  if (builder.too_deep()) return absl::InvalidArgumentError("json: value nested too deeply");
  if (result.IsError()) {
    return absl::InvalidArgumentError(absl::StrCat("json: ", rapidjson::GetParseError_En(result.Code()),
                                                   " at offset ", result.Offset()));
  }
  return builder.TakeRoot();
}

// Writes a node back as compact JSON (only for the "type" of a dynamic value).
void WriteJson(const JsonNode& n, std::string& out) {
  switch (n.kind) {
    case JsonNode::Kind::kNull: out += "null"; break;
    case JsonNode::Kind::kBool: out += n.boolean ? "true" : "false"; break;
    case JsonNode::Kind::kNumber: out += n.text; break;
    case JsonNode::Kind::kString: AppendGoJsonString(n.text, out); break;
    case JsonNode::Kind::kArray:
      out += '[';
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i > 0) out += ',';
        WriteJson(n.items[i], out);
      }
      out += ']';
      break;
    case JsonNode::Kind::kObject:
      out += '{';
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (i > 0) out += ',';
        AppendGoJsonString(n.keys[i], out);
        out += ':';
        WriteJson(n.items[i], out);
      }
      out += '}';
      break;
  }
}


// ---------------------------------------------------------------- decoding

class Decoder {
 public:
  absl::StatusOr<Value> Decode(const JsonNode& n, const Type& type);

 private:
  absl::StatusOr<Value> DecodeDynamic(const JsonNode& n);
  ErrorPath path_{"json"};
};

absl::StatusOr<Value> Decoder::Decode(const JsonNode& n, const Type& type) {
  if (n.kind == JsonNode::Kind::kNull) return Value::Null();
  switch (type.kind()) {
    case Type::Kind::kDynamic:
      return DecodeDynamic(n);
    case Type::Kind::kString:
      // cty converts numbers (their literal text) and bools to strings.
      if (n.kind == JsonNode::Kind::kString || n.kind == JsonNode::Kind::kNumber) return Value::String(n.text);
      if (n.kind == JsonNode::Kind::kBool) return Value::String(n.boolean ? "true" : "false");
      return path_.Error("string is required");
    case Type::Kind::kNumber: {
      // Numbers, or strings holding a number, as cty.ParseNumberVal reads them.
      if (n.kind != JsonNode::Kind::kNumber && n.kind != JsonNode::Kind::kString) {
        return path_.Error("number is required");
      }
      auto number = Number::Parse(n.text);
      if (!number.ok()) return path_.Error("a number is required");
      return Value::NumberValue(*std::move(number));
    }
    case Type::Kind::kBool:
      if (n.kind == JsonNode::Kind::kBool) return Value::Bool(n.boolean);
      if (n.kind == JsonNode::Kind::kString) {
        // cty's string-to-bool conversion.
        if (n.text == "true" || n.text == "1") return Value::Bool(true);
        if (n.text == "false" || n.text == "0") return Value::Bool(false);
        return path_.Error("a bool is required");
      }
      return path_.Error("bool is required");
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      if (n.kind != JsonNode::Kind::kArray) return path_.Error("missing expected [");
      const bool tuple = type.kind() == Type::Kind::kTuple;
      if (tuple && n.items.size() != type.tuple_elements().size()) {
        return path_.Error(absl::StrCat("a tuple of ", type.tuple_elements().size(), " elements is required"));
      }
      std::vector<Value> elements;
      elements.reserve(n.items.size());
      for (size_t i = 0; i < n.items.size(); ++i) {
        path_.PushIndex(i);
        PathStep step(path_);
        auto e = Decode(n.items[i], tuple ? type.tuple_elements()[i] : type.element());
        if (!e.ok()) return e.status();
        elements.push_back(*std::move(e));
      }
      if (type.kind() == Type::Kind::kList) return Value::List(std::move(elements));
      if (type.kind() == Type::Kind::kSet) return Value::Set(std::move(elements));
      return Value::Tuple(std::move(elements));
    }
    case Type::Kind::kMap: {
      if (n.kind != JsonNode::Kind::kObject) return path_.Error("missing expected {");
      std::map<std::string, Value> entries;
      for (size_t m = 0; m < n.items.size(); ++m) {
        const std::string& key = n.keys[m];
        const JsonNode& node = n.items[m];
        path_.PushKey(key);
        PathStep step(path_);
        auto e = Decode(node, type.element());
        if (!e.ok()) return e.status();
        entries[key] = *std::move(e);
      }
      return Value::Map(std::move(entries));
    }
    case Type::Kind::kObject: {
      if (n.kind != JsonNode::Kind::kObject) return path_.Error("missing expected {");
      const auto& attribute_types = type.attributes();
      std::map<std::string, Value> attributes;
      for (size_t m = 0; m < n.items.size(); ++m) {
        const std::string& name = n.keys[m];
        const JsonNode& node = n.items[m];
        auto it = attribute_types.find(name);
        if (it == attribute_types.end()) {
          return path_.Error(absl::StrCat("unsupported attribute \"", name, "\""));
        }
        path_.PushAttr(name);
        PathStep step(path_);
        auto e = Decode(node, it->second);
        if (!e.ok()) return e.status();
        attributes[name] = *std::move(e);
      }
      // Attributes absent from the JSON are null (state written by an older schema).
      for (const auto& [name, unused] : attribute_types) attributes.try_emplace(name);
      return Value::Object(std::move(attributes));
    }
  }
  return path_.Error("unsupported type");
}

absl::StatusOr<Value> Decoder::DecodeDynamic(const JsonNode& n) {
  if (n.kind != JsonNode::Kind::kObject) return path_.Error("missing expected {");
  const JsonNode* type_node = nullptr;
  const JsonNode* value_node = nullptr;
  for (size_t m = 0; m < n.items.size(); ++m) {
        const std::string& key = n.keys[m];
        const JsonNode& node = n.items[m];
    if (key == "type") {
      type_node = &node;
    } else if (key == "value") {
      value_node = &node;
    } else {
      return path_.Error(absl::StrCat("invalid key \"", key, "\" in dynamically-typed value"));
    }
  }
  if (type_node == nullptr) return path_.Error("missing type in dynamically-typed value");
  if (value_node == nullptr) return path_.Error("missing value in dynamically-typed value");
  std::string type_json;
  WriteJson(*type_node, type_json);
  auto type = Type::FromJson(type_json);
  if (!type.ok()) return path_.Error(absl::StrCat("failed to decode type for dynamic value: ", type.status().message()));
  auto value = Decode(*value_node, *type);
  if (!value.ok()) return value.status();
  if (type->kind() == Type::Kind::kDynamic) return value;
  return value->WithDynamicType(*std::move(type));
}

// ---------------------------------------------------------------- encoding

class Encoder {
 public:
  absl::Status Encode(const Value& v, const Type& type, std::string& out);

 private:
  ErrorPath path_{"json"};
  size_t depth_ = 0;
};

absl::Status Encoder::Encode(const Value& v, const Type& type, std::string& out) {
  if (++depth_ > 2 * kMaxDepth + 2) return path_.Error("value nested too deeply");  // see msgpack_codec.cc
  struct DepthGuard {
    size_t& d;
    ~DepthGuard() { --d; }
  } guard{depth_};

  if (v.is_unknown()) return path_.Error("value is not known");
  if (type.kind() == Type::Kind::kDynamic) {
    const Type concrete = ConcreteType(v);
    if (concrete.kind() != Type::Kind::kDynamic) {
      out += "{\"value\":";
      if (auto s = Encode(v, concrete, out); !s.ok()) return s;
      out += ",\"type\":";
      out += concrete.ToJson();
      out += '}';
      return absl::OkStatus();
    }
  }
  if (v.is_null()) {
    out += "null";
    return absl::OkStatus();
  }
  auto mismatch = [&] { return path_.Error(absl::StrCat("value does not conform to type ", type.FriendlyName())); };
  switch (type.kind()) {
    case Type::Kind::kString:
      if (v.kind() != Value::Kind::kString) return mismatch();
      AppendGoJsonString(v.AsString(), out);
      return absl::OkStatus();
    case Type::Kind::kNumber:
      if (v.kind() != Value::Kind::kNumber) return mismatch();
      if (IsInfinity(v.AsNumber())) return path_.Error("cannot serialize infinity as JSON");
      out += v.AsNumber().ToString();
      return absl::OkStatus();
    case Type::Kind::kBool:
      if (v.kind() != Value::Kind::kBool) return mismatch();
      out += v.AsBool() ? "true" : "false";
      return absl::OkStatus();
    case Type::Kind::kList:
    case Type::Kind::kSet: {
      const bool is_set = type.kind() == Type::Kind::kSet;
      if (v.kind() != (is_set ? Value::Kind::kSet : Value::Kind::kList)) return mismatch();
      std::vector<const Value*> order;
      if (is_set) {
        order = SetIterationOrder(v.Elements(), type.element());
      } else {
        for (const Value& e : v.Elements()) order.push_back(&e);
      }
      out += '[';
      for (size_t i = 0; i < order.size(); ++i) {
        if (i > 0) out += ',';
        path_.PushIndex(i);
        PathStep step(path_);
        if (auto s = Encode(*order[i], type.element(), out); !s.ok()) return s;
      }
      out += ']';
      return absl::OkStatus();
    }
    case Type::Kind::kTuple: {
      if (v.kind() != Value::Kind::kTuple) return mismatch();
      const auto& types = type.tuple_elements();
      const auto& elements = v.Elements();
      if (elements.size() != types.size()) {
        return path_.Error(absl::StrCat("a tuple of ", types.size(), " elements is required"));
      }
      out += '[';
      for (size_t i = 0; i < types.size(); ++i) {
        if (i > 0) out += ',';
        path_.PushIndex(i);
        PathStep step(path_);
        if (auto s = Encode(elements[i], types[i], out); !s.ok()) return s;
      }
      out += ']';
      return absl::OkStatus();
    }
    case Type::Kind::kMap: {
      if (v.kind() != Value::Kind::kMap) return mismatch();
      out += '{';
      bool first = true;
      for (const auto& [key, element] : v.Entries()) {
        if (!first) out += ',';
        first = false;
        path_.PushKey(key);
        PathStep step(path_);
        AppendGoJsonString(key, out);
        out += ':';
        if (auto s = Encode(element, type.element(), out); !s.ok()) return s;
      }
      out += '}';
      return absl::OkStatus();
    }
    case Type::Kind::kObject: {
      if (v.kind() != Value::Kind::kObject) return mismatch();
      const auto& attribute_types = type.attributes();
      for (const auto& [name, unused] : v.Entries()) {
        if (!attribute_types.contains(name)) {
          path_.PushAttr(name);
          PathStep step(path_);
          return path_.Error("unsupported attribute");
        }
      }
      out += '{';
      bool first = true;
      for (const auto& [name, attribute_type] : attribute_types) {
        if (!first) out += ',';
        first = false;
        path_.PushAttr(name);
        PathStep step(path_);
        AppendGoJsonString(name, out);
        out += ':';
        if (auto s = Encode(v.Attr(name), attribute_type, out); !s.ok()) return s;
      }
      out += '}';
      return absl::OkStatus();
    }
    case Type::Kind::kDynamic:
      break;
  }
  return mismatch();
}

}  // namespace

absl::StatusOr<Value> DecodeJson(std::string_view json, const Type& type) {
  auto root = ParseJson(json);
  if (!root.ok()) return root.status();
  Decoder decoder;
  return decoder.Decode(*root, type);
}

absl::StatusOr<std::string> EncodeJson(const Value& value, const Type& type) {
  std::string out;
  Encoder encoder;
  if (auto s = encoder.Encode(value, type, out); !s.ok()) return s;
  return out;
}

}  // namespace tfplugin::cty
