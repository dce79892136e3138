# One Civo block storage volume from a Planton CivoVolume spec. Attach it
# with the instance's volume_ids (the instance owns attachments).
# filesystem_type and tags have no home in Civo's volume API: the resource
# keeps them in state only and warns so.

resource "civo_volume" "this" {
  volume_name     = var.spec.volume_name
  region          = var.spec.region
  size_gib        = var.spec.size_gib
  filesystem_type = var.spec.filesystem_type
  snapshot_id     = var.spec.snapshot_id
  tags            = var.spec.tags
}
