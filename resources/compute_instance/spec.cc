#include "resources/compute_instance/spec.h"

#include "resources/compute_instance/declaration.h"

#include <map>
#include <string>

namespace resources::compute_instance {

namespace {

// The table below names only the fields each attribute uses (designated
// initializers); the others keep their defaults on purpose.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

// The instance name becomes the hostname: one DNS label's worth.
constexpr size_t kMaxInstanceNameLength = 63;
// SPEC.md: user_data at most 32768 bytes.
constexpr size_t kMaxUserDataBytes = 32768;

ResourceSpec MakeSpec() {
  ResourceSpec s;
  s.type_name = kTypeName;
  s.description =
      "A Civo compute instance (the Project Planton `CivoComputeInstance`). References to "
      "networks, firewalls, volumes and reserved IPs are written either as an id (`value`) or "
      "by name (`value_from`); both spellings of the same object are equivalent and switching "
      "between them never changes the instance.";
  auto add = [&](AttributeSpec a) { s.attributes.push_back(std::move(a)); };

  // Configuration.
  add({.name = "instance_name", .shape = Shape::kString, .mode = Mode::kRequired,
       .description = "The instance's name; it becomes the hostname. Lower-case letters, digits, "
                      "`.` and `-`, starting and ending with a letter or digit.",
       .rule = &kNameRule, .max_length = kMaxInstanceNameLength, .on_change = OnChange::kInPlace});
  add({.name = "region", .shape = Shape::kString, .mode = Mode::kOptionalComputed,
       .description = "The Civo region code (e.g. `LON1`, any case). Defaults to the provider's "
                      "region.",
       .rule = &kRegionRule, .max_length = kMaxRegionLength,
       .on_change = OnChange::kReplaceCaseless,
       .on_change_note = "Replaces the instance; a change of letter case only does not."});
  add({.name = "size", .shape = Shape::kString, .mode = Mode::kRequired,
       .description = "A selectable Civo instance size, e.g. `g3.small`. Checked against the "
                      "region's sizes at plan time.",
       .rule = &kNameRule, .max_length = kMaxNameLength,
       .on_change = OnChange::kInPlaceUnlessDiskShrinks,
       .on_change_note = "Resized in place; a size whose disk is smaller than the current "
                         "`disk_gb` cannot be resized and replaces the instance (with a "
                         "warning)."});
  add({.name = "image", .shape = Shape::kString, .mode = Mode::kRequired,
       .description = "The disk image, by name (e.g. `ubuntu-jammy`) or id. Checked against the "
                      "region's disk images at plan time.",
       .rule = &kImageRule, .max_length = kMaxNameLength,
       .on_change = OnChange::kReplaceWhenResolvesElsewhere,
       .on_change_note = "Replaces the instance when it names another disk image (a name and "
                         "the id of the same image are equivalent)."});
  add({.name = "network", .shape = Shape::kValueOrRef, .mode = Mode::kRequired,
       .description = "The network (VPC) the instance joins.", .max_length = kMaxNameLength,
       .ref_kind = kKindNetwork,
       .on_change = OnChange::kReplaceWhenResolvesElsewhere,
       .on_change_note = "Replaces the instance when it resolves to another network."});
  add({.name = "ssh_key_ids", .shape = Shape::kStringList, .mode = Mode::kOptional,
       .description = "SSH key ids. Civo takes one key: the first is used; add more keys "
                      "through `user_data`.",
       .max_length = kMaxNameLength, .only_first_used = true,
       .on_change = OnChange::kReplaceWhenFirstChanges,
       .on_change_note = "Replaces the instance when the first key changes."});
  add({.name = "firewall_ids", .shape = Shape::kValueOrRefList, .mode = Mode::kOptionalComputed,
       .description = "Firewalls. Civo takes one: the first is used, and a change made outside "
                      "Terraform is undone by the next apply. Null or empty: the instance keeps "
                      "whatever firewall Civo gave it (at create, the network's default), and "
                      "changes made outside Terraform are accepted. Removing `firewall_ids` from "
                      "a configuration that named a firewall puts the instance back on its "
                      "network's default firewall. After import it holds the instance's "
                      "firewall as the API reports it.",
       .max_length = kMaxNameLength, .ref_kind = kKindFirewall,
       .only_first_used = true, .on_change = OnChange::kInPlace,
       .on_change_note = "Changed in place; removed: back to the network's default firewall."});
  add({.name = "volume_ids", .shape = Shape::kValueOrRefList, .mode = Mode::kOptional,
       .description = "Volumes to attach once the instance is ACTIVE. Null: attachments are not "
                      "managed; a list (even empty): exactly those volumes are attached. A "
                      "volume still attached to another instance is moved to this one.",
       .max_length = kMaxNameLength, .ref_kind = kKindVolume, .on_change = OnChange::kInPlace,
       .on_change_note = "Attached and detached in place."});
  add({.name = "reserved_ip_id", .shape = Shape::kValueOrRef, .mode = Mode::kOptional,
       .description = "A reserved IP to assign once the instance is ACTIVE. One still assigned "
                      "to another instance is moved to this one.",
       .max_length = kMaxNameLength, .ref_kind = kKindIpAddress,
       .on_change = OnChange::kInPlace,
       .on_change_note = "Assigned and unassigned in place."});
  add({.name = "tags", .shape = Shape::kStringList, .mode = Mode::kOptional,
       .description = "Tags. Unique, not empty, no whitespace inside a tag (Civo joins tags "
                      "with spaces).",
       .max_length = kMaxNameLength, .unique_items = true, .no_whitespace_items = true,
       .on_change = OnChange::kInPlace});
  add({.name = "user_data", .shape = Shape::kString, .mode = Mode::kOptional, .sensitive = true,
       .description = "A cloud-init script run at first boot.",
       .max_length = kMaxUserDataBytes, .count_bytes = true, .on_change = OnChange::kReplace});
  add({.name = "timeouts", .shape = Shape::kTimeouts, .mode = Mode::kOptional,
       .description = "How long create, update (resize) and delete may take; durations such as "
                      "`30m`, `1h30m` or `45s`, each defaulting to `30m`.",
       .max_length = kMaxDurationLength});

  // Computed.
  auto computed = [&](std::string name, Shape shape, std::string description,
                      bool sensitive = false) {
    add({.name = std::move(name), .shape = shape, .mode = Mode::kComputed,
         .sensitive = sensitive, .description = std::move(description)});
  };
  computed("id", Shape::kString, "The instance id (UUID).");
  computed("instance_id", Shape::kString, "The instance id (UUID); a Planton stack output.");
  computed("public_ipv4", Shape::kString, "The public IPv4 address.");
  computed("private_ipv4", Shape::kString, "The private IPv4 address in the network.");
  computed("status", Shape::kString, "The instance status, e.g. `ACTIVE`.");
  computed("created_at_rfc3339", Shape::kString, "When the instance was created (RFC 3339).");
  computed("network_id", Shape::kString, "The id `network` resolves to.");
  computed("firewall_id", Shape::kString,
           "The id of the firewall in use, as the Civo API reports it.");
  computed("attached_volume_ids", Shape::kStringList, "The ids of the attached volumes.");
  computed("reserved_ip_address", Shape::kString, "The address of the assigned reserved IP.");
  computed("disk_image_id", Shape::kString, "The id of the disk image `image` resolves to.");
  computed("initial_user", Shape::kString, "The initial login user.");
  computed("initial_password", Shape::kString, "The initial password.", /*sensitive=*/true);
  computed("cpu_cores", Shape::kNumber, "CPU cores of the size.");
  computed("ram_mb", Shape::kNumber, "Memory of the size, in MB.");
  computed("disk_gb", Shape::kNumber, "Root disk of the size, in GB.");
  return s;
}
#pragma GCC diagnostic pop

}  // namespace

const ResourceSpec& ComputeInstanceSpec() {
  static const ResourceSpec* spec = new ResourceSpec(MakeSpec());
  return *spec;
}

const tfplugin::Schema& ComputeInstanceSchema() {
  return InstanceSchema();
}

tfplugin::cty::Value NullObject() {
  std::map<std::string, tfplugin::cty::Value> attrs;
  for (const auto& a : ComputeInstanceSpec().attributes) attrs.emplace(a.name, tfplugin::cty::Value::Null());
  return tfplugin::cty::Value::Object(std::move(attrs));
}

}  // namespace resources::compute_instance
