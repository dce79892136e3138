# The Planton CivoComputeInstance spec, with civo_compute_instance's argument
# names. provider::civo::manifest(file("web.yaml")) returns exactly this
# shape; members a manifest leaves out are null here.

variable "spec" {
  description = "The CivoComputeInstance spec (civo_compute_instance's arguments)."
  type = object({
    instance_name = string
    region        = optional(string)
    size          = string
    image         = string
    network = object({
      value = optional(string)
      value_from = optional(object({
        kind = optional(string)
        name = string
      }))
    })
    ssh_key_ids = optional(list(string))
    firewall_ids = optional(list(object({
      value = optional(string)
      value_from = optional(object({
        kind = optional(string)
        name = string
      }))
    })))
    volume_ids = optional(list(object({
      value = optional(string)
      value_from = optional(object({
        kind = optional(string)
        name = string
      }))
    })))
    reserved_ip_id = optional(object({
      value = optional(string)
      value_from = optional(object({
        kind = optional(string)
        name = string
      }))
    }))
    tags      = optional(list(string))
    user_data = optional(string)
    timeouts = optional(object({
      create = optional(string)
      update = optional(string)
      delete = optional(string)
    }))
  })
}
