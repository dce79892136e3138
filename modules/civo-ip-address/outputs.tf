# The Planton stack outputs of a CivoIpAddress.

output "reserved_ip_id" {
  description = "The reserved IP's id."
  value       = civo_ip_address.this.reserved_ip_id
}

output "ip_address" {
  description = "The public IPv4 address."
  value       = civo_ip_address.this.ip_address
}

output "attached_resource_id" {
  description = "The instance it is assigned to, empty when unassigned (as last read)."
  value       = civo_ip_address.this.attached_resource_id
}

output "created_at_rfc3339" {
  description = "When this provider saw Civo create the IP (RFC 3339)."
  value       = civo_ip_address.this.created_at_rfc3339
}
