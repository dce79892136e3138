# The Planton CivoIpAddress spec, with civo_ip_address's argument names.
# provider::civo::manifest(file("ip.yaml")) returns exactly this shape;
# members a manifest leaves out are null here.

variable "spec" {
  description = "The CivoIpAddress spec (civo_ip_address's arguments)."
  type = object({
    description = optional(string)
    region      = optional(string)
  })
  default = {}
}
