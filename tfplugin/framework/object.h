// Typed models: one declaration per resource binds each C++ field to its
// attribute, with everything the attribute is (mode, description, default,
// validators, plan modifiers). The declaration yields the ObjectSpec that
// the schema, validation, planning and docs read, and decodes/encodes the
// model from/to cty values, once.
//
//   struct Note {
//     fw::Maybe<std::string> id, text;
//     fw::Maybe<int64_t> length;
//     friend bool operator==(const Note&, const Note&) = default;
//   };
//   fw::Object<Note> NoteObject() {
//     return fw::Object<Note>()
//         .Add(fw::Attr("id", &Note::id).Computed().Description("The note's id."))
//         .Add(fw::Attr("text", &Note::text).Required().Validate(fw::LengthBetween(1, 200)))
//         .Add(fw::Attr("length", &Note::length).Computed().UnknownWhen({"text"}));
//   }
//
// Field types: Maybe<std::string>, Maybe<int64_t>, Maybe<double>,
// Maybe<bool>, Maybe<std::vector<std::string | int64_t | double | bool>>
// (lists), and with a nested declaration Maybe<S> (a nested object) or
// Maybe<std::vector<S>> (a list of objects; .AsBlocks() makes it blocks).
// Nested structs need operator== (ModifyPlan compares models).
//
// Code that must name an attribute (a diagnostic's path, a message) asks the
// declaration: NameOf(&Note::text), PathOf(&Note::text).
#ifndef TFPLUGIN_FRAMEWORK_OBJECT_H_
#define TFPLUGIN_FRAMEWORK_OBJECT_H_

#include <any>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "tfplugin/cty/value.h"
#include "tfplugin/diagnostics.h"
#include "tfplugin/framework/maybe.h"
#include "tfplugin/framework/spec.h"

namespace tfplugin::fw {

// Scalar codecs. Decode's precondition: the value is known and not null.
template <typename T>
struct Codec;

template <>
struct Codec<std::string> {
  static cty::Type Type() { return cty::Type::String(); }
  static bool Decode(const cty::Value& v, std::string& out) {
    if (v.kind() != cty::Value::Kind::kString) return false;
    out = v.AsString();
    return true;
  }
  static cty::Value Encode(const std::string& s) { return cty::Value::String(s); }
};

template <>
struct Codec<int64_t> {
  static cty::Type Type() { return cty::Type::Number(); }
  static bool Decode(const cty::Value& v, int64_t& out) {
    if (v.kind() != cty::Value::Kind::kNumber) return false;
    std::optional<int64_t> i = v.AsNumber().ToInt64();
    if (!i) return false;
    out = *i;
    return true;
  }
  static cty::Value Encode(int64_t i) { return cty::Value::Int(i); }
};

template <>
struct Codec<double> {
  static cty::Type Type() { return cty::Type::Number(); }
  static bool Decode(const cty::Value& v, double& out) {
    if (v.kind() != cty::Value::Kind::kNumber) return false;
    out = v.AsNumber().ToDouble();
    return true;
  }
  static cty::Value Encode(double d) { return cty::Value::NumberValue(cty::Number::FromDouble(d)); }
};

template <>
struct Codec<bool> {
  static cty::Type Type() { return cty::Type::Bool(); }
  static bool Decode(const cty::Value& v, bool& out) {
    if (v.kind() != cty::Value::Kind::kBool) return false;
    out = v.AsBool();
    return true;
  }
  static cty::Value Encode(bool b) { return cty::Value::Bool(b); }
};

template <typename T>
struct Codec<std::vector<T>> {
  static cty::Type Type() { return cty::Type::List(Codec<T>::Type()); }
  static bool Decode(const cty::Value& v, std::vector<T>& out) {
    if (v.kind() != cty::Value::Kind::kList) return false;
    out.clear();
    for (const cty::Value& e : v.Elements()) {
      if (e.is_null()) continue;  // Terraform rejects null elements in config anyway
      T item{};
      if (!Codec<T>::Decode(e, item)) return false;
      out.push_back(std::move(item));
    }
    return true;
  }
  static cty::Value Encode(const std::vector<T>& items) {
    std::vector<cty::Value> out;
    out.reserve(items.size());
    for (const T& i : items) out.push_back(Codec<T>::Encode(i));
    return cty::Value::List(std::move(out));
  }
};

// How one field reads from and writes to its attribute.
template <typename M>
struct FieldBinding {
  std::function<void(const cty::Value&, M&, const AttributePath&, Diagnostics&)> decode;
  std::function<cty::Value(const M&)> encode;
  std::function<bool(const M&, const M&)> equal;
  // Set by every Attr builder; a binding made by hand without them is not
  // found by NameOf and not copied by KeepKnown.
  std::function<void(const M& from, M& to)> copy;
  std::any member;  // the field's member pointer (F M::*): finds the attribute by field
};

namespace internal {
// equal, copy and member for a field `F M::*`.
template <typename M, typename F>
void BindMember(FieldBinding<M>& f, F M::*member) {
  f.equal = [member](const M& a, const M& b) { return a.*member == b.*member; };
  f.copy = [member](const M& from, M& to) { to.*member = from.*member; };
  f.member = member;
}
}  // namespace internal

template <typename M>
class Object;

// One attribute being declared (see Attr below); chain the builders.
template <typename M>
class AttrDecl {
 public:
  AttrDecl(AttrSpec spec, FieldBinding<M> field)
      : spec_(std::move(spec)), field_(std::move(field)) {}

