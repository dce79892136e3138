// Volume calls beyond create/attach/detach/delete: resize (civogo
// volume.go: ResizeVolume, PUT /v2/volumes/:id/resize {size_gb}) and the
// snapshot a new volume may start from (VolumeConfig.snapshot_id).
#include "sim/json_io.h"
#include "sim/world.h"

namespace civosim {

// Volumes only grow; one that is attaching or detaching is busy.
Reply World::ResizeVolume(Volume& v, const ApiRequest& r, Clock::time_point now) {
  const int64_t size = GetInt(*r.body, "size_gb");
  if (size <= v.size_gb) {
    return ErrorReply(400, "volume_invalid_size", "A volume can only grow: size_gb must be more than " +
                                                      std::to_string(v.size_gb));
  }
  if (v.op != Volume::Op::kNone && now < v.op_until) {
    return ErrorReply(400, "volume_busy", "The volume is being attached or detached");
  }
  v.size_gb = size;
  JsonOut j;
  j.Begin().FStr("result", "success").FStr("id", v.id).End();
  return Reply{200, j.str()};
}

// The simulator keeps no snapshots, so a volume can start from none: any
// snapshot_id is unknown, as Civo answers for one it does not have.
Reply World::NewVolumeSnapshotCheck(const ApiRequest& r) const {
  const std::string snapshot = GetStr(*r.body, "snapshot_id");
  if (snapshot.empty()) return Reply{200, ""};
  return ErrorReply(404, "database_snapshot_not_found", "The snapshot " + snapshot + " could not be found");
}

}  // namespace civosim
