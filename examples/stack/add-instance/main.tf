# One more instance for the stack of ../main.tf, in a configuration of its
# own: the network, the firewall and the SSH key are found by name, so they
# must exist already (apply ../ first). `value_from` names are resolved at
# plan time through the Civo API; the data sources read the same objects and
# pick a size and an image from Civo's catalogue.
#
# Destroy this configuration before the stack's: the stack's firewall and
# network cannot go while this instance still uses them.

terraform {
  required_version = ">= 1.3"
  required_providers {
    civo = { source = "project-planton/civo" }
  }
}

provider "civo" {}

variable "network_name" {
  type    = string
  default = "stack-main"
}

variable "firewall_name" {
  type    = string
  default = "stack-web"
}

variable "ssh_key_name" {
  type    = string
  default = "stack-admin"
}

data "civo_vpc" "stack" {
  name = var.network_name
}

data "civo_firewall" "web" {
  name = var.firewall_name
}

data "civo_ssh_key" "admin" {
  name = var.ssh_key_name
}

# The smallest general-purpose size with 2 GB of memory or more.
data "civo_sizes" "small" {
  type        = "instance"
  name_prefix = "g3."
  min_ram_mb  = 2048
}

data "civo_disk_images" "ubuntu" {
  distribution = "ubuntu"
  name_prefix  = "ubuntu-jammy"
}

resource "civo_compute_instance" "extra" {
  instance_name = "stack-extra-1"
  size          = data.civo_sizes.small.sizes[0].name
  image         = data.civo_disk_images.ubuntu.disk_images[0].name

  network      = { value_from = { kind = "CivoVpc", name = var.network_name } }
  firewall_ids = [{ value_from = { kind = "CivoFirewall", name = var.firewall_name } }]
  ssh_key_ids  = [data.civo_ssh_key.admin.id]
  tags         = ["stack", "extra"]

  lifecycle {
    # The firewall it joins lets SSH in: say so at plan time if not.
    precondition {
      condition     = anytrue([for r in data.civo_firewall.web.inbound_rules : r.port_range == "22"])
      error_message = "The stack's firewall has no SSH rule."
    }
  }
}

output "network_cidr" {
  value = data.civo_vpc.stack.cidr_block
}

output "extra_private_ipv4" {
  value = civo_compute_instance.extra.private_ipv4
}

output "extra_size" {
  value = civo_compute_instance.extra.size
}
