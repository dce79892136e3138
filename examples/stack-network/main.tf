# A network, a firewall with exactly the declared rules, and an SSH key:
# the network side of a stack, for instances to refer to.
#
# The firewall is created without Civo's default rules: only SSH from the
# admin range and HTTP/HTTPS from anywhere come in; everything may go out.
# It refers to the network by attribute, so Terraform creates the network
# first and destroys it last (its delete waits for instances going away).

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

output "network_id" {
  value = civo_vpc.main.network_id
}

output "firewall_id" {
  value = civo_firewall.web.firewall_id
}

output "ssh_key_id" {
  value = civo_ssh_key.admin.id
}
