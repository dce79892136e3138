# Quickstart: one Civo instance on a network given by its id.
#
# Credentials come from the environment (CIVO_TOKEN, CIVO_REGION,
# CIVO_API_URL) or from the variables below; `make demo` sets the variables
# to point at the local Civo API simulator.

terraform {
  required_version = ">= 1.3"
  required_providers {
    civo = {
      source  = "project-planton/civo"
      version = "~> 0.1"
    }
  }
}

variable "civo_token" {
  description = "Civo API token (null: the provider reads CIVO_TOKEN)."
  type        = string
  sensitive   = true
  default     = null
}

variable "civo_api_url" {
  description = "Civo API endpoint (null: CIVO_API_URL, else https://api.civo.com)."
  type        = string
  default     = null
}

variable "region" {
  description = "Civo region (null: CIVO_REGION, else LON1)."
  type        = string
  default     = null
}

variable "network_id" {
  description = "Id of the network the instance joins (`civo network ls`)."
  type        = string
}

variable "instance_name" {
  type    = string
  default = "quickstart-1"
}

variable "size" {
  description = "Instance size; changing it to a larger size resizes in place."
  type        = string
  default     = "g3.small"
}

variable "image" {
  description = "Disk image; changing it replaces the instance."
  type        = string
  default     = "ubuntu-jammy"
}

provider "civo" {
  token        = var.civo_token
  region       = var.region
  api_endpoint = var.civo_api_url
}

resource "civo_compute_instance" "web" {
  instance_name = var.instance_name
  size          = var.size
  image         = var.image
  network       = { value = var.network_id }
  tags          = ["quickstart", "web"]

  lifecycle {
    # A replacement (new image, new user_data, ...) builds the new instance
    # before the old one is deleted.
    create_before_destroy = true
  }
}

output "instance_id" {
  value = civo_compute_instance.web.instance_id
}

output "public_ipv4" {
  value = civo_compute_instance.web.public_ipv4
}

output "private_ipv4" {
  value = civo_compute_instance.web.private_ipv4
}

output "status" {
  value = civo_compute_instance.web.status
}

output "size" {
  value = "${civo_compute_instance.web.size} (${civo_compute_instance.web.cpu_cores} CPU, ${civo_compute_instance.web.ram_mb} MB RAM, ${civo_compute_instance.web.disk_gb} GB disk)"
}
