# A Planton stack from manifests: a network, a firewall on it, a volume, a
# reserved IP, and an instance using all four, each kind through its module
# (../../modules) with its spec read by provider::civo::manifest.
#
# The manifests refer to each other by name (valueFrom), as Planton writes
# them. Here each reference is swapped for the module output of the same
# object (merge): the same network, firewall, volume and IP, and Terraform
# then knows the order (the network first, the instance last; destroy the
# other way round).
#
# provider::civo::manifest needs Terraform >= 1.8 (OpenTofu >= 1.7).

terraform {
  required_version = ">= 1.8"
  required_providers {
    civo = {
      source = "project-planton/civo"
    }
  }
}

provider "civo" {
  # token, region and api_endpoint from CIVO_TOKEN, CIVO_REGION, CIVO_API_URL
}

module "net" {
  source = "../../modules/civo-vpc"
  spec   = provider::civo::manifest(file("${path.module}/vpc.yaml"))
}

module "firewall" {
  source = "../../modules/civo-firewall"
  spec = merge(provider::civo::manifest(file("${path.module}/firewall.yaml")), {
    network_id = { value = module.net.network_id }
  })
}

module "data" {
  source = "../../modules/civo-volume"
  spec   = provider::civo::manifest(file("${path.module}/volume.yaml"))
}

module "ip" {
  source = "../../modules/civo-ip-address"
  spec   = provider::civo::manifest(file("${path.module}/ip.yaml"))
}

module "web" {
  source = "../../modules/civo-compute-instance"
  spec = merge(provider::civo::manifest(file("${path.module}/web.yaml")), {
    network        = { value = module.net.network_id }
    firewall_ids   = [{ value = module.firewall.firewall_id }]
    volume_ids     = [{ value = module.data.volume_id }]
    reserved_ip_id = { value = module.ip.reserved_ip_id }
  })
}

output "network_id" {
  value = module.net.network_id
}

output "cidr_block" {
  value = module.net.cidr_block
}

output "firewall_id" {
  value = module.firewall.firewall_id
}

output "volume_id" {
  value = module.data.volume_id
}

output "reserved_ip_id" {
  value = module.ip.reserved_ip_id
}

output "ip_address" {
  value = module.ip.ip_address
}

output "instance_id" {
  value = module.web.instance_id
}

output "public_ipv4" {
  value = module.web.public_ipv4
}
