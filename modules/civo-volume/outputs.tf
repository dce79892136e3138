# The Planton stack outputs of a CivoVolume.

output "volume_id" {
  description = "The volume's id."
  value       = civo_volume.this.volume_id
}

output "attached_instance_id" {
  description = "The instance the volume is attached to, empty when detached (as last read)."
  value       = civo_volume.this.attached_instance_id
}

output "device_path" {
  description = "The volume's device on the instance, empty when detached (as last read)."
  value       = civo_volume.this.device_path
}
