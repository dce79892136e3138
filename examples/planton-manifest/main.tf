# A Civo instance driven by a Project Planton manifest (web.yaml) through
# the civo-compute-instance module. provider::civo::manifest needs
# Terraform >= 1.8 (OpenTofu >= 1.7).

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

module "web" {
  source = "../../modules/civo-compute-instance"
  spec   = provider::civo::manifest(file("${path.module}/web.yaml"))
}

output "instance_id" {
  value = module.web.instance_id
}

output "public_ipv4" {
  value = module.web.public_ipv4
}

output "private_ipv4" {
  value = module.web.private_ipv4
}

output "status" {
  value = module.web.status
}

output "created_at_rfc3339" {
  value = module.web.created_at_rfc3339
}
