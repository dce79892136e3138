#include "resources/manifest/manifest_function.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "resources/manifest/manifest_kinds.h"
#include "resources/manifest/manifest_parser.h"
#include "tfplugin/framework/function.h"

namespace resources::manifest {

namespace fw = tfplugin::fw;

std::unique_ptr<tfplugin::Function> NewManifestFunction() {
  tfplugin::FunctionSignature sig;
  sig.parameters.push_back(
      {"text", tfplugin::cty::Type::String(),
       absl::StrCat("The YAML text of one Project Planton manifest (`apiVersion: ", kApiVersion,
                    "`, `kind`, `metadata`, `spec`), for example `file(\"web.yaml\")`."),
       false, false});
  // Each kind returns another object type: the return type is dynamic and
  // every result carries its concrete type.
  sig.return_type = tfplugin::cty::Type::Dynamic();
  sig.summary = "Reads a Project Planton manifest into a resource's arguments";
  sig.description = absl::StrCat(
      "Parses the YAML text of a Project Planton manifest and returns its `spec` as an object "
      "whose attributes are the arguments of the resource that implements the manifest's `kind` "
      "(",
      ManifestKindNames(),
      "), so a resource or a module can be driven by the manifest. "
      "Field names may be written in camelCase (`instanceName`) or snake_case "
      "(`instance_name`); a field the manifest leaves out is null. A reference "
      "(`StringValueOrRef`) is `value` or `valueFrom: {kind, env, name, fieldPath}`, returned as "
      "`value_from = {kind, name}`: the name is looked up in the resource's region, `env` is "
      "accepted but not used (Civo has no environments), and `fieldPath`, when given, must be "
      "the referenced kind's id output (for example `status.outputs.network_id`). `metadata` "
      "and `status` are not read.\n\n"
      "The manifest is checked against the resource's own rules; the first broken rule is the "
      "function's error, naming the manifest path (`spec.instanceName: ...`). The text may be at "
      "most 1 MiB, one YAML document, nested at most 32 levels. The function needs no "
      "configured provider.");
  return std::make_unique<fw::Function>(
      "manifest", std::move(sig), [](const fw::Arguments& args, fw::Result& result) {
        absl::StatusOr<Manifest> m = ParseManifest(args.String(0));
        if (!m.ok()) {
          result.Fail(std::string(m.status().message()), 0);
          return;
        }
        result = std::move(m->arguments);
      });
}

}  // namespace resources::manifest
