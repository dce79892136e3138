#include "tfplugin/framework/pattern.h"

#include <cctype>
#include <utility>

namespace tfplugin::fw {

namespace {

constexpr size_t kMaxStates = 10000;
constexpr int kInfinite = -1;

// The parsed pattern. Parsing recurses on the pattern's nesting (a constant
// the provider author writes), never on the input.
struct Node {
  enum class Type { kEmpty, kSet, kConcat, kAlternate, kRepeat } type = Type::kEmpty;
  std::bitset<256> set;
  std::vector<std::unique_ptr<Node>> children;
  int min = 0;
  int max = 0;  // kInfinite: no upper bound
};

std::bitset<256> ClassEscape(char c, bool* ok) {
  std::bitset<256> s;
  *ok = true;
  switch (c) {
    case 'd':
      for (int b = '0'; b <= '9'; ++b) s.set(b);
      return s;
    case 'w':
      for (int b = 0; b < 256; ++b) {
        if (std::isalnum(b) || b == '_') s.set(b);
      }
      return s;
    case 's':
      for (char b : std::string(" \t\n\r\f\v")) s.set(static_cast<unsigned char>(b));
      return s;
    case 'n':
      s.set('\n');
      return s;
    case 't':
      s.set('\t');
      return s;
    default:
      if (std::isalnum(static_cast<unsigned char>(c))) {
        *ok = false;  // unknown letter escapes are mistakes, not literals
        return s;
      }
      s.set(static_cast<unsigned char>(c));
      return s;
  }
}

class Parser {
 public:
  explicit Parser(std::string_view p) : p_(p) {}

  absl::StatusOr<std::unique_ptr<Node>> Parse() {
    if (!p_.empty() && p_.front() == '^') pos_ = 1;
    std::string_view body = p_;
    if (body.size() > pos_ && body.back() == '$' && !(body.size() >= 2 && body[body.size() - 2] == '\\')) {
      end_ = body.size() - 1;
    } else {
      end_ = body.size();
    }
    auto node = Alternation();
    if (!node.ok()) return node;
    if (pos_ != end_) return Error("unexpected ')'");
    return node;
  }

 private:
  absl::Status Error(std::string what) const {
    return absl::InvalidArgumentError("pattern " + std::string(p_) + ": " + what + " at offset " +
                                      std::to_string(pos_));
  }
  bool AtEnd() const { return pos_ >= end_; }

  absl::StatusOr<std::unique_ptr<Node>> Alternation() {
    auto first = Concatenation();
    if (!first.ok()) return first;
    if (AtEnd() || p_[pos_] != '|') return first;
    auto alt = std::make_unique<Node>();
    alt->type = Node::Type::kAlternate;
    alt->children.push_back(*std::move(first));
    while (!AtEnd() && p_[pos_] == '|') {
      ++pos_;
      auto next = Concatenation();
      if (!next.ok()) return next;
      alt->children.push_back(*std::move(next));
    }
    return alt;
  }

  absl::StatusOr<std::unique_ptr<Node>> Concatenation() {
    auto cat = std::make_unique<Node>();
    cat->type = Node::Type::kConcat;
    while (!AtEnd() && p_[pos_] != '|' && p_[pos_] != ')') {
      auto atom = Atom();
      if (!atom.ok()) return atom;
      auto quantified = Quantifier(*std::move(atom));
      if (!quantified.ok()) return quantified;
      cat->children.push_back(*std::move(quantified));
    }
    return cat;
  }

  absl::StatusOr<std::unique_ptr<Node>> Atom() {
    const char c = p_[pos_++];
    auto node = std::make_unique<Node>();
    node->type = Node::Type::kSet;
    switch (c) {
      case '(': {
        if (p_.substr(pos_, 2) == "?:") pos_ += 2;
        auto inner = Alternation();
        if (!inner.ok()) return inner;
        if (AtEnd() || p_[pos_] != ')') return Error("missing ')'");
        ++pos_;
        return inner;
      }
      case '[':
        return Class();
      case '.':
        node->set.set();
        return node;
      case '\\': {
        if (AtEnd()) return Error("trailing '\\'");
        bool ok;
        node->set = ClassEscape(p_[pos_++], &ok);
        if (!ok) return Error("unknown escape");
        return node;
      }
      case '*':
      case '+':
      case '?':
      case '{':
        return Error("quantifier without an operand");
      case '^':
      case '$':
        return Error("anchor inside the pattern");
      default:
        node->set.set(static_cast<unsigned char>(c));
        return node;
    }
  }

