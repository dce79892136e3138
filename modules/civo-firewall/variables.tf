# The Planton CivoFirewall spec, with civo_firewall's argument names.
# provider::civo::manifest(file("fw.yaml")) returns exactly this shape;
# members a manifest leaves out are null here.

variable "spec" {
  description = "The CivoFirewall spec (civo_firewall's arguments)."
  type = object({
    name   = string
    region = optional(string)
    network_id = object({
      value = optional(string)
      value_from = optional(object({
        kind = optional(string)
        name = string
      }))
    })
    inbound_rules = optional(list(object({
      protocol   = string
      port_range = optional(string)
      cidrs      = list(string)
      action     = optional(string)
      label      = optional(string)
    })))
    outbound_rules = optional(list(object({
      protocol   = string
      port_range = optional(string)
      cidrs      = list(string)
      action     = optional(string)
      label      = optional(string)
    })))
    tags = optional(list(string))
  })
}
