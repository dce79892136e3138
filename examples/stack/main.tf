# The whole stack in one configuration: a private network, a firewall with
# exactly the declared rules, an SSH key, a volume, a reserved IP, and two
# instances that refer to them by attribute.
#
# No depends_on: the references order everything. Terraform creates the
# network, firewall, key, volume and IP first and the instances last, and on
# destroy the other way round: the firewall's and the network's deletes wait
# while Civo still holds an instance that is going away, and the reserved IP
# and the volume are let go by the instance before they are deleted, so one
# `terraform destroy` removes it all.
#
# add-instance/ is a second configuration that adds an instance to this
# stack once it exists, finding its parts by name.

terraform {
  required_version = ">= 1.3"
  required_providers {
    civo = { source = "project-planton/civo" }
  }
}

provider "civo" {
  # token, region and api_endpoint from CIVO_TOKEN, CIVO_REGION, CIVO_API_URL
}

variable "admin_cidr" {
  description = "Where SSH may come from."
  type        = string
  default     = "203.0.113.0/24"
}

variable "data_volume_gib" {
  description = "The data volume's size; growing it resizes it in place."
  type        = number
  default     = 10
}

resource "civo_vpc" "main" {
  network_name  = "stack-main"
  ip_range_cidr = "10.10.0.0/24"
  description   = "The stack's private network"
}

# Created without Civo's default rules (which let everything in): only SSH
# from the admin range and HTTP/HTTPS from anywhere come in.
resource "civo_firewall" "web" {
  name       = "stack-web"
  network_id = { value = civo_vpc.main.network_id }

  inbound_rules = [
    { protocol = "tcp", port_range = "22", cidrs = [var.admin_cidr], label = "ssh from admins" },
    { protocol = "tcp", port_range = "80", cidrs = ["0.0.0.0/0"], label = "http" },
    { protocol = "tcp", port_range = "443", cidrs = ["0.0.0.0/0"], label = "https" },
  ]
  outbound_rules = [
    { protocol = "tcp", cidrs = ["0.0.0.0/0"], label = "all tcp out" },
    { protocol = "udp", cidrs = ["0.0.0.0/0"], label = "all udp out" },
    { protocol = "icmp", cidrs = ["0.0.0.0/0"], label = "ping out" },
  ]
}

resource "civo_ssh_key" "admin" {
  name       = "stack-admin"
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIStackExampleAdminKey admin@example"
}

resource "civo_volume" "data" {
  volume_name = "stack-data"
  size_gib    = var.data_volume_gib
}

resource "civo_ip_address" "web" {
  description = "stack web front door"
}

# The front: the reserved IP and the data volume are attached through the
# instance itself (no separate attachment resource).
resource "civo_compute_instance" "web" {
  instance_name  = "stack-web-1"
  size           = "g3.small"
  image          = "ubuntu-jammy"
  network        = { value = civo_vpc.main.network_id }
  firewall_ids   = [{ value = civo_firewall.web.firewall_id }]
  ssh_key_ids    = [civo_ssh_key.admin.id]
  volume_ids     = [{ value = civo_volume.data.volume_id }]
  reserved_ip_id = { value = civo_ip_address.web.reserved_ip_id }
  tags           = ["stack", "web"]
}

resource "civo_compute_instance" "worker" {
  instance_name = "stack-worker-1"
  size          = "g3.small"
  image         = "ubuntu-jammy"
  network       = { value = civo_vpc.main.network_id }
  firewall_ids  = [{ value = civo_firewall.web.firewall_id }]
  ssh_key_ids   = [civo_ssh_key.admin.id]
  tags          = ["stack", "worker"]
}

output "network_id" {
  value = civo_vpc.main.network_id
}

output "firewall_id" {
  value = civo_firewall.web.firewall_id
}

output "web_public_ipv4" {
  description = "The reserved IP, which outlives the instance."
  value       = civo_compute_instance.web.reserved_ip_address
}

output "private_ipv4" {
  value = [civo_compute_instance.web.private_ipv4, civo_compute_instance.worker.private_ipv4]
}
