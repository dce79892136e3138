#!/usr/bin/env bash
# ctest install_layout: scripts/install.sh puts the provider, under both
# registry hostnames, where terraform's and tofu's implied local mirror looks:
# HOST/project-planton/civo/VERSION/OS_ARCH/terraform-provider-civo_vVERSION.
#   usage: install_layout_test.sh REPO PROVIDER_BINARY VERSION
set -euo pipefail
repo=$1 bin=$2 version=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

case "$(uname -m)" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
target="$(uname -s | tr '[:upper:]' '[:lower:]')_$arch"

# 1. PLUGIN_DIR: both hostnames in that directory.
PLUGIN_DIR="$tmp/mirror" BIN="$bin" "$repo/scripts/install.sh" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "install.sh failed"; }
for host in registry.terraform.io registry.opentofu.org; do
  f="$tmp/mirror/$host/project-planton/civo/$version/$target/terraform-provider-civo_v$version"
  [ -f "$f" ] || fail "missing $f"
  [ -x "$f" ] || fail "$f is not executable"
  cmp -s "$f" "$bin" || fail "$f differs from $bin"
done
[ -z "$(find "$tmp/mirror" -name '.terraform-provider-civo.tmp')" ] || fail "a temporary file was left behind"

# 2. Default: under $HOME/.terraform.d/plugins; with XDG_DATA_HOME set, the
#    OpenTofu copy also under $XDG_DATA_HOME/opentofu/plugins.
mkdir -p "$tmp/home"
HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" BIN="$bin" "$repo/scripts/install.sh" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "install.sh (HOME) failed"; }
for f in "$tmp/home/.terraform.d/plugins/registry.terraform.io/project-planton/civo/$version/$target/terraform-provider-civo_v$version" \
         "$tmp/home/.terraform.d/plugins/registry.opentofu.org/project-planton/civo/$version/$target/terraform-provider-civo_v$version" \
         "$tmp/xdg/opentofu/plugins/registry.opentofu.org/project-planton/civo/$version/$target/terraform-provider-civo_v$version"; do
  [ -x "$f" ] || fail "missing or not executable: $f"
done

# 3. A missing binary is an error, not an empty install.
if PLUGIN_DIR="$tmp/none" BIN="$tmp/absent" "$repo/scripts/install.sh" >/dev/null 2>&1; then
  fail "install.sh succeeded without a binary"
fi
[ ! -e "$tmp/none" ] || fail "install.sh created directories without a binary"
echo "install layout OK ($target, version $version)"
