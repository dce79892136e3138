#include "resources/components.h"

#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/firewall/firewall.h"
#include "resources/ssh_key/ssh_key.h"
#include "resources/vpc/vpc.h"
#include "resources/instance_password/instance_password.h"

namespace resources {

void AddCivoComponents(const std::shared_ptr<const ProviderContext>& context, ComponentSink& sink) {
  // Resources, one line each.
  sink.AddResource(std::make_unique<compute_instance::ComputeInstanceResource>(context));
  sink.AddResource(vpc::NewVpcResource(context));
  sink.AddResource(firewall::NewFirewallResource(context));
  sink.AddResource(ssh_key::NewSshKeyResource(context));

  // Data sources.
  sink.AddDataSource(vpc::NewVpcDataSource(context));
  sink.AddDataSource(firewall::NewFirewallDataSource(context));
  sink.AddDataSource(ssh_key::NewSshKeyDataSource(context));

  // Ephemeral resources.
  sink.AddEphemeralResource(instance_password::NewInstancePassword(context));

  // Functions.
}

}  // namespace resources
