// MessagePack <-> cty values, following go-cty's cty/msgpack package rules
// (read for the wire format only; this is an independent implementation).
#include <cmath>
#include <exception>

#include <msgpack.hpp>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tfplugin/cty/codec.h"
#include "tfplugin/cty/error_path.h"
#include "tfplugin/cty/json_text.h"
#include "tfplugin/cty/number_ops.h"
#include "tfplugin/cty/set_order.h"

namespace tfplugin::cty {
namespace {

// Deepest nesting accepted on the wire. Terraform schemas nest a handful of
// levels; the bound keeps hostile input from exhausting the stack.
constexpr size_t kMaxDepth = 200;
// cty rejects refinement payloads above 1 KiB as abusive.
constexpr uint32_t kMaxRefinementSize = 1024;
// Extension type cty uses for an unknown value that carries refinements.
constexpr int8_t kRefinedUnknownExt = 0x0c;

// The limits make msgpack-cxx refuse a container header that claims more
// elements than the input could possibly hold, before it allocates for them.
msgpack::unpack_limit LimitsFor(size_t input_size) {
  return msgpack::unpack_limit(input_size, input_size, input_size, input_size, input_size, kMaxDepth);
}


bool IsStringLike(const msgpack::object& o) {
  return o.type == msgpack::type::STR || o.type == msgpack::type::BIN;
}

std::string_view StringOf(const msgpack::object& o) {
  if (o.type == msgpack::type::STR) return {o.via.str.ptr, o.via.str.size};
  return {o.via.bin.ptr, o.via.bin.size};
}

// ---------------------------------------------------------------- decoding

class Decoder {
 public:
  absl::StatusOr<Value> Decode(const msgpack::object& o, const Type& type);

 private:
  absl::StatusOr<Value> DecodeUnknown(const msgpack::object& o, const Type& type);
  absl::StatusOr<Value> DecodeDynamic(const msgpack::object& o);
  absl::StatusOr<Value> DecodeNumber(const msgpack::object& o);
  absl::StatusOr<Value> DecodeSequence(const msgpack::object& o, const Type& type);
  absl::StatusOr<Value> DecodeMap(const msgpack::object& o, const Type& type);
  absl::StatusOr<Value> DecodeObject(const msgpack::object& o, const Type& type);

