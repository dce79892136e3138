# The Planton CivoVolume spec, with civo_volume's argument names.
# provider::civo::manifest(file("data.yaml")) returns exactly this shape;
# members a manifest leaves out are null here.

variable "spec" {
  description = "The CivoVolume spec (civo_volume's arguments)."
  type = object({
    volume_name     = string
    region          = optional(string)
    size_gib        = number
    filesystem_type = optional(string)
    snapshot_id     = optional(string)
    tags            = optional(list(string))
  })
}
