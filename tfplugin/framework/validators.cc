#include "tfplugin/framework/validators.h"

#include <set>
#include <stdexcept>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tfplugin/framework/pattern.h"
#include "tfplugin/framework/text.h"

namespace tfplugin::fw {

namespace {

// The attribute a path ends with ("tags" for tags[2]), for summaries.
std::string LastName(const AttributePath& path) {
  for (auto it = path.steps().rbegin(); it != path.steps().rend(); ++it) {
    if (const auto* a = std::get_if<AttributePath::Attribute>(&*it)) return a->name;
  }
  return "value";
}

std::string Summary(const AttributePath& path) { return "Invalid " + LastName(path); }

std::string Where(const AttributePath& path) {
  return path.empty() ? std::string("the value") : path.ToString();
}

class LengthValidator final : public Validator {
 public:
  LengthValidator(size_t min, size_t max, Count count) : min_(min), max_(max), count_(count) {}
  void Check(const cty::Value& v, const AttributePath& path, Diagnostics& diags) const override {
    if (v.kind() != cty::Value::Kind::kString) return;
    const std::string& s = v.AsString();
    const size_t n = count_ == Count::kBytes ? s.size() : CountCharacters(s);
    if (n < min_ || n > max_) {
      diags.AddError(Summary(path),
                     absl::StrCat(Where(path), " must be ", Range(), "; it has ", n, "."), path);
    }
  }
  std::string Describe() const override { return absl::StrCat("Must be ", Range(), "."); }

 private:
  std::string Range() const {
    const char* unit = count_ == Count::kBytes ? " bytes" : " characters";
    if (min_ == 0) return absl::StrCat("at most ", max_, unit);
    if (min_ == max_) return absl::StrCat("exactly ", max_, unit);
    return absl::StrCat("between ", min_, " and ", max_, unit);
  }
  size_t min_, max_;
  Count count_;
};

class PatternValidator final : public Validator {
 public:
  PatternValidator(Pattern pattern, std::string explanation)
      : pattern_(std::move(pattern)), explanation_(std::move(explanation)) {}
  void Check(const cty::Value& v, const AttributePath& path, Diagnostics& diags) const override {
    if (v.kind() != cty::Value::Kind::kString) return;
    if (pattern_.FullMatch(v.AsString())) return;
    diags.AddError(Summary(path),
                   absl::StrCat(Quote(v.AsString()), " is not a valid ", LastName(path), ": ",
                                explanation_, " (", pattern_.source(), ")."),
                   path);
  }
  std::string Describe() const override {
    return absl::StrCat("Must match `", pattern_.source(), "`: ", explanation_, ".");
  }

 private:
  Pattern pattern_;
  std::string explanation_;
};

class OneOfValidator final : public Validator {
 public:
  OneOfValidator(std::vector<std::string> allowed, bool ignore_case)
      : allowed_(std::move(allowed)), ignore_case_(ignore_case) {}
  void Check(const cty::Value& v, const AttributePath& path, Diagnostics& diags) const override {
    if (v.kind() != cty::Value::Kind::kString) return;
    for (const std::string& a : allowed_) {
      if (ignore_case_ ? absl::EqualsIgnoreCase(a, v.AsString()) : a == v.AsString()) return;
    }
    diags.AddError(Summary(path),
                   absl::StrCat(Quote(v.AsString()), " is not one of ", List(), "."), path);
  }
  std::string Describe() const override {
    return absl::StrCat("One of ", List(), ignore_case_ ? " (any case)." : ".");
  }

 private:
  std::string List() const {
    return absl::StrJoin(allowed_, ", ",
                         [](std::string* out, const std::string& s) { absl::StrAppend(out, "`", s, "`"); });
  }
  std::vector<std::string> allowed_;
  bool ignore_case_;
};

class IntValidator final : public Validator {
 public:
  IntValidator(int64_t min, int64_t max) : min_(min), max_(max) {}
  void Check(const cty::Value& v, const AttributePath& path, Diagnostics& diags) const override {
    if (v.kind() != cty::Value::Kind::kNumber) return;
    std::optional<int64_t> i = v.AsNumber().ToInt64();
    if (!i) {
      diags.AddError(Summary(path),
                     absl::StrCat(Where(path), " must be a whole number; it is ",
                                  Quote(v.AsNumber().ToString()), "."),
                     path);
    } else if (*i < min_ || *i > max_) {
      diags.AddError(Summary(path),
                     absl::StrCat(Where(path), " must be between ", min_, " and ", max_,
                                  "; it is ", *i, "."),
                     path);
    }
  }
  std::string Describe() const override {
    return absl::StrCat("A whole number between ", min_, " and ", max_, ".");
  }

