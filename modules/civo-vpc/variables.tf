# The Planton CivoVpc spec, with civo_vpc's argument names.
# provider::civo::manifest(file("vpc.yaml")) returns exactly this shape;
# members a manifest leaves out are null here.

variable "spec" {
  description = "The CivoVpc spec (civo_vpc's arguments)."
  type = object({
    network_name          = string
    region                = optional(string)
    ip_range_cidr         = optional(string)
    is_default_for_region = optional(bool)
    description           = optional(string)
  })
}
