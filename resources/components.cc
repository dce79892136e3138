#include "resources/components.h"

#include "resources/catalogue_data/catalogue_data_sources.h"
#include "resources/compute_instance/compute_instance_resource.h"
#include "resources/firewall/firewall.h"
#include "resources/instance_password/instance_password.h"
#include "resources/ip_address/ip_address_resource.h"
#include "resources/manifest/manifest_function.h"
#include "resources/ssh_key/ssh_key.h"
#include "resources/volume/volume_resource.h"
#include "resources/vpc/vpc.h"

namespace resources {

void AddCivoComponents(const std::shared_ptr<const ProviderContext>& context, ComponentSink& sink) {
  // Resources, one line each.
  sink.AddResource(std::make_unique<compute_instance::ComputeInstanceResource>(context));
  sink.AddResource(vpc::NewVpcResource(context));
  sink.AddResource(firewall::NewFirewallResource(context));
  sink.AddResource(ssh_key::NewSshKeyResource(context));
  sink.AddResource(volume::NewVolumeResource(context));
  sink.AddResource(ip_address::NewIpAddressResource(context));

  // Data sources.
  sink.AddDataSource(vpc::NewVpcDataSource(context));
  sink.AddDataSource(firewall::NewFirewallDataSource(context));
  sink.AddDataSource(ssh_key::NewSshKeyDataSource(context));
  sink.AddDataSource(volume::NewVolumeDataSource(context));
  sink.AddDataSource(ip_address::NewIpAddressDataSource(context));
  sink.AddDataSource(catalogue_data::NewSizesDataSource(context));
  sink.AddDataSource(catalogue_data::NewDiskImagesDataSource(context));
  sink.AddDataSource(catalogue_data::NewRegionsDataSource(context));

  // Ephemeral resources.
  sink.AddEphemeralResource(instance_password::NewInstancePassword(context));

  // Functions.
  sink.AddFunction(manifest::NewManifestFunction());
}

}  // namespace resources