 private:
  int64_t min_, max_;
};

class UniqueValidator final : public Validator {
 public:
  void Check(const cty::Value& v, const AttributePath& path, Diagnostics& diags) const override {
    if (v.kind() != cty::Value::Kind::kList) return;
    const auto& elements = v.Elements();
    for (size_t i = 0; i < elements.size(); ++i) {
      if (!elements[i].IsWhollyKnown()) continue;
      for (size_t j = 0; j < i; ++j) {
        if (elements[j] == elements[i]) {
          const std::string shown = elements[i].kind() == cty::Value::Kind::kString
                                        ? Quote(elements[i].AsString())
                                        : std::string("an element");
          diags.AddError(absl::StrCat("Duplicate ", LastName(path)),
                         absl::StrCat(shown, " appears more than once in ", Where(path), "."),
                         path.Index(static_cast<int64_t>(i)));
          break;
        }
      }
    }
  }
  std::string Describe() const override { return "Elements must be unique."; }
};

class EachValidator final : public Validator {
 public:
  explicit EachValidator(ValidatorPtr inner) : inner_(std::move(inner)) {}
  void Check(const cty::Value& v, const AttributePath& path, Diagnostics& diags) const override {
    if (v.kind() != cty::Value::Kind::kList && v.kind() != cty::Value::Kind::kSet) return;
    int64_t i = 0;
    for (const cty::Value& e : v.Elements()) {
      if (e.is_known() && !e.is_null()) inner_->Check(e, path.Index(i), diags);
      ++i;
    }
  }
  std::string Describe() const override { return "Each element: " + inner_->Describe(); }

 private:
  ValidatorPtr inner_;
};

class CustomValidator final : public Validator {
 public:
  CustomValidator(CheckFn fn, std::string description)
      : fn_(std::move(fn)), description_(std::move(description)) {}
  void Check(const cty::Value& v, const AttributePath& path, Diagnostics& diags) const override {
    fn_(v, path, diags);
  }
  std::string Describe() const override { return description_; }

 private:
  CheckFn fn_;
  std::string description_;
};

std::string Names(const std::vector<std::string>& names) {
  return absl::StrJoin(names, ", ",
                       [](std::string* out, const std::string& s) { absl::StrAppend(out, "`", s, "`"); });
}

class CountOfValidator final : public ObjectValidator {
 public:
  CountOfValidator(std::vector<std::string> names, bool exactly_one)
      : names_(std::move(names)), exactly_one_(exactly_one) {}
  void Check(const cty::Value& object, const AttributePath& path,
             Diagnostics& diags) const override {
    size_t set = 0;
    bool undecided = false;
    for (const std::string& n : names_) {
      const cty::Value& v = object.Attr(n);
      if (DefinitelySet(v)) {
        ++set;
      } else if (v.is_unknown()) {
        undecided = true;  // may turn out null or set
      }
    }
    const std::string in = path.empty() ? std::string() : " in " + path.ToString();
    if (set > 1) {
      diags.AddError(exactly_one_ ? "Conflicting attributes" : "Conflicting attributes",
                     absl::StrCat("Set ", exactly_one_ ? "exactly" : "at most", " one of ",
                                  Names(names_), in, ", not several."),
                     path);
    } else if (exactly_one_ && set == 0 && !undecided) {
      diags.AddError("Missing attribute",
                     absl::StrCat("Set exactly one of ", Names(names_), in, "."), path);
    }
  }
  std::string Describe() const override {
    return absl::StrCat(exactly_one_ ? "Exactly" : "At most", " one of ", Names(names_),
                        " must be set.");
  }

 private:
  std::vector<std::string> names_;
  bool exactly_one_;
};

}  // namespace

bool DefinitelySet(const cty::Value& v) {
  return v.is_unknown() ? v.unknown_not_null() : !v.is_null();
}

ValidatorPtr LengthBetween(size_t min, size_t max, Count count) {
  return std::make_shared<LengthValidator>(min, max, count);
}

ValidatorPtr Matches(std::string pattern, std::string explanation) {
  absl::StatusOr<Pattern> p = Pattern::Compile(pattern);
  if (!p.ok()) throw std::invalid_argument(std::string(p.status().message()));
  return std::make_shared<PatternValidator>(*std::move(p), std::move(explanation));
}

ValidatorPtr OneOf(std::vector<std::string> allowed, bool ignore_case) {
  return std::make_shared<OneOfValidator>(std::move(allowed), ignore_case);
}

ValidatorPtr IntBetween(int64_t min, int64_t max) {
  return std::make_shared<IntValidator>(min, max);
}

ValidatorPtr UniqueItems() { return std::make_shared<UniqueValidator>(); }

ValidatorPtr Each(ValidatorPtr inner) { return std::make_shared<EachValidator>(std::move(inner)); }

ValidatorPtr Custom(CheckFn fn, std::string description) {
  return std::make_shared<CustomValidator>(std::move(fn), std::move(description));
}

ObjectValidatorPtr ExactlyOneOf(std::vector<std::string> names) {
  return std::make_shared<CountOfValidator>(std::move(names), true);
}

ObjectValidatorPtr ConflictsWith(std::vector<std::string> names) {
  return std::make_shared<CountOfValidator>(std::move(names), false);
}

}  // namespace tfplugin::fw