  AttrDecl& Required() { return Mode(true, false, false); }
  AttrDecl& Optional() { return Mode(false, true, false); }
  AttrDecl& Computed() { return Mode(false, false, true); }
  AttrDecl& OptionalComputed() { return Mode(false, true, true); }
  AttrDecl& Sensitive() {
    spec_.sensitive = true;
    return *this;
  }
  AttrDecl& Description(std::string markdown) {
    spec_.description = std::move(markdown);
    return *this;
  }
  AttrDecl& Validate(ValidatorPtr v) {
    spec_.validators.push_back(std::move(v));
    return *this;
  }
  AttrDecl& Modify(PlanModifierPtr m) {
    spec_.modifiers.push_back(std::move(m));
    return *this;
  }
  // The value when the config leaves it null (makes the attribute computed,
  // as Terraform requires of an attribute the provider fills).
  template <typename V>
  AttrDecl& Default(const V& v) {
    if constexpr (std::is_same_v<V, cty::Value>) {
      spec_.default_value = v;
    } else if constexpr (std::is_convertible_v<V, std::string>) {
      spec_.default_value = cty::Value::String(std::string(v));
    } else if constexpr (std::is_same_v<V, bool>) {
      spec_.default_value = cty::Value::Bool(v);
    } else {
      spec_.default_value = cty::Value::Int(static_cast<int64_t>(v));
    }
    spec_.computed = true;
    return *this;
  }
  // Computed: unknown on any update (instead of keeping the prior value).
  AttrDecl& UnknownOnChange() {
    spec_.on_update = OnUpdate::kUnknownOnChange;
    return *this;
  }
  // Computed: unknown on an update that changes one of `names` (siblings).
  AttrDecl& UnknownWhen(std::vector<std::string> names) {
    spec_.on_update = OnUpdate::kUnknownWhen;
    spec_.watched = std::move(names);
    return *this;
  }
  // A list of nested objects written as blocks (`rule { ... }` repeated).
  AttrDecl& AsBlocks(int64_t min_items = 0, int64_t max_items = 0) {
    spec_.as_blocks = true;
    spec_.min_items = min_items;
    spec_.max_items = max_items;
    spec_.required = spec_.optional = spec_.computed = false;
    return *this;
  }

  const AttrSpec& spec() const { return spec_; }
  const FieldBinding<M>& field() const { return field_; }

 private:
  AttrDecl& Mode(bool required, bool optional, bool computed) {
    spec_.required = required;
    spec_.optional = optional;
    spec_.computed = computed;
    return *this;
  }
  AttrSpec spec_;
  FieldBinding<M> field_;
};

// A model's declaration. Copies share the declaration: declare it once.
template <typename M>
class Object {
 public:
  Object()
      : spec_(std::make_shared<ObjectSpec>()),
        fields_(std::make_shared<std::vector<FieldBinding<M>>>()) {}