  ErrorPath path_{"msgpack"};
};

absl::StatusOr<Value> Decoder::Decode(const msgpack::object& o, const Type& type) {
  // As in cty, any extension value is an unknown, whatever the type.
  if (o.type == msgpack::type::EXT) return DecodeUnknown(o, type);
  if (type.kind() == Type::Kind::kDynamic) return DecodeDynamic(o);
  if (o.type == msgpack::type::NIL) return Value::Null();
  switch (type.kind()) {
    case Type::Kind::kString:
      if (!IsStringLike(o)) return path_.Error("string is required");
      return Value::String(std::string(StringOf(o)));
    case Type::Kind::kBool:
      if (o.type != msgpack::type::BOOLEAN) return path_.Error("bool is required");
      return Value::Bool(o.via.boolean);
    case Type::Kind::kNumber:
      return DecodeNumber(o);
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple:
      return DecodeSequence(o, type);
    case Type::Kind::kMap:
      return DecodeMap(o, type);
    case Type::Kind::kObject:
      return DecodeObject(o, type);
    case Type::Kind::kDynamic:
      break;
  }
  return path_.Error("unsupported type");
}

absl::StatusOr<Value> Decoder::DecodeUnknown(const msgpack::object& o, const Type& type) {
  const uint32_t size = o.via.ext.size;
  // Empty or one-byte bodies (cty writes fixext1 type 0, body 0x00) are a
  // plain unknown, whatever the extension type code.
  if (size <= 1) return Value::Unknown();
  if (o.via.ext.type() != kRefinedUnknownExt) {
    return path_.Error(absl::StrCat("unsupported extension type ", static_cast<int>(o.via.ext.type()),
                                    " with length ", size));
  }
  if (size > kMaxRefinementSize) return path_.Error("oversize unknown value refinement");
  // cty ignores refinements of dynamic-typed unknowns.
  if (type.kind() == Type::Kind::kDynamic) return Value::Unknown();

  msgpack::object_handle refinements;
  std::size_t offset = 0;
  try {
    // Trailing bytes after the map are ignored, as cty does (room for padding).
    refinements = msgpack::unpack(o.via.ext.data(), size, offset, nullptr, nullptr, LimitsFor(size));
  } catch (const std::exception&) {
    return path_.Error("malformed unknown value refinements");
  }
  const msgpack::object& map = refinements.get();
  if (map.type != msgpack::type::MAP) return path_.Error("unknown value refinements are not a map");
  bool not_null = false;
  for (uint32_t i = 0; i < map.via.map.size; ++i) {
    const msgpack::object& key = map.via.map.ptr[i].key;
    const msgpack::object& val = map.via.map.ptr[i].val;
    if (key.type != msgpack::type::POSITIVE_INTEGER && key.type != msgpack::type::NEGATIVE_INTEGER) {
      return path_.Error("unknown value refinements have a non-integer key");
    }
    // Key 1 is nullness; the others (string prefix, number and length
    // bounds) only narrow the value further and are dropped, which loses
    // precision but never correctness. Unknown keys are for future use.
    if (key.type == msgpack::type::POSITIVE_INTEGER && key.via.u64 == 1) {
      if (val.type != msgpack::type::BOOLEAN) return path_.Error("null refinement is not boolean");
      // "Is null" on an unknown collapses to a known null, as in cty.
      if (val.via.boolean) return Value::Null();
      not_null = true;
    }
  }
  return Value::Unknown(not_null);
}

absl::StatusOr<Value> Decoder::DecodeDynamic(const msgpack::object& o) {
  if (o.type == msgpack::type::NIL) return Value::Null();
  if (o.type != msgpack::type::ARRAY || o.via.array.size != 2) {
    return path_.Error("dynamic value must be a two-element array [type, value]");
  }
  const msgpack::object& type_json = o.via.array.ptr[0];
  if (!IsStringLike(type_json)) return path_.Error("dynamic value type must be JSON bytes");
  auto type = Type::FromJson(StringOf(type_json));
  if (!type.ok()) return path_.Error(type.status().message());
  auto value = Decode(o.via.array.ptr[1], *type);
  if (!value.ok()) return value.status();
  if (type->kind() == Type::Kind::kDynamic) return value;
  return value->WithDynamicType(*std::move(type));
}

absl::StatusOr<Value> Decoder::DecodeNumber(const msgpack::object& o) {
  switch (o.type) {
    case msgpack::type::POSITIVE_INTEGER:
      return Value::NumberValue(Number::FromUint(o.via.u64));
    case msgpack::type::NEGATIVE_INTEGER:
      return Value::NumberValue(Number::FromInt(o.via.i64));
    case msgpack::type::FLOAT32:
    case msgpack::type::FLOAT64:
      // msgpack-cxx widens float32 to double exactly, as cty does.
      if (std::isnan(o.via.f64)) return path_.Error("number is required (NaN is not a number)");
      return Value::NumberValue(Number::FromDouble(o.via.f64));
    case msgpack::type::STR:
    case msgpack::type::BIN: {
      // Numbers too big or too precise for int64/float64 travel as text.
      auto n = Number::Parse(StringOf(o));
      if (!n.ok()) return path_.Error("number is required");
      return Value::NumberValue(*std::move(n));
    }
    default:
      return path_.Error("number is required");
  }
}

absl::StatusOr<Value> Decoder::DecodeSequence(const msgpack::object& o, const Type& type) {
  const char* what = type.kind() == Type::Kind::kList  ? "a list is required"
                     : type.kind() == Type::Kind::kSet ? "a set is required"
                                                       : "a tuple is required";
  if (o.type != msgpack::type::ARRAY) return path_.Error(what);
  const uint32_t size = o.via.array.size;
  if (type.kind() == Type::Kind::kTuple && size != type.tuple_elements().size()) {
    return path_.Error(absl::StrCat("a tuple of length ", type.tuple_elements().size(), " is required"));
  }
  std::vector<Value> elements;
  elements.reserve(size);
  for (uint32_t i = 0; i < size; ++i) {
    path_.PushIndex(i);
    PathStep step(path_);
    const Type& element_type = type.kind() == Type::Kind::kTuple ? type.tuple_elements()[i] : type.element();
    auto element = Decode(o.via.array.ptr[i], element_type);
    if (!element.ok()) return element.status();
    elements.push_back(*std::move(element));
  }
  switch (type.kind()) {
    case Type::Kind::kList:
      return Value::List(std::move(elements));
    case Type::Kind::kSet:
      return Value::Set(std::move(elements));
    default:
      return Value::Tuple(std::move(elements));
  }
}

absl::StatusOr<Value> Decoder::DecodeMap(const msgpack::object& o, const Type& type) {
  if (o.type != msgpack::type::MAP) return path_.Error("a map is required");
  std::map<std::string, Value> entries;
  for (uint32_t i = 0; i < o.via.map.size; ++i) {
    const msgpack::object_kv& kv = o.via.map.ptr[i];
    if (!IsStringLike(kv.key)) return path_.Error("non-string key in map");
    std::string key(StringOf(kv.key));
    path_.PushKey(key);
    PathStep step(path_);
    auto element = Decode(kv.val, type.element());
    if (!element.ok()) return element.status();
    entries[std::move(key)] = *std::move(element);
  }
  return Value::Map(std::move(entries));
}

absl::StatusOr<Value> Decoder::DecodeObject(const msgpack::object& o, const Type& type) {
  if (o.type != msgpack::type::MAP) return path_.Error("an object is required");
  const auto& attribute_types = type.attributes();
  std::map<std::string, Value> attributes;
  for (uint32_t i = 0; i < o.via.map.size; ++i) {
    const msgpack::object_kv& kv = o.via.map.ptr[i];
    if (!IsStringLike(kv.key)) return path_.Error("all keys must be strings");
    std::string name(StringOf(kv.key));
    path_.PushAttr(name);
    PathStep step(path_);
    auto it = attribute_types.find(name);
    if (it == attribute_types.end()) return path_.Error("unsupported attribute");
    auto attribute = Decode(kv.val, it->second);
    if (!attribute.ok()) return attribute.status();
    attributes[std::move(name)] = *std::move(attribute);
  }
  // Terraform always sends every attribute; be lenient and treat a missing
  // one as null, so the object always has its full shape.
  for (const auto& [name, attribute_type] : attribute_types) attributes.try_emplace(name);
  return Value::Object(std::move(attributes));
}

// ---------------------------------------------------------------- encoding

using Packer = msgpack::packer<msgpack::sbuffer>;

// The exact bytes cty writes for unknowns: a fixext1 of type 0 with a zero
// body, and (when the value is known not to be null) an ext8 of type 12
// whose body is the map {1: false}.
constexpr char kUnknownBytes[] = {'\xd4', '\x00', '\x00'};
constexpr char kUnknownNotNullBytes[] = {'\xc7', '\x03', '\x0c', '\x81', '\x01', '\xc2'};

class Encoder {
 public:
  explicit Encoder(msgpack::sbuffer& buffer) : buffer_(buffer), packer_(buffer) {}
  absl::Status Encode(const Value& v, const Type& type);

