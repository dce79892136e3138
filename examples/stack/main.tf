# A network, a firewall with exactly the declared rules, an SSH key, and an
# instance that refers to all three by attribute.
#
# The firewall is created without Civo's default rules: only SSH from the
# admin range and HTTP/HTTPS from anywhere come in; everything may go out.
# References order everything without depends_on: the network first, the
# instance last, and on destroy the other way round (the firewall's and the
# network's deletes wait while the instance is still going away).

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
  type    = string
  default = "203.0.113.0/24"
}

resource "civo_vpc" "main" {
  network_name  = "stack-main"
  ip_range_cidr = "10.10.0.0/24"
  description   = "The stack's private network"
}

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
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIStackNetworkExampleKey admin@example"
}

resource "civo_compute_instance" "web" {
  instance_name = "stack-web-1"
  size          = "g3.small"
  image         = "ubuntu-jammy"
  network       = { value = civo_vpc.main.network_id }
  firewall_ids  = [{ value = civo_firewall.web.firewall_id }]
  ssh_key_ids   = [civo_ssh_key.admin.id]
}

output "network_id" {
  value = civo_vpc.main.network_id
}

output "firewall_id" {
  value = civo_firewall.web.firewall_id
}

output "ssh_key_id" {
  value = civo_ssh_key.admin.id
}

output "web_private_ipv4" {
  value = civo_compute_instance.web.private_ipv4
}
