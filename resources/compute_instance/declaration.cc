#include "resources/compute_instance/declaration.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "resources/compute_instance/replacement.h"
#include "resources/compute_instance/spec.h"
#include "resources/compute_instance/state_upgrade.h"
#include "resources/compute_instance/validate.h"
#include "resources/duration.h"
#include "resources/limits.h"

namespace resources::compute_instance {

namespace {

namespace fw = tfplugin::fw;
using tfplugin::AttributePath;
using tfplugin::Diagnostics;
using tfplugin::cty::Value;
using Decl = fw::AttrDecl<InstanceConfig>;

// The instance name becomes the hostname: one DNS label's worth.
constexpr size_t kMaxInstanceNameLength = 63;
// SPEC.md: user_data at most 32768 bytes.
constexpr size_t kMaxUserDataBytes = 32768;

// " At most 255 characters." (the limit as the description states it).
std::string Limit(size_t max_length, bool count_bytes = false, const char* subject = "At most") {
  return absl::StrCat(" ", subject, " ", max_length, count_bytes ? " bytes." : " characters.");
}

fw::AttrSpec StringMember(std::string name, std::string description) {
  fw::AttrSpec a;
  a.name = std::move(name);
  a.type = tfplugin::cty::Type::String();
  a.optional = true;
  a.description = std::move(description);
  return a;
}

// StringValueOrRef: {value, value_from {kind, name}}.
std::shared_ptr<const fw::ObjectSpec> RefSpec(const std::string& kind) {
  fw::AttrSpec kind_attr = StringMember(
      "kind", absl::StrCat("The kind of the referenced object; when set it must be `", kind, "`.",
                           Limit(kMaxKindLength)));
  fw::AttrSpec name_attr = StringMember(
      "name", absl::StrCat("The name (label) of an existing object in the instance's region.",
                           Limit(kMaxNameLength)));
  name_attr.optional = false;
  name_attr.required = true;
  auto from = std::make_shared<fw::ObjectSpec>();
  from->attributes = {std::move(kind_attr), std::move(name_attr)};

  fw::AttrSpec value_from;
  value_from.name = "value_from";
  value_from.nest = fw::AttrSpec::Nest::kSingle;
  value_from.nested = std::move(from);
  value_from.optional = true;
  value_from.description =
      absl::StrCat("Names an existing `", kind,
                   "` by its name; resolved to its id through the Civo API at plan and apply "
                   "time.");
  auto ref = std::make_shared<fw::ObjectSpec>();
  ref->attributes = {
      StringMember("value", absl::StrCat("The object's id, written literally. Exactly one of "
                                         "`value` and `value_from` is set.",
                                         Limit(kMaxNameLength))),
      std::move(value_from)};
  return ref;
}

Value EncodeRef(const ValueOrRef& r) {
  switch (r.form) {
    case ValueOrRef::Form::kNull:
      return Value::Null();
    case ValueOrRef::Form::kUnknown:
      return Value::Unknown();
    case ValueOrRef::Form::kValue:
      return ValueOrRefWithValue(r.value);
    case ValueOrRef::Form::kValueFrom:
      break;
  }
  return Value::Object(
      {{"value", Value::Null()},
       {"value_from", Value::Object({{"kind", r.kind.empty() ? Value::Null() : Value::String(r.kind)},
                                     {"name", Value::String(r.name)}})}});
}

fw::AttrSpec RefAttr(std::string name, const std::string& kind, bool list) {
  fw::AttrSpec a;
  a.name = std::move(name);
  a.nest = list ? fw::AttrSpec::Nest::kList : fw::AttrSpec::Nest::kSingle;
  a.nested = RefSpec(kind);
  a.optional = true;
  return a;
}

// One reference (network, reserved_ip_id).
Decl Ref(std::string name, ValueOrRef InstanceConfig::*member, const std::string& kind) {
  fw::FieldBinding<InstanceConfig> f;
  f.decode = [member](const Value& v, InstanceConfig& m, const AttributePath&, Diagnostics&) {
    m.*member = ParseValueOrRef(v);
  };
  f.encode = [member](const InstanceConfig& m) { return EncodeRef(m.*member); };
  f.equal = [member](const InstanceConfig& a, const InstanceConfig& b) {
    return a.*member == b.*member;
  };
  return Decl(RefAttr(std::move(name), kind, false), std::move(f));
}

// A list of references (firewall_ids, volume_ids).
Decl RefList(std::string name, Maybe<std::vector<ValueOrRef>> InstanceConfig::*member,
             const std::string& kind) {
  fw::FieldBinding<InstanceConfig> f;
  f.decode = [member](const Value& v, InstanceConfig& m, const AttributePath&, Diagnostics&) {
    m.*member = ParseValueOrRefList(v);
  };
  f.encode = [member](const InstanceConfig& m) {
    const Maybe<std::vector<ValueOrRef>>& refs = m.*member;
    if (refs.is_null()) return Value::Null();
    if (refs.is_unknown()) return Value::Unknown();
    std::vector<Value> items;
    for (const ValueOrRef& r : refs.value) items.push_back(EncodeRef(r));
    return Value::List(std::move(items));
  };
  f.equal = [member](const InstanceConfig& a, const InstanceConfig& b) {
    return a.*member == b.*member;
  };
  return Decl(RefAttr(std::move(name), kind, true), std::move(f));
}

fw::Object<Timeouts> TimeoutsObject() {
  const std::string limit = Limit(kMaxDurationLength);
  return fw::Object<Timeouts>()
      .Add(fw::Attr("create", &Timeouts::create)
               .Description(absl::StrCat(
                   "How long to wait for the instance to become ACTIVE (default `30m`).", limit)))
      .Add(fw::Attr("update", &Timeouts::update)
               .Description(
                   absl::StrCat("How long to wait for a resize to finish (default `30m`).", limit)))
      .Add(fw::Attr("delete", &Timeouts::del)
               .Description(absl::StrCat(
                   "How long to wait for the instance to be gone (default `30m`).", limit)));
}

using IC = InstanceConfig;

fw::Object<IC> MakeObject() {
  return fw::Object<IC>()
      // Configuration.
      .Add(fw::Attr("instance_name", &IC::instance_name)
               .Required()
               .Validate(StringRules({.max_length = kMaxInstanceNameLength, .rule = &kNameRule}))
               .Description(absl::StrCat(
                   "The instance's name; it becomes the hostname. Lower-case letters, digits, "
                   "`.` and `-`, starting and ending with a letter or digit.",
                   Limit(kMaxInstanceNameLength))))
      .Add(fw::Attr("region", &IC::region)
               .OptionalComputed()
               .Validate(StringRules({.max_length = kMaxRegionLength, .rule = &kRegionRule}))
               .Modify(ReplaceUnlessOnlyCaseChanges())
               .Description(absl::StrCat("The Civo region code (e.g. `LON1`, any case). Defaults "
                                         "to the provider's region.",
                                         Limit(kMaxRegionLength))))
      .Add(fw::Attr("size", &IC::size)
               .Required()
               .Validate(StringRules({.max_length = kMaxNameLength, .rule = &kNameRule}))
               .Description(absl::StrCat("A selectable Civo instance size, e.g. `g3.small`. "
                                         "Checked against the region's sizes at plan time.",
                                         Limit(kMaxNameLength),
                                         " Resized in place; a size whose disk is smaller than "
                                         "the current `disk_gb` cannot be resized and replaces "
                                         "the instance (with a warning).")))
      .Add(fw::Attr("image", &IC::image)
               .Required()
               .Validate(StringRules({.max_length = kMaxNameLength, .rule = &kImageRule}))
               .Description(absl::StrCat("The disk image, by name (e.g. `ubuntu-jammy`) or id. "
                                         "Checked against the region's disk images at plan time.",
                                         Limit(kMaxNameLength),
                                         " Replaces the instance when it names another disk "
                                         "image (a name and the id of the same image are "
                                         "equivalent).")))
      .Add(Ref("network", &IC::network, kKindNetwork)
               .Required()
               .Validate(RefRules(kKindNetwork, kMaxNameLength))
               .Description("The network (VPC) the instance joins. Replaces the instance when it "
                            "resolves to another network."))
      .Add(fw::Attr("ssh_key_ids", &IC::ssh_key_ids)
               .Validate(StringListRules({.max_length = kMaxNameLength},
                                         {.only_first_detail = kOnlyFirstKeyUsedDetail}))
               .Modify(ReplaceWhenFirstItemChanges())
               .Description(absl::StrCat("SSH key ids. Civo takes one key: the first is used; "
                                         "add more keys through `user_data`.",
                                         Limit(kMaxNameLength, false, "Each item at most"))))
      .Add(RefList("firewall_ids", &IC::firewall_ids, kKindFirewall)
               .OptionalComputed()
               .Validate(RefListRules(kKindFirewall, kMaxNameLength, kOnlyFirstFirewallUsedDetail))
               .Description(
                   "Firewalls. Civo takes one: the first is used, and a change made outside "
                   "Terraform is undone by the next apply. Null or empty: the instance keeps "
                   "whatever firewall Civo gave it (at create, the network's default), and "
                   "changes made outside Terraform are accepted. Removing `firewall_ids` from "
                   "a configuration that named a firewall puts the instance back on its "
                   "network's default firewall. After import it holds the instance's "
                   "firewall as the API reports it."))
      .Add(RefList("volume_ids", &IC::volume_ids, kKindVolume)
               .Validate(RefListRules(kKindVolume, kMaxNameLength, nullptr))
               .Description(
                   "Volumes to attach once the instance is ACTIVE. Null: attachments are not "
                   "managed; a list (even empty): exactly those volumes are attached. A "
                   "volume still attached to another instance is moved to this one. Attached and "
                   "detached in place."))
      .Add(Ref("reserved_ip_id", &IC::reserved_ip, kKindIpAddress)
               .Validate(RefRules(kKindIpAddress, kMaxNameLength))
               .Description("A reserved IP to assign once the instance is ACTIVE. One still "
                            "assigned to another instance is moved to this one. Assigned and unassigned in "
                            "place."))
      .Add(fw::Attr("tags", &IC::tags)
               .Validate(StringListRules({.max_length = kMaxNameLength},
                                         {.unique_items = true, .no_whitespace_items = true}))
               .Description(absl::StrCat("Tags. Unique, not empty, no whitespace inside a tag "
                                         "(Civo joins tags with spaces).",
                                         Limit(kMaxNameLength, false, "Each item at most"))))
      .Add(fw::Attr("user_data", &IC::user_data)
               .Sensitive()
               .Validate(StringRules(
                   {.max_length = kMaxUserDataBytes, .count_bytes = true, .sensitive = true}))
               .Modify(ReplaceWhenScriptChanges())
               .Description(absl::StrCat("A cloud-init script run at first boot.",
                                         Limit(kMaxUserDataBytes, true))))
      .Add(fw::Attr("timeouts", &IC::timeouts, TimeoutsObject())
               .Validate(TimeoutsRules(kMaxDurationLength))
               .Description("How long create, update (resize) and delete may take; durations "
                            "such as `30m`, `1h30m` or `45s`, each defaulting to `30m`."))
      // Computed.
      .Add(fw::Attr("id", &IC::id).Computed().Description("The instance id (UUID)."))
      .Add(fw::Attr("instance_id", &IC::instance_id)
               .Computed()
               .Description("The instance id (UUID); a Planton stack output."))
      .Add(fw::Attr("public_ipv4", &IC::public_ipv4)
               .Computed()
               .Description("The public IPv4 address."))
      .Add(fw::Attr("private_ipv4", &IC::private_ipv4)
               .Computed()
               .Description("The private IPv4 address in the network."))
      .Add(fw::Attr("status", &IC::status)
               .Computed()
               .Description("The instance status, e.g. `ACTIVE`."))
      .Add(fw::Attr("created_at_rfc3339", &IC::created_at_rfc3339)
               .Computed()
               .Description("When the instance was created (RFC 3339)."))
      .Add(fw::Attr("network_id", &IC::network_id)
               .Computed()
               .Description("The id `network` resolves to."))
      .Add(fw::Attr("firewall_id", &IC::firewall_id)
               .Computed()
               .Description("The id of the firewall in use, as the Civo API reports it."))
      .Add(fw::Attr("attached_volume_ids", &IC::attached_volume_ids)
               .Computed()
               .Description("The ids of the attached volumes."))
      .Add(fw::Attr("reserved_ip_address", &IC::reserved_ip_address)
               .Computed()
               .Description("The address of the assigned reserved IP."))
      .Add(fw::Attr("disk_image_id", &IC::disk_image_id)
               .Computed()
               .Description("The id of the disk image `image` resolves to."))
      .Add(fw::Attr("initial_user", &IC::initial_user)
               .Computed()
               .Description("The initial login user."))
      .Add(fw::Attr("cpu_cores", &IC::cpu_cores).Computed().Description("CPU cores of the size."))
      .Add(fw::Attr("ram_mb", &IC::ram_mb).Computed().Description("Memory of the size, in MB."))
      .Add(fw::Attr("disk_gb", &IC::disk_gb)
               .Computed()
               .Description("Root disk of the size, in GB."));
}

}  // namespace

const fw::Object<InstanceConfig>& InstanceObject() {
  static const fw::Object<InstanceConfig>* object = new fw::Object<InstanceConfig>(MakeObject());
  return *object;
}

const tfplugin::Schema& InstanceSchema() {
  static const tfplugin::Schema* schema = [] {
    auto* s = new tfplugin::Schema();
    s->version = kInstanceSchemaVersion;  // state_upgrade.h
    s->block = fw::ToBlock(
        *InstanceObject().spec(),
        "A Civo compute instance (the Project Planton `CivoComputeInstance`). References to "
        "networks, firewalls, volumes and reserved IPs are written either as an id (`value`) or "
        "by name (`value_from`); both spellings of the same object are equivalent and switching "
        "between them never changes the instance.");
    return s;
  }();
  return *schema;
}

}  // namespace resources::compute_instance
