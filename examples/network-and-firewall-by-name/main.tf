# Network and firewall named by their label instead of their id.
#
# `value_from` is resolved through the Civo API in the instance's region;
# no match, or more than one, is an error on that attribute at plan time.
# Writing the same object another way (by id with `value`, or by name) is
# never a replacement.

terraform {
  required_version = ">= 1.3"
  required_providers {
    civo = { source = "project-planton/civo" }
  }
}

provider "civo" {
  # token, region and api_endpoint from CIVO_TOKEN, CIVO_REGION, CIVO_API_URL
}

variable "network_name" {
  type    = string
  default = "default"
}

variable "firewall_name" {
  type    = string
  default = "web-firewall"
}

resource "civo_compute_instance" "app" {
  instance_name = "app-1"
  size          = "g3.small"
  image         = "ubuntu-jammy"

  network = {
    value_from = { kind = "CivoVpc", name = var.network_name }
  }

  # Civo takes one firewall; the first is used (more is a warning).
  # Leave firewall_ids out to get the network's default firewall.
  firewall_ids = [
    { value_from = { kind = "CivoFirewall", name = var.firewall_name } },
  ]

  tags = ["app"]
}

output "network_id" {
  description = "The id the network name resolved to."
  value       = civo_compute_instance.app.network_id
}

output "firewall_id" {
  value = civo_compute_instance.app.firewall_id
}

output "private_ipv4" {
  value = civo_compute_instance.app.private_ipv4
}