  Object& Add(const AttrDecl<M>& a) {
    spec_->attributes.push_back(a.spec());
    fields_->push_back(a.field());
    return *this;
  }
  Object& Validate(ObjectValidatorPtr v) {
    spec_->validators.push_back(std::move(v));
    return *this;
  }

  std::shared_ptr<const ObjectSpec> spec() const { return spec_; }

  // The attribute a field is bound to, so code that names an attribute (a
  // diagnostic's path, a message) takes the name from the declaration.
  // A field that was never declared is a bug: std::logic_error.
  template <typename F>
  const std::string& NameOf(F M::*member) const {
    for (size_t i = 0; i < fields_->size(); ++i) {
      const auto* bound = std::any_cast<F M::*>(&(*fields_)[i].member);
      if (bound != nullptr && *bound == member) return spec_->attributes[i].name;
    }
    throw std::logic_error("fw::Object::NameOf: the field is not declared");
  }
  template <typename F>
  AttributePath PathOf(F M::*member) const {
    return AttributePath::Root(NameOf(member));
  }

  // Reads a known object; a null or unknown object reads as a model of nulls.
  M Decode(const cty::Value& object, const AttributePath& path, Diagnostics& diags) const {
    M m{};
    if (object.kind() != cty::Value::Kind::kObject) return m;
    for (size_t i = 0; i < fields_->size(); ++i) {
      const std::string& name = spec_->attributes[i].name;
      (*fields_)[i].decode(object.Attr(name), m, path.Attr(name), diags);
    }
    return m;
  }
  M Decode(const cty::Value& object) const {
    Diagnostics ignored;
    return Decode(object, AttributePath(), ignored);
  }

  cty::Value Encode(const M& m) const {
    std::map<std::string, cty::Value> attrs;
    for (size_t i = 0; i < fields_->size(); ++i) {
      attrs.emplace(spec_->attributes[i].name, EncodeField(i, m));
    }
    return cty::Value::Object(std::move(attrs));
  }

  // `original` with the attributes whose field differs between `before` and
  // `after` encoded from `after`; the others keep their exact cty value (so
  // a partly unknown list the model reads as unknown is not flattened).
  cty::Value Merge(const cty::Value& original, const M& before, const M& after) const {
    if (original.kind() != cty::Value::Kind::kObject) return Encode(after);
    cty::Value out = original;
    for (size_t i = 0; i < fields_->size(); ++i) {
      if (!(*fields_)[i].equal(before, after)) {
        out = out.WithAttr(spec_->attributes[i].name, EncodeField(i, after));
      }
    }
    return out;
  }

  // `observed` with every field that is wholly known (null included) in
  // `planned` taken from `planned`: Terraform requires an apply to return
  // each wholly known planned value unchanged, and what the API reports
  // (another order of the same list, a value it no longer shows) must not
  // break that; the unknown ones are what the apply learns.
  M KeepKnown(const M& planned, M observed) const {
    for (const FieldBinding<M>& f : *fields_) {
      if (f.copy && f.encode(planned).IsWhollyKnown()) f.copy(planned, observed);
    }
    return observed;
  }

 private:
  cty::Value EncodeField(size_t i, const M& m) const {
    cty::Value v = (*fields_)[i].encode(m);
    // A list of blocks is never null in Terraform's values: empty instead.
    const AttrSpec& a = spec_->attributes[i];
    if (v.is_null() && a.as_blocks && a.nest == AttrSpec::Nest::kList) return cty::Value::List({});
    return v;
  }