  absl::StatusOr<std::unique_ptr<Node>> Class() {
    auto node = std::make_unique<Node>();
    node->type = Node::Type::kSet;
    bool negate = false;
    if (!AtEnd() && p_[pos_] == '^') {
      negate = true;
      ++pos_;
    }
    bool first = true;
    while (true) {
      if (AtEnd()) return Error("missing ']'");
      char c = p_[pos_++];
      if (c == ']' && !first) break;
      first = false;
      std::bitset<256> item;
      int lo = static_cast<unsigned char>(c);
      if (c == '\\') {
        if (AtEnd()) return Error("trailing '\\'");
        bool ok;
        item = ClassEscape(p_[pos_++], &ok);
        if (!ok) return Error("unknown escape");
        if (item.count() != 1) {  // \d, \w, \s: no range from them
          node->set |= item;
          continue;
        }
        for (int b = 0; b < 256; ++b) {
          if (item.test(b)) lo = b;
        }
      }
      if (pos_ + 1 < end_ && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
        pos_++;
        int hi = static_cast<unsigned char>(p_[pos_++]);
        if (hi == '\\') {
          if (AtEnd()) return Error("trailing '\\'");
          hi = static_cast<unsigned char>(p_[pos_++]);
        }
        if (hi < lo) return Error("range out of order");
        for (int b = lo; b <= hi; ++b) node->set.set(b);
      } else {
        node->set.set(lo);
      }
    }
    if (negate) node->set.flip();
    return node;
  }

  absl::StatusOr<std::unique_ptr<Node>> Quantifier(std::unique_ptr<Node> atom) {
    while (!AtEnd()) {
      int min;
      int max;
      const char c = p_[pos_];
      if (c == '*') {
        min = 0, max = kInfinite;
        ++pos_;
      } else if (c == '+') {
        min = 1, max = kInfinite;
        ++pos_;
      } else if (c == '?') {
        min = 0, max = 1;
        ++pos_;
      } else if (c == '{') {
        ++pos_;
        if (!ReadInt(&min)) return Error("bad {n,m}");
        max = min;
        if (!AtEnd() && p_[pos_] == ',') {
          ++pos_;
          if (!AtEnd() && p_[pos_] == '}') {
            max = kInfinite;
          } else if (!ReadInt(&max) || max < min) {
            return Error("bad {n,m}");
          }
        }
        if (AtEnd() || p_[pos_] != '}') return Error("bad {n,m}");
        ++pos_;
      } else {
        break;
      }
      auto rep = std::make_unique<Node>();
      rep->type = Node::Type::kRepeat;
      rep->min = min;
      rep->max = max;
      rep->children.push_back(std::move(atom));
      atom = std::move(rep);
    }
    return atom;
  }

  bool ReadInt(int* out) {
    size_t start = pos_;
    int v = 0;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(p_[pos_]))) {
      v = v * 10 + (p_[pos_++] - '0');
      if (v > 1000) return false;
    }
    *out = v;
    return pos_ > start;
  }

  std::string_view p_;
  size_t pos_ = 0;
  size_t end_ = 0;
};

}  // namespace

// Builds the NFA: each fragment has one entry and one exit state, and the
// exit is an epsilon state later fragments attach to.
class PatternCompiler {
 public:
  using State = Pattern::State;
  struct Fragment {
    int in;
    int out;
  };

