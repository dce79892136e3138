# user_data: a cloud-init script, sent to Civo as the instance's script.
# It is sensitive (hidden in plans) and changing it replaces the instance.

terraform {
  required_version = ">= 1.3"
  required_providers {
    civo = { source = "project-planton/civo" }
  }
}

provider "civo" {}

variable "network_id" {
  type = string
}

variable "admin_ssh_keys" {
  description = "Extra public keys, installed by cloud-init (Civo itself takes one key)."
  type        = list(string)
  default     = []
}

variable "ssh_key_id" {
  description = "Id of a Civo SSH key for the initial user (null: a generated password)."
  type        = string
  default     = null
}

resource "civo_compute_instance" "web" {
  instance_name = "web-cloud-init"
  size          = "g3.small"
  image         = "ubuntu-jammy"
  network       = { value = var.network_id }
  ssh_key_ids   = var.ssh_key_id == null ? null : [var.ssh_key_id]

  # At most 32768 bytes.
  user_data = templatefile("${path.module}/cloud-init.yaml.tftpl", {
    ssh_keys = var.admin_ssh_keys
  })
}

output "public_ipv4" {
  value = civo_compute_instance.web.public_ipv4
}

output "initial_user" {
  value = civo_compute_instance.web.initial_user
}
