#!/usr/bin/env bash
# Installs build/terraform-provider-civo where terraform and tofu find it
# without a registry: the "implied local mirror" directories, in the unpacked
# layout HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION.
#
# Why two hostnames: the short source "project-planton/civo" means
# registry.terraform.io/project-planton/civo to terraform but
# registry.opentofu.org/project-planton/civo to tofu.
#
# Where (both tools, on Linux, with no provider_installation block in the CLI
# config):
#   ~/.terraform.d/plugins                  terraform and tofu both read it
#   $XDG_DATA_HOME/opentofu/plugins         tofu reads it instead of
#                                           ~/.terraform.d/plugins only when
#                                           XDG_DATA_HOME is set and
#                                           ~/.terraform.d does not exist;
#                                           written only when XDG_DATA_HOME is set
#
# Overrides (for tests and packaging):
#   PLUGIN_DIR=DIR   install into DIR (both hostnames) instead of the above
#   BIN=PATH         the provider binary (default build/terraform-provider-civo)
#   VERSION=X.Y.Z    default: the project version in CMakeLists.txt
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-build/terraform-provider-civo}
if [ ! -x "$BIN" ]; then
  echo "install: $BIN not found; run 'make build' first" >&2
  exit 1
fi
VERSION=${VERSION:-$(sed -n 's/^project(terraform-provider-civo VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)}
if [ -z "$VERSION" ]; then
  echo "install: cannot read the version from CMakeLists.txt (set VERSION=)" >&2
  exit 1
fi

os=$(uname -s | tr '[:upper:]' '[:lower:]')
case "$(uname -m)" in
  x86_64|amd64) arch=amd64 ;;
  aarch64|arm64) arch=arm64 ;;
  i?86) arch=386 ;;
  armv*) arch=arm ;;
  *) arch=$(uname -m) ;;
esac
target="${os}_${arch}"

# install_under ROOT HOST: copies the binary into ROOT's unpacked layout.
install_under() {
  local dir="$1/$2/project-planton/civo/$VERSION/$target"
  mkdir -p "$dir"
  # Copy to a temporary name, then rename: a running terraform never sees a
  # half-written executable.
  cp "$BIN" "$dir/.terraform-provider-civo.tmp"
  chmod 0755 "$dir/.terraform-provider-civo.tmp"
  mv -f "$dir/.terraform-provider-civo.tmp" "$dir/terraform-provider-civo_v$VERSION"
  echo "installed $dir/terraform-provider-civo_v$VERSION"
}

if [ -n "${PLUGIN_DIR:-}" ]; then
  install_under "$PLUGIN_DIR" registry.terraform.io
  install_under "$PLUGIN_DIR" registry.opentofu.org
else
  : "${HOME:?HOME is not set (or set PLUGIN_DIR)}"
  install_under "$HOME/.terraform.d/plugins" registry.terraform.io
  install_under "$HOME/.terraform.d/plugins" registry.opentofu.org
  if [ -n "${XDG_DATA_HOME:-}" ]; then
    install_under "$XDG_DATA_HOME/opentofu/plugins" registry.opentofu.org
  fi
fi
cat <<MSG

Use it with:
  terraform {
    required_providers {
      civo = { source = "project-planton/civo", version = "$VERSION" }
    }
  }
then 'terraform init' or 'tofu init' (no registry access needed).
MSG
