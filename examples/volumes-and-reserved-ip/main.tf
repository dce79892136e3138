# Volumes and a reserved IP that outlive the instance.
#
# With create_before_destroy, a replacement (here: a change of image) builds
# the new instance first, moves the reserved IP and the volumes to it (a
# warning names the instance they came from), then deletes the old instance
# without touching them. Deleting the instance leaves volumes and the
# reserved IP in place: they are detached/unassigned first.

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

variable "image" {
  type    = string
  default = "ubuntu-jammy"
}

variable "volume_names" {
  description = "Labels of existing volumes (`civo volume ls`)."
  type        = list(string)
  default     = ["data-1"]
}

variable "reserved_ip_name" {
  description = "Label of an existing reserved IP (`civo ip ls`)."
  type        = string
  default     = "web-ip"
}

resource "civo_compute_instance" "db" {
  instance_name = "db-1"
  size          = "g3.medium"
  image         = var.image
  network       = { value = var.network_id }

  # A list (even empty) means "exactly these volumes attached"; leave the
  # attribute out to not manage attachments at all.
  volume_ids = [
    for n in var.volume_names : { value_from = { kind = "CivoVolume", name = n } }
  ]

  reserved_ip_id = {
    value_from = { kind = "CivoIpAddress", name = var.reserved_ip_name }
  }

  timeouts = {
    create = "20m"
    delete = "10m"
  }

  lifecycle {
    create_before_destroy = true
  }
}

output "reserved_ip_address" {
  value = civo_compute_instance.db.reserved_ip_address
}

output "attached_volume_ids" {
  value = civo_compute_instance.db.attached_volume_ids
}

output "instance_id" {
  value = civo_compute_instance.db.instance_id
}
