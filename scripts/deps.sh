#!/usr/bin/env bash
# Installs the Debian packages the build, tests and demo need, only when one
# is missing (so a prepared machine does not touch apt at all).
set -euo pipefail
pkgs=(
  build-essential cmake pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libcurl4-openssl-dev rapidjson-dev libmsgpack-cxx-dev libssl-dev
  libgtest-dev libgmock-dev libcpp-httplib-dev
  libyaml-cpp-dev
  curl
)
if [ "${1:-}" = "--with-tfdriver" ]; then
  pkgs+=(golang-go golang-github-hashicorp-go-plugin-dev golang-github-hashicorp-go-hclog-dev
         golang-github-zclconf-go-cty-dev golang-google-grpc-dev golang-google-protobuf-dev)
fi
if [ "${1:-}" = "--with-fuzz" ]; then
  pkgs+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "installing: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
