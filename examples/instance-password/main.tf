# The instance's initial password, read when needed and never stored in state
# (Terraform >= 1.10). Here a provisioner receives it in its environment.
terraform {
  required_version = ">= 1.10"
  required_providers {
    civo = {
      source = "project-planton/civo"
    }
  }
}

variable "network_id" {
  description = "Id of the Civo network (VPC) the instance joins."
  type        = string
}

resource "civo_compute_instance" "web" {
  instance_name = "web-password"
  size          = "g3.small"
  image         = "ubuntu-jammy"
  network       = { value = var.network_id }
}

ephemeral "civo_instance_password" "web" {
  instance_id = civo_compute_instance.web.id
}

resource "terraform_data" "first_login" {
  input = civo_compute_instance.web.id

  provisioner "local-exec" {
    # Replace with whatever needs the password (a secrets store's CLI, ...).
    command     = "test -n \"$INITIAL_PASSWORD\""
    environment = { INITIAL_PASSWORD = ephemeral.civo_instance_password.web.password }
  }
}

output "instance_id" {
  value = civo_compute_instance.web.id
}
