// Diagnostics and attribute paths, protocol-free. The gRPC layer converts
// them to tfplugin6.Diagnostic / tfplugin6.AttributePath.
#ifndef TFPLUGIN_DIAGNOSTICS_H_
#define TFPLUGIN_DIAGNOSTICS_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tfplugin {

// A path into a value: attribute names, list indexes and map keys.
class AttributePath {
 public:
  struct Attribute {
    std::string name;
    friend bool operator==(const Attribute&, const Attribute&) = default;
  };
  struct StringKey {
    std::string key;
    friend bool operator==(const StringKey&, const StringKey&) = default;
  };
  struct IntKey {
    int64_t index;
    friend bool operator==(const IntKey&, const IntKey&) = default;
  };
  using Step = std::variant<Attribute, StringKey, IntKey>;

  AttributePath() = default;
  static AttributePath Root(std::string attribute);

  AttributePath Attr(std::string name) const;
  AttributePath Key(std::string key) const;
  AttributePath Index(int64_t index) const;

  const std::vector<Step>& steps() const { return steps_; }
  bool empty() const { return steps_.empty(); }
  // HCL-like rendering: network.value_from.kind, firewall_ids[1].value
  std::string ToString() const;

  friend bool operator==(const AttributePath&, const AttributePath&) = default;

 private:
  std::vector<Step> steps_;
};

enum class Severity { kError, kWarning };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string summary;
  std::string detail;
  AttributePath path;  // empty: not tied to an attribute
};

// An append-only list of diagnostics, passed by reference through the logic.
class Diagnostics {
 public:
  void AddError(std::string summary, std::string detail, AttributePath path = {});
  void AddWarning(std::string summary, std::string detail, AttributePath path = {});
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Append(const Diagnostics& other);

  bool HasError() const;
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace tfplugin

#endif  // TFPLUGIN_DIAGNOSTICS_H_
