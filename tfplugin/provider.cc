#include "tfplugin/provider.h"

namespace tfplugin {

Resource* Provider::FindResource(const std::string& type_name) const {
  for (Resource* r : resources()) {
    if (r != nullptr && r->type_name() == type_name) return r;
  }
  return nullptr;
}

namespace {
template <typename T>
const std::vector<T*>& NoneOf() {
  static const std::vector<T*>* none = new std::vector<T*>();
  return *none;
}

template <typename T, typename Name>
T* FindByName(const std::vector<T*>& items, const std::string& name, Name name_of) {
  for (T* item : items) {
    if (item != nullptr && name_of(*item) == name) return item;
  }
  return nullptr;
}
}  // namespace

const std::vector<DataSource*>& Provider::data_sources() const { return NoneOf<DataSource>(); }
const std::vector<EphemeralResource*>& Provider::ephemeral_resources() const {
  return NoneOf<EphemeralResource>();
}
const std::vector<Function*>& Provider::functions() const { return NoneOf<Function>(); }

DataSource* Provider::FindDataSource(const std::string& type_name) const {
  return FindByName(data_sources(), type_name, [](const DataSource& d) { return d.type_name(); });
}
EphemeralResource* Provider::FindEphemeralResource(const std::string& type_name) const {
  return FindByName(ephemeral_resources(), type_name,
                    [](const EphemeralResource& e) { return e.type_name(); });
}
Function* Provider::FindFunction(const std::string& name) const {
  return FindByName(functions(), name, [](const Function& f) { return f.name(); });
}

}  // namespace tfplugin
