# One Civo network from a Planton CivoVpc spec. The resource checks the
# spec's rules at validate/plan time; a null is_default_for_region is false.

resource "civo_vpc" "this" {
  network_name          = var.spec.network_name
  region                = var.spec.region
  ip_range_cidr         = var.spec.ip_range_cidr
  is_default_for_region = var.spec.is_default_for_region
  description           = var.spec.description
}
