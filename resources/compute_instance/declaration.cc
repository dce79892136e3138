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
#include "resources/region_attribute.h"

namespace resources::compute_instance {

namespace fw = tfplugin::fw;
using tfplugin::cty::Value;

namespace {

// The instance name becomes the hostname: one DNS label's worth.
constexpr size_t kMaxInstanceNameLength = 63;
// SPEC.md: user_data at most 32768 bytes.
constexpr size_t kMaxUserDataBytes = 32768;

// The warnings for lists of which Civo uses only the first element.
constexpr char kOnlyFirstKeyUsedDetail[] =
    "Civo takes one; the first is used; add more keys through user_data.";
constexpr char kOnlyFirstFirewallUsedDetail[] =
    "Civo takes one; the first is used; put all the rules you need into that firewall.";

fw::Object<Timeouts> TimeoutsObject() {
  const std::string limit = LimitSentence(kMaxDurationLength);
  return fw::Object<Timeouts>()
      .Add(fw::Attr("create", &Timeouts::create)
               .Validate(DurationRules(kMaxDurationLength))
               .Description(absl::StrCat(
                   "How long to wait for the instance to become ACTIVE (default `30m`).", limit)))
      .Add(fw::Attr("update", &Timeouts::update)
               .Validate(DurationRules(kMaxDurationLength))
               .Description(
                   absl::StrCat("How long to wait for a resize to finish (default `30m`).", limit)))
      .Add(fw::Attr("delete", &Timeouts::del)
               .Validate(DurationRules(kMaxDurationLength))
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
                   LimitSentence(kMaxInstanceNameLength))))
      .Add(fw::Attr("region", &IC::region)
               .OptionalComputed()
               .Validate(StringRules({.max_length = kMaxRegionLength, .rule = &kRegionRule}))
               .Modify(ReplaceUnlessOnlyCaseChanges("instance"))
               .Description(absl::StrCat(RegionDescription(), LimitSentence(kMaxRegionLength))))
      .Add(fw::Attr("size", &IC::size)
               .Required()
               .Validate(StringRules({.max_length = kMaxNameLength, .rule = &kNameRule}))
               .Description(absl::StrCat("A selectable Civo instance size, e.g. `g3.small`. "
                                         "Checked against the region's sizes at plan time.",
                                         LimitSentence(kMaxNameLength),
                                         " Resized in place; a size whose disk is smaller than "
                                         "the current `disk_gb` cannot be resized and replaces "
                                         "the instance (with a warning).")))
      .Add(fw::Attr("image", &IC::image)
               .Required()
               .Validate(StringRules({.max_length = kMaxNameLength, .rule = &kImageRule}))
               .Description(absl::StrCat("The disk image, by name (e.g. `ubuntu-jammy`) or id. "
                                         "Checked against the region's disk images at plan time.",
                                         LimitSentence(kMaxNameLength),
                                         " Replaces the instance when it names another disk "
                                         "image (a name and the id of the same image are "
                                         "equivalent).")))
      .Add(RefAttr("network", &IC::network, kKindNetwork, kMaxNameLength)
               .Required()
               .Description("The network (VPC) the instance joins. Replaces the instance when it "
                            "resolves to another network."))
      .Add(fw::Attr("ssh_key_ids", &IC::ssh_key_ids)
               .Validate(StringListRules({.max_length = kMaxNameLength},
                                         {.only_first_detail = kOnlyFirstKeyUsedDetail}))
               .Modify(ReplaceWhenFirstItemChanges())
               .Description(absl::StrCat("SSH key ids. Civo takes one key: the first is used; "
                                         "add more keys through `user_data`.",
                                         LimitSentence(kMaxNameLength, false, "Each item at most"))))
      .Add(RefListAttr("firewall_ids", &IC::firewall_ids, kKindFirewall, kMaxNameLength)
               .OptionalComputed()
               .Validate(OnlyFirstUsed(kOnlyFirstFirewallUsedDetail))
               .Description(
                   "Firewalls. Civo takes one: the first is used, and a change made outside "
                   "Terraform is undone by the next apply. Null or empty: the instance keeps "
                   "whatever firewall Civo gave it (at create, the network's default), and "
                   "changes made outside Terraform are accepted. Removing `firewall_ids` from "
                   "a configuration that named a firewall puts the instance back on its "
                   "network's default firewall. After import it holds the instance's "
                   "firewall as the API reports it."))
      .Add(RefListAttr("volume_ids", &IC::volume_ids, kKindVolume, kMaxNameLength)
               .Description(
                   "Volumes to attach once the instance is ACTIVE. Null: attachments are not "
                   "managed; a list (even empty): exactly those volumes are attached. A "
                   "volume still attached to another instance is moved to this one. Attached and "
                   "detached in place."))
      .Add(RefAttr("reserved_ip_id", &IC::reserved_ip, kKindIpAddress, kMaxNameLength)
               .Description("A reserved IP to assign once the instance is ACTIVE. One still "
                            "assigned to another instance is moved to this one. Assigned and unassigned in "
                            "place."))
      .Add(fw::Attr("tags", &IC::tags)
               .Validate(StringListRules({.max_length = kMaxNameLength},
                                         {.unique_items = true, .no_whitespace_items = true}))
               .Description(absl::StrCat("Tags. Unique, not empty, no whitespace inside a tag "
                                         "(Civo joins tags with spaces).",
                                         LimitSentence(kMaxNameLength, false, "Each item at most"))))
      .Add(fw::Attr("user_data", &IC::user_data)
               .Sensitive()
               .Validate(StringRules(
                   {.max_length = kMaxUserDataBytes, .count_bytes = true, .sensitive = true}))
               .Modify(ReplaceWhenScriptChanges())
               .Description(absl::StrCat("A cloud-init script run at first boot.",
                                         LimitSentence(kMaxUserDataBytes, true))))
      .Add(fw::Attr("timeouts", &IC::timeouts, TimeoutsObject())
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

const fw::ResourceOptions& InstanceOptions() {
  static const fw::ResourceOptions* options = new fw::ResourceOptions{
      .type_name = kTypeName,
      .description =
          "A Civo compute instance (the Project Planton `CivoComputeInstance`). References to "
          "networks, firewalls, volumes and reserved IPs are written either as an id (`value`) "
          "or by name (`value_from`); both spellings of the same object are equivalent and "
          "switching between them never changes the instance.",
      .version = kInstanceSchemaVersion,  // state_upgrade.h
      .needs_configuration = true,
      .accepts_moved_state = true};
  return *options;
}

const tfplugin::Schema& InstanceSchema() {
  static const tfplugin::Schema* schema =
      new tfplugin::Schema(fw::ResourceSchema(*InstanceObject().spec(), InstanceOptions()));
  return *schema;
}

const std::string& ComputeInstanceTypeName() { return InstanceOptions().type_name; }

const tfplugin::Schema& ComputeInstanceSchema() { return InstanceSchema(); }

Value NullObject() { return fw::NullObject(*InstanceObject().spec()); }

}  // namespace resources::compute_instance
