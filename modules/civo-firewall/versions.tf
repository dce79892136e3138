terraform {
  # optional() object attributes need Terraform >= 1.3 (OpenTofu: any).
  required_version = ">= 1.3"
  required_providers {
    civo = {
      source = "project-planton/civo"
    }
  }
}
