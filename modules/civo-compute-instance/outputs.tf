# The Planton stack outputs of a CivoComputeInstance.

output "instance_id" {
  description = "The instance id (UUID)."
  value       = civo_compute_instance.this.instance_id
}

output "public_ipv4" {
  description = "The public IPv4 address."
  value       = civo_compute_instance.this.public_ipv4
}

output "private_ipv4" {
  description = "The private IPv4 address in the network."
  value       = civo_compute_instance.this.private_ipv4
}

output "status" {
  description = "The instance status, e.g. ACTIVE."
  value       = civo_compute_instance.this.status
}

output "created_at_rfc3339" {
  description = "When the instance was created (RFC 3339)."
  value       = civo_compute_instance.this.created_at_rfc3339
}
