# The Planton stack outputs of a CivoVpc.

output "network_id" {
  description = "The network's id."
  value       = civo_vpc.this.network_id
}

output "cidr_block" {
  description = "The network's IPv4 range as Civo reports it."
  value       = civo_vpc.this.cidr_block
}

output "created_at_rfc3339" {
  description = "Always null: the Civo API does not report when a network was created."
  value       = civo_vpc.this.created_at_rfc3339
}
