# One Civo reserved IP from a Planton CivoIpAddress spec. Assign it with the
# instance's reserved_ip_id (the instance owns the assignment).

resource "civo_ip_address" "this" {
  description = var.spec.description
  region      = var.spec.region
}
