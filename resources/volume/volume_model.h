// civo_volume (Planton's CivoVolume): the typed model and its declaration,
// shared by the resource and the data source of that name.
#ifndef RESOURCES_VOLUME_VOLUME_MODEL_H_
#define RESOURCES_VOLUME_VOLUME_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "civoapi/models.h"
#include "tfplugin/framework/framework.h"

namespace resources::volume {

namespace fw = tfplugin::fw;

struct VolumeModel {
  fw::Maybe<std::string> id, region, volume_name, filesystem_type, snapshot_id;
  fw::Maybe<int64_t> size_gib;
  fw::Maybe<std::vector<std::string>> tags;
  // Planton stack outputs.
  fw::Maybe<std::string> volume_id, attached_instance_id, device_path;
};

fw::Object<VolumeModel> VolumeObject();

// What Civo stores of a volume, into `m` (name, size and the outputs;
// filesystem_type, snapshot_id and tags have no home at Civo and are left
// as they are).
void FillFromApi(const civoapi::Volume& v, VolumeModel& m);

// The Planton fields Civo's volume API cannot store, as one warning each
// when set (validate time).
void WarnUnstoredFields(const VolumeModel& config, tfplugin::Diagnostics& diags);

}  // namespace resources::volume

#endif  // RESOURCES_VOLUME_VOLUME_MODEL_H_