  std::shared_ptr<ObjectSpec> spec_;
  std::shared_ptr<std::vector<FieldBinding<M>>> fields_;
};

namespace internal {

void AddDecodeError(const AttributePath& path, const cty::Value& v, Diagnostics& diags);

template <typename M, typename T, typename DecodeKnown, typename EncodeKnown>
FieldBinding<M> Bind(Maybe<T> M::*member, DecodeKnown decode_known, EncodeKnown encode_known) {
  FieldBinding<M> f;
  f.decode = [member, decode_known](const cty::Value& v, M& m, const AttributePath& path,
                                    Diagnostics& diags) {
    Maybe<T>& out = m.*member;
    if (v.is_null()) {
      out = Maybe<T>::Null();
    } else if (v.is_unknown()) {
      out = Maybe<T>::Unknown();
    } else {
      T t{};
      int result = decode_known(v, t, path, diags);  // 1 known, 0 unknown inside, -1 bad
      if (result > 0) {
        out = Maybe<T>::Known(std::move(t));
      } else if (result == 0) {
        out = Maybe<T>::Unknown();
      } else {
        AddDecodeError(path, v, diags);
        out = Maybe<T>::Unknown();
      }
    }
  };
  f.encode = [member, encode_known](const M& m) {
    const Maybe<T>& in = m.*member;
    if (in.is_unknown()) return cty::Value::Unknown();
    if (in.is_null()) return cty::Value::Null();
    return encode_known(in.value);
  };
  BindMember(f, member);
  return f;
}

}  // namespace internal

// A string, number, bool or list-of-primitives attribute. Optional unless a
// builder says otherwise.
template <typename M, typename T>
AttrDecl<M> Attr(std::string name, Maybe<T> M::*member) {
  AttrSpec spec;
  spec.name = std::move(name);
  spec.type = Codec<T>::Type();
  spec.optional = true;
  auto decode = [](const cty::Value& v, T& out, const AttributePath&, Diagnostics&) {
    if (!v.IsWhollyKnown()) return 0;
    return Codec<T>::Decode(v, out) ? 1 : -1;
  };
  return AttrDecl<M>(std::move(spec),
                     internal::Bind(member, decode, [](const T& t) { return Codec<T>::Encode(t); }));
}

// A nested object (nesting SINGLE).
template <typename M, typename S>
AttrDecl<M> Attr(std::string name, Maybe<S> M::*member, const Object<S>& nested) {
  AttrSpec spec;
  spec.name = std::move(name);
  spec.nest = AttrSpec::Nest::kSingle;
  spec.nested = nested.spec();
  spec.optional = true;
  auto decode = [nested](const cty::Value& v, S& out, const AttributePath& path,
                         Diagnostics& diags) {
    out = nested.Decode(v, path, diags);
    return 1;
  };
  return AttrDecl<M>(std::move(spec),
                     internal::Bind(member, decode,
                                    [nested](const S& s) { return nested.Encode(s); }));
}

// A list of nested objects (nesting LIST; blocks with .AsBlocks()).
template <typename M, typename S>
AttrDecl<M> Attr(std::string name, Maybe<std::vector<S>> M::*member, const Object<S>& nested) {
  AttrSpec spec;
  spec.name = std::move(name);
  spec.nest = AttrSpec::Nest::kList;
  spec.nested = nested.spec();
  spec.optional = true;
  auto decode = [nested](const cty::Value& v, std::vector<S>& out, const AttributePath& path,
                         Diagnostics& diags) {
    if (v.kind() != cty::Value::Kind::kList) return -1;
    out.clear();
    int64_t i = 0;
    for (const cty::Value& e : v.Elements()) {
      if (e.is_unknown()) return 0;
      out.push_back(nested.Decode(e, path.Index(i++), diags));
    }
    return 1;
  };
  auto encode = [nested](const std::vector<S>& items) {
    std::vector<cty::Value> out;
    for (const S& s : items) out.push_back(nested.Encode(s));
    return cty::Value::List(std::move(out));
  };
  return AttrDecl<M>(std::move(spec), internal::Bind(member, decode, encode));
}

// A field of a type of the caller's (not a Maybe of a codec type), e.g. a
// reference that reads as a whole: `spec` gives the attribute's shape (its
// name, type or nested object, mode), `decode` reads any value (null and
// unknown included) and `encode` writes one. F needs operator==.
template <typename M, typename F>
AttrDecl<M> CustomAttr(AttrSpec spec, F M::*member, std::function<F(const cty::Value&)> decode,
                       std::function<cty::Value(const F&)> encode) {
  FieldBinding<M> f;
  f.decode = [member, decode](const cty::Value& v, M& m, const AttributePath&, Diagnostics&) {
    m.*member = decode(v);
  };
  f.encode = [member, encode](const M& m) { return encode(m.*member); };
  internal::BindMember(f, member);
  return AttrDecl<M>(std::move(spec), std::move(f));
}

}  // namespace tfplugin::fw

#endif  // TFPLUGIN_FRAMEWORK_OBJECT_H_
