# The Planton stack outputs of a CivoFirewall.

output "firewall_id" {
  description = "The firewall's id."
  value       = civo_firewall.this.firewall_id
}

output "created_at_rfc3339" {
  description = "Always null: the Civo API does not report when a firewall was created."
  value       = civo_firewall.this.created_at_rfc3339
}
