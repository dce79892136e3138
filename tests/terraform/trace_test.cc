// TF_LOG=TRACE: terraform logs everything it does and re-emits every line
// the provider writes to stderr. The API token — given through CIVO_TOKEN or
// through a sensitive variable in the provider block — is in none of those
// lines, in no output, and not in the state.
#include "tests/terraform/fixture.h"

namespace tfcli {
namespace {

class Trace : public TerraformTest {};

TEST_F(Trace, TokenIsInNoLineOfOutputAndNotInState) {
  const std::string token = sim_->token();
  const std::string instance =
      Resource("civo_compute_instance", "web",
               With(BaseInstance(), {{"network", "{ value_from = { name = \"default\" } }"},
                                     {"user_data", Q("#cloud-config\n")}}));
  struct Case {
    std::string dir, provider_block;
    std::map<std::string, std::string> env;
  };
  const Case cases[] = {
      {"from-env", "provider \"civo\" {}\n", {{"TF_LOG", "TRACE"}}},
      {"from-variable",
       "variable \"civo_token\" {\n  type      = string\n  sensitive = true\n}\n\n"
       "provider \"civo\" {\n  token = var.civo_token\n}\n",
       // CIVO_TOKEN empty: the token reaches the provider only through
       // the provider block.
       {{"TF_LOG", "TRACE"}, {"TF_VAR_civo_token", token}, {"CIVO_TOKEN", ""}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.dir);
    WorkDir& d = NewDir(c.dir, Header() + c.provider_block + "\n" + instance);
    std::vector<CliRun> runs;
    runs.push_back(d.Tf({"init", "-input=false", "-no-color"}, c.env));
    runs.push_back(d.Tf({"apply", "-auto-approve", "-input=false", "-no-color"}, c.env));
    const std::string state = d.Read("terraform.tfstate");
    runs.push_back(d.Tf({"plan", "-detailed-exitcode", "-input=false", "-no-color"}, c.env));
    runs.push_back(d.Tf({"destroy", "-auto-approve", "-input=false", "-no-color"}, c.env));

    for (const CliRun& r : runs) {
      SCOPED_TRACE(r.args.front());
      EXPECT_TRUE(r.ok()) << r.Describe();
      EXPECT_FALSE(Contains(r.out, token)) << "the token is in terraform's stdout";
      EXPECT_FALSE(Contains(r.err, token)) << "the token is in the TRACE log";
      // The log is really TRACE, with the provider's own lines in it.
      EXPECT_TRUE(Contains(r.err, "[TRACE]")) << r.Describe();
      if (r.args.front() != "init") {
        EXPECT_TRUE(Contains(r.err, "provider.terraform-provider-civo")) << r.Describe();
      }
    }
    ASSERT_FALSE(state.empty());
    EXPECT_TRUE(Contains(state, "civo_compute_instance")) << state;
    EXPECT_FALSE(Contains(state, token)) << "the token is in terraform.tfstate";
    EXPECT_TRUE(SimInstanceIds().empty());
  }
}

}  // namespace
}  // namespace tfcli
