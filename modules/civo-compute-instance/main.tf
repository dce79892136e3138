# One Civo compute instance from a Planton CivoComputeInstance spec. The
# resource checks every rule of the spec (at validate/plan time, before any
# API call) and resolves value_from references by name in its region.

resource "civo_compute_instance" "this" {
  instance_name  = var.spec.instance_name
  region         = var.spec.region
  size           = var.spec.size
  image          = var.spec.image
  network        = var.spec.network
  ssh_key_ids    = var.spec.ssh_key_ids
  firewall_ids   = var.spec.firewall_ids
  volume_ids     = var.spec.volume_ids
  reserved_ip_id = var.spec.reserved_ip_id
  tags           = var.spec.tags
  user_data      = var.spec.user_data
  timeouts       = var.spec.timeouts
}
