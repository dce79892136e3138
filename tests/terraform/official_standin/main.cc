// terraform-provider-civo-official-standin: a stand-in for the official
// provider, registry.terraform.io/civo/civo, built on tfplugin/ alone.
//
// Terraform 1.11 will not `init` a working directory whose state names a
// provider it cannot install, and a state that still holds a civo_instance
// names civo/civo. The migration test (migrate_test.cc) puts this binary in
// its filesystem mirror under that address so terraform can install it;
// terraform then asks it only for its schema while the `moved` block hands
// the object to civo_compute_instance. It serves civo_instance's schema as
// the official provider declares it (schema version 0, an SDKv2 resource:
// tags a set, timeouts a block, `id` optional+computed) and refuses to do
// anything else.
#include <memory>
#include <string>
#include <vector>

#include "tfplugin/provider.h"
#include "tfplugin/resource.h"
#include "tfplugin/schema.h"
#include "tfplugin/serve.h"

namespace {

namespace cty = tfplugin::cty;
using tfplugin::Attribute;
using tfplugin::Diagnostics;

enum Mode { kRequired, kOptional, kComputed, kOptionalComputed };

Attribute Attr(std::string name, cty::Type type, Mode mode, bool sensitive = false) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.required = mode == kRequired;
  a.optional = mode == kOptional || mode == kOptionalComputed;
  a.computed = mode == kComputed || mode == kOptionalComputed;
  a.sensitive = sensitive;
  return a;
}

tfplugin::Schema InstanceSchema() {
  const cty::Type s = cty::Type::String();
  const cty::Type n = cty::Type::Number();
  tfplugin::Schema schema;
  schema.version = 0;
  schema.block.attributes = {
      Attr("id", s, kOptionalComputed),
      Attr("region", s, kOptional),
      Attr("hostname", s, kOptionalComputed),
      Attr("reverse_dns", s, kOptional),
      Attr("size", s, kOptional),
      Attr("public_ip_required", s, kOptional),
      Attr("network_id", s, kOptionalComputed),
      Attr("disk_image", s, kRequired),
      Attr("initial_user", s, kOptional),
      Attr("notes", s, kOptional),
      Attr("sshkey_id", s, kOptionalComputed),
      Attr("firewall_id", s, kRequired),
      Attr("volume_type", s, kOptional),
      Attr("tags", cty::Type::Set(s), kOptional),
      Attr("script", s, kOptional),
      Attr("cpu_cores", n, kComputed),
      Attr("ram_mb", n, kComputed),
      Attr("disk_gb", n, kComputed),
      Attr("source_type", s, kComputed),
      Attr("source_id", s, kComputed),
      Attr("initial_password", s, kComputed, /*sensitive=*/true),
      Attr("write_password", cty::Type::Bool(), kOptional),
      Attr("private_ip", s, kComputed),
      Attr("public_ip", s, kComputed),
      Attr("status", s, kComputed),
      Attr("created_at", s, kComputed),
      Attr("private_ipv4", s, kOptional),
      Attr("reserved_ipv4", s, kOptional),
  };
  auto timeouts = std::make_shared<tfplugin::Block>();
  timeouts->attributes = {Attr("create", s, kOptional), Attr("update", s, kOptional),
                          Attr("delete", s, kOptional)};
  schema.block.block_types.push_back(
      {"timeouts", std::move(timeouts), tfplugin::Nesting::kSingle, 0, 0});
  return schema;
}

void Refuse(Diagnostics& diags) {
  diags.AddError("Stand-in provider",
                 "This is a test stand-in for registry.terraform.io/civo/civo: it serves the "
                 "civo_instance schema only and manages nothing.");
}

class StandinInstance final : public tfplugin::Resource {
 public:
  const std::string& type_name() const override { return name_; }
  const tfplugin::Schema& schema() const override { return schema_; }
  void Validate(const tfplugin::RequestContext&, const cty::Value&, Diagnostics&) const override {}
  tfplugin::PlanResponse Plan(const tfplugin::RequestContext&, const tfplugin::PlanRequest& req,
                              Diagnostics& diags) override {
    Refuse(diags);
    return {req.prior_state, {}, req.prior_private};
  }
  tfplugin::ApplyResponse Apply(const tfplugin::RequestContext&, const tfplugin::ApplyRequest& req,
                                Diagnostics& diags) override {
    Refuse(diags);
    return {req.prior_state, req.planned_private};
  }
  tfplugin::ReadResponse Read(const tfplugin::RequestContext&, const tfplugin::ReadRequest& req,
                              Diagnostics& diags) override {
    Refuse(diags);
    return {req.current_state, req.private_data};
  }
  std::vector<tfplugin::ImportedObject> Import(const tfplugin::RequestContext&, const std::string&,
                                               Diagnostics& diags) override {
    Refuse(diags);
    return {};
  }

 private:
  std::string name_ = "civo_instance";
  tfplugin::Schema schema_ = InstanceSchema();
};

class StandinProvider final : public tfplugin::Provider {
 public:
  StandinProvider() {
    for (const char* name : {"token", "region", "api_endpoint", "credentials_file"}) {
      Attribute a = Attr(name, cty::Type::String(), kOptional);
      a.sensitive = std::string(name) == "token";
      config_.block.attributes.push_back(std::move(a));
    }
    resources_.push_back(&instance_);
  }
  const tfplugin::Schema& config_schema() const override { return config_; }
  void ValidateConfig(const tfplugin::RequestContext&, const cty::Value&,
                      Diagnostics&) const override {}
  void Configure(const tfplugin::RequestContext&, const cty::Value&, const std::string&,
                 Diagnostics&) override {}
  const std::vector<tfplugin::Resource*>& resources() const override { return resources_; }

 private:
  tfplugin::Schema config_;
  StandinInstance instance_;
  std::vector<tfplugin::Resource*> resources_;
};

}  // namespace

int main(int argc, char** argv) {
  tfplugin::ServeOptions options;
  options.provider_addresses = {"registry.terraform.io/civo/civo"};
  options.version = "1.1.0";
  return tfplugin::Serve(argc, argv, options, [] { return std::make_unique<StandinProvider>(); });
}
