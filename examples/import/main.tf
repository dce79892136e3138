# Bringing an existing Civo instance under management.
#
# Terraform >= 1.5 / OpenTofu: the import block below, then `terraform plan`
# shows the import and `terraform apply` records it. Older Terraform:
#   terraform import civo_compute_instance.legacy LON1/<instance id>
#
# The id is REGION/ID, or just ID for the provider's region. After import,
# the next plan is a no-op when this configuration names the instance's
# objects as it has them (and never a replacement when it names the same
# objects by value_from).

terraform {
  required_version = ">= 1.5"
  required_providers {
    civo = { source = "project-planton/civo" }
  }
}

provider "civo" {}

variable "instance_id" {
  description = "The UUID of the existing instance."
  type        = string
}

variable "region" {
  type    = string
  default = "LON1"
}

import {
  to = civo_compute_instance.legacy
  id = "${var.region}/${var.instance_id}"
}

# Write what the instance has (`terraform plan -generate-config-out=gen.tf`
# can draft this block for you).
resource "civo_compute_instance" "legacy" {
  instance_name = "legacy-1"
  region        = var.region
  size          = "g3.small"
  image         = "ubuntu-jammy"
  network       = { value_from = { name = "default" } }
}

output "public_ipv4" {
  value = civo_compute_instance.legacy.public_ipv4
}