 private:
  absl::Status EncodeNumber(const Number& n);
  absl::Status Mismatch(const Value& v, const Type& type) const {
    return path_.Error(absl::StrCat("value ", KindName(v), " does not conform to type ", type.FriendlyName()));
  }
  static const char* KindName(const Value& v);

  msgpack::sbuffer& buffer_;
  Packer packer_;
  ErrorPath path_{"msgpack"};
  size_t depth_ = 0;
};

const char* Encoder::KindName(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kString: return "of kind string";
    case Value::Kind::kNumber: return "of kind number";
    case Value::Kind::kBool: return "of kind bool";
    case Value::Kind::kList: return "of kind list";
    case Value::Kind::kSet: return "of kind set";
    case Value::Kind::kMap: return "of kind map";
    case Value::Kind::kObject: return "of kind object";
    case Value::Kind::kTuple: return "of kind tuple";
    default: return "";
  }
}

absl::Status Encoder::EncodeNumber(const Number& n) {
  if (IsInfinity(n)) {
    packer_.pack_double(n.ToDouble());
    return absl::OkStatus();
  }
  // cty: an exact int64 as the most compact int; a non-integer that is
  // exactly a float64 as float64; anything else as its decimal text.
  if (auto i = n.ToInt64()) {
    packer_.pack_int64(*i);
  } else if (n.ToString().find('.') != std::string::npos && n.IsExactDouble()) {
    packer_.pack_double(n.ToDouble());
  } else {
    packer_.pack_str(static_cast<uint32_t>(n.ToString().size()));
    packer_.pack_str_body(n.ToString().data(), static_cast<uint32_t>(n.ToString().size()));
  }
  return absl::OkStatus();
}

absl::Status Encoder::Encode(const Value& v, const Type& type) {
  // Each dynamic position costs two calls (wrapper, then value), so twice
  // the decoder's bound: whatever decodes can always be encoded again.
  if (++depth_ > 2 * kMaxDepth + 2) return path_.Error("value nested too deeply");
  struct DepthGuard {
    size_t& d;
    ~DepthGuard() { --d; }
  } guard{depth_};

  if (type.kind() == Type::Kind::kDynamic) {
    // A value with a concrete type in a dynamic position travels with its
    // type: [type JSON as msgpack bin, value].
    const Type concrete = ConcreteType(v);
    if (concrete.kind() != Type::Kind::kDynamic) {
      const std::string type_json = concrete.ToJson();
      packer_.pack_array(2);
      packer_.pack_bin(static_cast<uint32_t>(type_json.size()));
      packer_.pack_bin_body(type_json.data(), static_cast<uint32_t>(type_json.size()));
      return Encode(v, concrete);
    }
    // Dynamic-typed unknowns never carry refinements in cty.
    if (v.is_unknown()) {
      buffer_.write(kUnknownBytes, sizeof kUnknownBytes);
      return absl::OkStatus();
    }
  }
  if (v.is_unknown()) {
    if (v.unknown_not_null()) {
      buffer_.write(kUnknownNotNullBytes, sizeof kUnknownNotNullBytes);
    } else {
      buffer_.write(kUnknownBytes, sizeof kUnknownBytes);
    }
    return absl::OkStatus();
  }
  if (v.is_null()) {
    packer_.pack_nil();
    return absl::OkStatus();
  }
  switch (type.kind()) {
    case Type::Kind::kString: {
      if (v.kind() != Value::Kind::kString) return Mismatch(v, type);
      const std::string& s = v.AsString();
      packer_.pack_str(static_cast<uint32_t>(s.size()));
      packer_.pack_str_body(s.data(), static_cast<uint32_t>(s.size()));
      return absl::OkStatus();
    }
    case Type::Kind::kNumber:
      if (v.kind() != Value::Kind::kNumber) return Mismatch(v, type);
      return EncodeNumber(v.AsNumber());
    case Type::Kind::kBool:
      if (v.kind() != Value::Kind::kBool) return Mismatch(v, type);
      if (v.AsBool()) {
        packer_.pack_true();
      } else {
        packer_.pack_false();
      }
      return absl::OkStatus();
    case Type::Kind::kList:
    case Type::Kind::kSet: {
      const bool is_set = type.kind() == Type::Kind::kSet;
      if (v.kind() != (is_set ? Value::Kind::kSet : Value::Kind::kList)) return Mismatch(v, type);
      const auto& elements = v.Elements();
      packer_.pack_array(static_cast<uint32_t>(elements.size()));
      std::vector<const Value*> order;
      if (is_set) {
        order = SetIterationOrder(elements, type.element());
      } else {
        for (const Value& e : elements) order.push_back(&e);
      }
      for (size_t i = 0; i < order.size(); ++i) {
        path_.PushIndex(i);
        PathStep step(path_);
        if (auto s = Encode(*order[i], type.element()); !s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case Type::Kind::kTuple: {
      if (v.kind() != Value::Kind::kTuple) return Mismatch(v, type);
      const auto& types = type.tuple_elements();
      const auto& elements = v.Elements();
      if (elements.size() != types.size()) {
        return path_.Error(absl::StrCat("a tuple of length ", types.size(), " is required"));
      }
      packer_.pack_array(static_cast<uint32_t>(types.size()));
      for (size_t i = 0; i < types.size(); ++i) {
        path_.PushIndex(i);
        PathStep step(path_);
        if (auto s = Encode(elements[i], types[i]); !s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case Type::Kind::kMap: {
      if (v.kind() != Value::Kind::kMap) return Mismatch(v, type);
      const auto& entries = v.Entries();  // std::map: keys in cty's (byte) order
      packer_.pack_map(static_cast<uint32_t>(entries.size()));
      for (const auto& [key, element] : entries) {
        path_.PushKey(key);
        PathStep step(path_);
        packer_.pack_str(static_cast<uint32_t>(key.size()));
        packer_.pack_str_body(key.data(), static_cast<uint32_t>(key.size()));
        if (auto s = Encode(element, type.element()); !s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case Type::Kind::kObject: {
      if (v.kind() != Value::Kind::kObject) return Mismatch(v, type);
      const auto& attribute_types = type.attributes();
      for (const auto& [name, unused] : v.Entries()) {
        if (!attribute_types.contains(name)) {
          path_.PushAttr(name);
          PathStep step(path_);
          return path_.Error("unsupported attribute");
        }
      }
      // Every attribute of the type, sorted by name; absent ones as nil.
      packer_.pack_map(static_cast<uint32_t>(attribute_types.size()));
      for (const auto& [name, attribute_type] : attribute_types) {
        path_.PushAttr(name);
        PathStep step(path_);
        packer_.pack_str(static_cast<uint32_t>(name.size()));
        packer_.pack_str_body(name.data(), static_cast<uint32_t>(name.size()));
        if (auto s = Encode(v.Attr(name), attribute_type); !s.ok()) return s;
      }
      return absl::OkStatus();
    }
    case Type::Kind::kDynamic:
      break;
  }
  return Mismatch(v, type);
}

}  // namespace

absl::StatusOr<Value> DecodeMsgpack(std::string_view bytes, const Type& type) {
  if (bytes.empty()) return absl::InvalidArgumentError("msgpack: empty input");
  msgpack::object_handle handle;
  std::size_t offset = 0;
  try {
    handle = msgpack::unpack(bytes.data(), bytes.size(), offset, nullptr, nullptr, LimitsFor(bytes.size()));
  } catch (const msgpack::insufficient_bytes&) {
    return absl::InvalidArgumentError("msgpack: truncated input");
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("msgpack: malformed input (", e.what(), ")"));
  }
  if (offset != bytes.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("msgpack: ", bytes.size() - offset, " unexpected trailing bytes after the value"));
  }
  Decoder decoder;
  return decoder.Decode(handle.get(), type);
}

absl::StatusOr<std::string> EncodeMsgpack(const Value& value, const Type& type) {
  try {
    msgpack::sbuffer buffer;
    Encoder encoder(buffer);
    if (auto s = encoder.Encode(value, type); !s.ok()) return s;
    return std::string(buffer.data(), buffer.size());
  } catch (const std::exception& e) {  // allocation failure inside msgpack-cxx
    return absl::InternalError(absl::StrCat("msgpack: encoding failed: ", e.what()));
  }
}

}  // namespace tfplugin::cty