  absl::StatusOr<Fragment> Build(const Node& n) {
    switch (n.type) {
      case Node::Type::kEmpty: {
        int s = New();
        return Fragment{s, s};
      }
      case Node::Type::kSet: {
        int s = New();
        int e = New();
        states_[s].consumes = true;
        states_[s].set = n.set;
        states_[s].next = e;
        return Fragment{s, e};
      }
      case Node::Type::kConcat: {
        int s = New();
        Fragment f{s, s};
        for (const auto& child : n.children) {
          auto c = Build(*child);
          if (!c.ok()) return c;
          states_[f.out].epsilon.push_back(c->in);
          f.out = c->out;
        }
        return f;
      }
      case Node::Type::kAlternate: {
        int s = New();
        int e = New();
        for (const auto& child : n.children) {
          auto c = Build(*child);
          if (!c.ok()) return c;
          states_[s].epsilon.push_back(c->in);
          states_[c->out].epsilon.push_back(e);
        }
        return Fragment{s, e};
      }
      case Node::Type::kRepeat: {
        const Node& child = *n.children.front();
        int s = New();
        Fragment f{s, s};
        for (int i = 0; i < n.min; ++i) {  // the required copies
          auto c = Build(child);
          if (!c.ok()) return c;
          states_[f.out].epsilon.push_back(c->in);
          f.out = c->out;
        }
        if (n.max == kInfinite) {  // then a loop
          auto c = Build(child);
          if (!c.ok()) return c;
          int e = New();
          states_[f.out].epsilon.push_back(c->in);
          states_[f.out].epsilon.push_back(e);
          states_[c->out].epsilon.push_back(c->in);
          states_[c->out].epsilon.push_back(e);
          f.out = e;
        } else {  // or the optional copies, each skippable to the end
          int e = New();
          for (int i = n.min; i < n.max; ++i) {
            auto c = Build(child);
            if (!c.ok()) return c;
            states_[f.out].epsilon.push_back(c->in);
            states_[f.out].epsilon.push_back(e);
            f.out = c->out;
          }
          states_[f.out].epsilon.push_back(e);
          f.out = e;
        }
        return f;
      }
    }
    return absl::InternalError("unreachable");
  }

  absl::StatusOr<Pattern> Finish(std::string_view source, const Node& root) {
    auto f = Build(root);
    if (!f.ok()) return f.status();
    if (overflow_) {
      return absl::InvalidArgumentError("pattern " + std::string(source) + " is too large");
    }
    Pattern p;
    p.source_ = std::string(source);
    p.start_ = f->in;
    p.accept_ = f->out;
    p.states_ = std::make_shared<const std::vector<State>>(std::move(states_));
    return p;
  }

 private:
  int New() {
    if (states_.size() >= kMaxStates) {
      overflow_ = true;
      return static_cast<int>(states_.size()) - 1;
    }
    states_.emplace_back();
    return static_cast<int>(states_.size()) - 1;
  }
  std::vector<State> states_;
  bool overflow_ = false;
};

absl::StatusOr<Pattern> Pattern::Compile(std::string_view pattern) {
  Parser parser(pattern);
  auto root = parser.Parse();
  if (!root.ok()) return root.status();
  PatternCompiler compiler;
  return compiler.Finish(pattern, **root);
}

bool Pattern::FullMatch(std::string_view text) const {
  const std::vector<State>& states = *states_;
  std::vector<char> in_set(states.size(), 0);
  std::vector<int> current;
  std::vector<int> stack;
  // Adds `s` and everything reachable from it by epsilon moves (iteratively).
  auto add = [&](std::vector<int>& set, int s) {
    stack.push_back(s);
    while (!stack.empty()) {
      int t = stack.back();
      stack.pop_back();
      if (in_set[t]) continue;
      in_set[t] = 1;
      set.push_back(t);
      for (int e : states[t].epsilon) stack.push_back(e);
    }
  };
  add(current, start_);
  std::vector<int> next;
  for (unsigned char c : text) {
    for (int s : current) in_set[s] = 0;
    next.clear();
    for (int s : current) {
      if (states[s].consumes && states[s].set.test(c)) add(next, states[s].next);
    }
    current.swap(next);
    if (current.empty()) return false;
  }
  for (int s : current) {
    if (s == accept_) return true;
  }
  return false;
}

}  // namespace tfplugin::fw
