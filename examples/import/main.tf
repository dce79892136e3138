# Bringing an existing Civo instance under management.
#
# Terraform >= 1.5 / OpenTofu: the import block below, then `terraform plan`
# shows the import and `terraform apply` records it. Older Terraform:
#   terraform import civo_compute_instance.legacy LON1/<instance id>
#
# The id is REGION/ID, or just ID for the provider's region. Import reads
# the network back as its id; this configuration names it by value_from, so
# the import plan also shows `network` changing from the id to the name. It
# is the same network: an in-place change of spelling only, no replacement
# and no API call. After that apply the next plan is empty.

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
