#include "resources/firewall/network_ref.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "resources/limits.h"
#include "tfplugin/quote.h"

namespace resources::firewall {

namespace fw = tfplugin::fw;

fw::Object<NetworkRefModel> NetworkRefObject() {
  fw::Object<RefFromModel> from;
  from.Add(fw::Attr("kind", &RefFromModel::kind)
               .Validate(fw::OneOf({kKindVpc}))
               .Description(absl::StrCat("The kind of the referenced object; when set it must be `", kKindVpc, "`.")));
  from.Add(fw::Attr("name", &RefFromModel::name)
               .Required()
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The name (label) of an existing network in the firewall's region."));
  return fw::Object<NetworkRefModel>()
      .Add(fw::Attr("value", &NetworkRefModel::value)
               .Validate(fw::LengthBetween(1, kMaxNameLength))
               .Description("The network's id, e.g. `civo_vpc.main.network_id`."))
      .Add(fw::Attr("value_from", &NetworkRefModel::value_from, from)
               .Description("Names an existing network by its name; resolved to its id through the Civo "
                            "API at plan and apply time."))
      .Validate(fw::ExactlyOneOf({"value", "value_from"}));
}

ValueOrRef AsValueOrRef(const fw::Maybe<NetworkRefModel>& ref) {
  ValueOrRef r;
  if (ref.is_null()) return r;
  if (ref.is_unknown() || ref.value.value.is_unknown() || ref.value.value_from.is_unknown()) {
    return ValueOrRef::Unknown();
  }
  if (ref.value.value.is_known()) {
    r.form = ValueOrRef::Form::kValue;
    r.value = ref.value.value.value;
    return r;
  }
  if (ref.value.value_from.is_known()) {
    const RefFromModel& f = ref.value.value_from.value;
    if (f.name.is_unknown() || f.kind.is_unknown()) return ValueOrRef::Unknown();
    r.form = ValueOrRef::Form::kValueFrom;
    r.kind = f.kind.value_or("");
    r.name = f.name.value_or("");
  }
  return r;
}

absl::StatusOr<std::string> ResolveNetwork(civoapi::Client& client, const civoapi::CallOptions& opts,
                                           const ValueOrRef& ref) {
  if (ref.form == ValueOrRef::Form::kValue) return ref.value;
  if (ref.form != ValueOrRef::Form::kValueFrom) {
    return absl::InvalidArgumentError("network_id is not known yet");
  }
  auto all = client.ListNetworks(opts);
  if (!all.ok()) return all.status();
  std::vector<std::string> ids;
  for (const civoapi::Network& n : *all) {
    if (n.name == ref.name) ids.push_back(n.id);
  }
  if (ids.size() == 1) return ids.front();
  if (ids.empty()) {
    return absl::NotFoundError(absl::StrCat("no network named ", tfplugin::QuoteValue(ref.name), " in region ",
                                            opts.region, " (network_id.value_from.name)"));
  }
  return absl::InvalidArgumentError(absl::StrCat(ids.size(), " networks are named ", tfplugin::QuoteValue(ref.name),
                                                 " in region ", opts.region, " (", absl::StrJoin(ids, ", "),
                                                 "); name it by id with network_id.value"));
}

}  // namespace resources::firewall
