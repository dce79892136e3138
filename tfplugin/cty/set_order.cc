#include "tfplugin/cty/set_order.h"

#include <algorithm>

#include "tfplugin/cty/json_text.h"
#include "tfplugin/cty/number_ops.h"

namespace tfplugin::cty {
namespace {

// Go's unicode.IsPrint, approximated: everything but controls, the
// non-ASCII space separators and the common format characters.
bool GoIsPrint(int cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return false;
  switch (cp) {
    case 0xA0: case 0xAD: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
    case 0x2028: case 0x2029: case 0xFEFF: case 0x061C: case 0x180E:
      return false;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200F) return false;
  if (cp >= 0x202A && cp <= 0x202E) return false;
  if (cp >= 0x2060 && cp <= 0x206F) return false;
  if (cp >= 0xFFF9 && cp <= 0xFFFB) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;  // private use
  if ((cp & 0xFFFE) == 0xFFFE) return false;        // non-characters
  return true;
}

// Go's strconv.Quote (fmt's %q for strings).
void AppendGoQuoted(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t i = 0;
  while (i < s.size()) {
    size_t len = 0;
    const int cp = DecodeUtf8(s, i, len);
    if (cp < 0) {
      const auto b = static_cast<unsigned char>(s[i]);
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (GoIsPrint(cp)) {
      out.append(s.substr(i, len));
    } else {
      switch (cp) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default: {
          int digits;
          if (cp < 0x20 || cp == 0x7F) {
            out += "\\x";
            digits = 2;
          } else if (cp < 0x10000) {
            out += "\\u";
            digits = 4;
          } else {
            out += "\\U";
            digits = 8;
          }
          for (int k = digits - 1; k >= 0; --k) out += kHex[(cp >> (4 * k)) & 0xF];
        }
      }
    }
    i += len;
  }
  out += '"';
}

bool Less(const Value& a, const Value& b, const Type& type) {
  if (a == b) return false;
  if (b.is_null() && !a.is_null()) return true;
  if (a.is_null()) return false;
  if (a.is_known() && !b.is_known()) return true;
  if (!a.is_known()) return false;
  switch (type.kind()) {
    case Type::Kind::kString:
      return a.AsString() < b.AsString();
    case Type::Kind::kBool:
      return b.AsBool() || !a.AsBool();
    case Type::Kind::kNumber:
      return CompareNumbers(a.AsNumber(), b.AsNumber()) < 0;
    default: {
      std::string ha;
      std::string hb;
      AppendSetHashBytes(a, type, ha);
      AppendSetHashBytes(b, type, hb);
      return ha < hb;
    }
  }
}

}  // namespace

Type ConcreteType(const Value& value) {
  if (value.dynamic_type().has_value()) return *value.dynamic_type();
  switch (value.kind()) {
    case Value::Kind::kString:
      return Type::String();
    case Value::Kind::kNumber:
      return Type::Number();
    case Value::Kind::kBool:
      return Type::Bool();
    case Value::Kind::kList:
    case Value::Kind::kSet: {
      Type element = Type::Dynamic();
      for (const Value& e : value.Elements()) {
        Type t = ConcreteType(e);
        if (t.kind() != Type::Kind::kDynamic) {
          element = t;
          break;
        }
      }
      return value.kind() == Value::Kind::kList ? Type::List(element) : Type::Set(element);
    }
    case Value::Kind::kMap: {
      Type element = Type::Dynamic();
      for (const auto& [k, e] : value.Entries()) {
        Type t = ConcreteType(e);
        if (t.kind() != Type::Kind::kDynamic) {
          element = t;
          break;
        }
      }
      return Type::Map(element);
    }
    case Value::Kind::kTuple: {
      std::vector<Type> elements;
      for (const Value& e : value.Elements()) elements.push_back(ConcreteType(e));
      return Type::Tuple(std::move(elements));
    }
    case Value::Kind::kObject: {
      std::map<std::string, Type> attributes;
      for (const auto& [k, e] : value.Entries()) attributes.emplace(k, ConcreteType(e));
      return Type::Object(std::move(attributes));
    }
    default:
      return Type::Dynamic();
  }
}

void AppendSetHashBytes(const Value& value, const Type& declared, std::string& out) {
  if (!value.is_known()) {
    out += '?';
    return;
  }
  if (value.is_null()) {
    out += '~';
    return;
  }
  const Type type = declared.kind() == Type::Kind::kDynamic ? ConcreteType(value) : declared;
  switch (type.kind()) {
    case Type::Kind::kNumber:
      if (value.kind() == Value::Kind::kNumber) out += GoFloatString(value.AsNumber());
      return;
    case Type::Kind::kBool:
      if (value.kind() == Value::Kind::kBool) out += value.AsBool() ? 'T' : 'F';
      return;
    case Type::Kind::kString:
      if (value.kind() == Value::Kind::kString) AppendGoQuoted(value.AsString(), out);
      return;
    case Type::Kind::kMap:
      out += '{';
      for (const auto& [k, e] : value.Entries()) {
        AppendGoQuoted(k, out);
        out += ':';
        AppendSetHashBytes(e, type.element(), out);
        out += ';';
      }
      out += '}';
      return;
    case Type::Kind::kList:
      out += '[';
      for (const Value& e : value.Elements()) {
        AppendSetHashBytes(e, type.element(), out);
        out += ';';
      }
      out += ']';
      return;
    case Type::Kind::kSet:
      out += '[';
      for (const Value* e : SetIterationOrder(value.Elements(), type.element())) {
        AppendSetHashBytes(*e, type.element(), out);
        out += ';';
      }
      out += ']';
      return;
    case Type::Kind::kObject:
      out += '<';
      for (const auto& [name, attr_type] : type.attributes()) {
        AppendSetHashBytes(value.Attr(name), attr_type, out);
        out += ';';
      }
      out += '>';
      return;
    case Type::Kind::kTuple: {
      out += '<';
      const auto& types = type.tuple_elements();
      const auto& elements = value.Elements();
      for (size_t i = 0; i < elements.size(); ++i) {
        AppendSetHashBytes(elements[i], i < types.size() ? types[i] : Type::Dynamic(), out);
        out += ';';
      }
      out += '>';
      return;
    }
    case Type::Kind::kDynamic:
      return;
  }
}

std::vector<const Value*> SetIterationOrder(const std::vector<Value>& elements, const Type& element_type) {
  std::vector<const Value*> order;
  order.reserve(elements.size());
  for (const Value& e : elements) order.push_back(&e);
  if (order.size() < 2) return order;
  if (element_type.is_primitive()) {
    std::stable_sort(order.begin(), order.end(),
                     [&](const Value* a, const Value* b) { return Less(*a, *b, element_type); });
    return order;
  }
  // Compound elements sort by hash bytes; compute each once.
  std::vector<std::pair<std::string, const Value*>> keyed;
  keyed.reserve(order.size());
  for (const Value* e : order) {
    std::string h;
    AppendSetHashBytes(*e, element_type, h);
    keyed.emplace_back(std::move(h), e);
  }
  auto rank = [](const Value& v) { return v.is_null() ? 2 : (v.is_known() ? 0 : 1); };
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    const int ra = rank(*a.second);
    const int rb = rank(*b.second);
    if (ra != rb) return ra < rb;
    if (ra != 0) return false;
    return a.first < b.first;
  });
  for (size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
  return order;
}

}  // namespace tfplugin::cty
