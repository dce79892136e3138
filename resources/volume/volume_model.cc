#include "resources/volume/volume_model.h"

#include "resources/region_attribute.h"

namespace resources::volume {

fw::Object<VolumeModel> VolumeObject() {
  using VM = VolumeModel;
  return fw::Object<VM>()
      .Add(fw::Attr("id", &VM::id).Computed().Modify(fw::UseStateForUnknown()).Description("The volume's id."))
      .Add(fw::Attr("region", &VM::region)
               .OptionalComputed()
               .Validate(RegionRules())
               .Modify(ReplaceUnlessOnlyCaseChanges("volume"))
               .Description(RegionDescription()))
      .Add(fw::Attr("volume_name", &VM::volume_name)
               .Required()
               .Validate(fw::LengthBetween(1, 64))
               .Validate(fw::Matches("[a-z]([a-z0-9-]*[a-z0-9])?",
                                     "lower-case letters, digits and '-', starting with a letter and "
                                     "ending with a letter or digit"))
               .Modify(fw::RequiresReplace())
               .Description("The volume's name at Civo, unique in its region. Civo has no call to "
                            "rename a volume."))
      .Add(fw::Attr("size_gib", &VM::size_gib)
               .Required()
               .Validate(fw::IntBetween(1, 16000))
               .Modify(fw::RequiresReplaceIf(
                   [](const fw::AttributeChange& c, std::string* why) {
                     if (!c.prior.is_known() || c.prior.is_null() || !c.planned.is_known() ||
                         c.planned.is_null()) {
                       return false;
                     }
                     const auto before = c.prior.AsNumber().ToInt64();
                     const auto after = c.planned.AsNumber().ToInt64();
                     if (!before || !after || *after >= *before) return false;
                     *why = "Civo volumes cannot shrink: going from " + std::to_string(*before) +
                            " to " + std::to_string(*after) +
                            " GiB replaces the volume, and its data is lost.";
                     return true;
                   },
                   "Growing it resizes the volume in place; shrinking it replaces the volume (with "
                   "a warning: its data is lost)."))
               .Description("The size in GiB."))
      .Add(fw::Attr("filesystem_type", &VM::filesystem_type)
               .Optional()
               .Validate(fw::OneOf({"unformatted", "ext4", "xfs"}))
               .Description("Planton's filesystem type. Civo's volume API has no such field: the "
                            "volume is always created unformatted, this value is kept in the "
                            "Terraform state only (a warning says so), and formatting is up to the "
                            "instance (e.g. cloud-init)."))
      .Add(fw::Attr("snapshot_id", &VM::snapshot_id)
               .Optional()
               .Validate(fw::LengthBetween(1, 255))
               .Modify(fw::RequiresReplace())
               .Description("A volume snapshot to create the volume from (Civo's `snapshot_id` at "
                            "create). Civo does not report it back, so it is kept as configured and "
                            "an imported volume has none."))
      .Add(fw::Attr("tags", &VM::tags)
               .Optional()
               .Validate(fw::UniqueItems())
               .Validate(fw::Each(fw::LengthBetween(1, 64)))
               .Validate(fw::Each(fw::Matches("[A-Za-z0-9:_-]+", "letters, digits, ':', '_' and '-'")))
               .Description("Planton's tags. Civo volumes have no tags: they are checked, kept in "
                            "the Terraform state only (a warning says so) and never sent."))
      .Add(fw::Attr("volume_id", &VM::volume_id)
               .Computed()
               .Modify(fw::UseStateForUnknown())
               .Description("The volume's id (Planton output `volume_id`)."))
      .Add(fw::Attr("attached_instance_id", &VM::attached_instance_id)
               .Computed()
               .Description("The instance the volume is attached to, empty when detached. The "
                            "instance resource (`volume_ids`) owns attachments."))
      .Add(fw::Attr("device_path", &VM::device_path)
               .Computed()
               .Description("The volume's device on the instance (Civo's `mountpoint`), empty when "
                            "detached."));
}

void FillFromApi(const civoapi::Volume& v, VolumeModel& m) {
  m.id = v.id;
  m.volume_id = v.id;
  m.volume_name = v.name;
  m.size_gib = v.size_gigabytes;
  m.attached_instance_id = v.instance_id;
  m.device_path = v.mountpoint;
}

void WarnUnstoredFields(const VolumeModel& config, tfplugin::Diagnostics& diags) {
  if (config.filesystem_type.is_known() && config.filesystem_type.value != "unformatted") {
    diags.AddWarning("filesystem_type is not stored at Civo",
                     "Civo's volume API has no filesystem type: the volume is created unformatted "
                     "and \"" + config.filesystem_type.value +
                         "\" is kept in the Terraform state only. Format it on the instance.",
                     tfplugin::AttributePath::Root("filesystem_type"));
  }
  if (config.tags.is_known() && !config.tags.value.empty()) {
    diags.AddWarning("tags are not stored at Civo",
                     "Civo volumes have no tags: these are kept in the Terraform state only.",
                     tfplugin::AttributePath::Root("tags"));
  }
}

}  // namespace resources::volume
