# One Civo firewall from a Planton CivoFirewall spec: exactly the declared
# rules exist (unset or empty lists: none in that direction). network_id is
# an id (value) or a network's name (value_from), resolved in its region.

resource "civo_firewall" "this" {
  name           = var.spec.name
  region         = var.spec.region
  network_id     = var.spec.network_id
  inbound_rules  = var.spec.inbound_rules
  outbound_rules = var.spec.outbound_rules
  tags           = var.spec.tags
}
