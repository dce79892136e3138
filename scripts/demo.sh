#!/usr/bin/env bash
# make demo: the whole life of one Civo instance, offline, against the local
# Civo API simulator.
#
#   1. builds (make build; missing Debian packages are installed first),
#   2. starts build/civo-sim on 127.0.0.1 (a random free port),
#   3. installs the provider into a TEMPORARY filesystem mirror and points
#      terraform/tofu at it with TF_CLI_CONFIG_FILE (nothing is written to
#      your home directory),
#   4. on a copy of examples/quickstart runs: init, apply (create), a resize
#      in place, a replacement with create_before_destroy, destroy, showing
#      the outputs and the API calls each step made,
#   5. stops the simulator.
#
# Without terraform and tofu on PATH it says so and runs the same lifecycle
# through the project's own end-to-end client (build/civo-demo), which
# launches the provider exactly as Terraform does.
#
# Environment:
#   DEMO_TOOL=auto|terraform|tofu|client   which driver to use (default auto:
#                                          terraform, else tofu, else client)
#   DEMO_BUILD_TIME=1s                     the simulated instance build time
#   DEMO_KEEP=1                            keep the temporary directory
#   DEMO_SKIP_BUILD=1                      use what is already built
#   BUILD=build                            the build directory
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) BUILD_DIR=$BUILD ;; *) BUILD_DIR=$REPO/$BUILD ;; esac
DEMO_TOOL=${DEMO_TOOL:-auto}
DEMO_BUILD_TIME=${DEMO_BUILD_TIME:-1s}
REGION=LON1

bold=""; dim=""; reset=""
if [ -t 1 ]; then bold=$'\e[1m'; dim=$'\e[2m'; reset=$'\e[0m'; fi
say() { printf '\n%s==> %s%s\n' "$bold" "$*" "$reset"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# ---- 1. build -------------------------------------------------------------
if [ "${DEMO_SKIP_BUILD:-0}" != 1 ]; then
  say "Building (make build)"
  scripts/deps.sh
  make --no-print-directory build BUILD="$BUILD"
fi

# shellcheck source=scripts/lib.sh
. "$REPO/scripts/lib.sh"
PROVIDER=$(find_bin terraform-provider-civo)
SIM=$(find_bin civo-sim)

# ---- choose the driver ----------------------------------------------------
tool=""
case "$DEMO_TOOL" in
  auto)
    if command -v terraform >/dev/null 2>&1; then tool=terraform
    elif command -v tofu >/dev/null 2>&1; then tool=tofu
    else tool=client; fi ;;
  terraform|tofu)
    command -v "$DEMO_TOOL" >/dev/null 2>&1 || die "$DEMO_TOOL is not on PATH"
    tool=$DEMO_TOOL ;;
  client) tool=client ;;
  *) die "DEMO_TOOL must be auto, terraform, tofu or client" ;;
esac

# ---- 2. the simulator -----------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/civo-demo.XXXXXX")
SIM_PID=""
cleanup() {
  if [ -n "$SIM_PID" ]; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
  fi
  if [ "${DEMO_KEEP:-0}" = 1 ]; then
    echo "demo: kept $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A throwaway token: the simulator accepts only this one.
TOKEN="demo-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
say "Starting the Civo API simulator ($SIM, build time $DEMO_BUILD_TIME)"
"$SIM" --addr 127.0.0.1:0 --token "$TOKEN" --build-time "$DEMO_BUILD_TIME" \
  >"$WORK/sim.out" 2>"$WORK/sim.log" &
SIM_PID=$!
URL=""
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/sim.out" 2>/dev/null | head -1 || true)
  [ -n "$URL" ] && break
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/sim.log" >&2; die "the simulator exited"; }
  sleep 0.1
done
[ -n "$URL" ] || die "the simulator did not print its URL within 10 s"
echo "simulator listening at $URL"

api() {  # api PATH: GET a Civo API path from the simulator
  curl -fsS -H "Authorization: bearer $TOKEN" "$URL$1"
}
# The quickstart takes its network by id: ask the API for the region's
# default network, as `civo network ls` would.
NETWORK_ID=$(api "/v2/networks?region=$REGION" |
  tr '{' '\n' | grep '"default": *true' | grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$NETWORK_ID" ] || die "no default network in $REGION"
echo "default network in $REGION: $NETWORK_ID"

# The simulator's request log, from entry $1 on: the API calls a step made.
log_size() { api "/_sim/log" | grep -o '"method"' | wc -l; }
show_calls() {
  local from=$1
  printf '\n%sCivo API calls made by this step (from the simulator log):%s\n' "$dim" "$reset"
  api "/_sim/log" | tr '{' '\n' | grep '"method"' | tail -n +"$((from + 1))" |
    sed -n 's/.*"method": *"\([A-Z]*\)".*"path": *"\([^"]*\)".*"status": *\([0-9]*\).*/  \1 \2 -> \3/p' |
    awk '{ key=$0; if (key==last) { n++ } else { if (last!="") print last (n>1?"  (x" n ")":""); last=key; n=1 } }
         END { if (last!="") print last (n>1?"  (x" n ")":"") }'
}

SIZE_1=g3.small
SIZE_2=g3.medium
IMAGE_1=ubuntu-jammy
IMAGE_2=debian-11

# ---- 3+4a. terraform / tofu -----------------------------------------------
run_with_cli() {
  local tf=$1
  say "Using $tf ($(command -v "$tf"): $("$tf" version 2>/dev/null | head -1))"

  # The provider goes into a temporary filesystem mirror, found through a
  # temporary CLI config: the same unpacked layout `make install` writes
  # under ~/.terraform.d/plugins, for both registry hostnames.
  PLUGIN_DIR="$WORK/plugins" BIN="$PROVIDER" scripts/install.sh >/dev/null
  cat >"$WORK/cli.tfrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$WORK/plugins"
    include = ["registry.terraform.io/project-planton/civo", "registry.opentofu.org/project-planton/civo"]
  }
}
EOF
  export TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
  unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR
  # Variables through the environment, so the token is on no command line.
  export TF_VAR_civo_api_url="$URL" TF_VAR_civo_token="$TOKEN" TF_VAR_region="$REGION"
  export TF_VAR_network_id="$NETWORK_ID"

  cp -r examples/quickstart "$WORK/quickstart"
  cd "$WORK/quickstart"
  local n nc="" first_id id
  [ -t 1 ] || nc=-no-color

  say "$tf init   (provider from the local mirror; no registry)"
  "$tf" init -input=false $nc

  say "$tf apply  (create: size $SIZE_1, image $IMAGE_1)"
  n=$(log_size)
  "$tf" apply -auto-approve -input=false $nc -var size=$SIZE_1 -var image=$IMAGE_1
  show_calls "$n"
  first_id=$("$tf" output -raw instance_id)

  say "$tf plan   (nothing changed: no diff)"
  "$tf" plan -input=false $nc -detailed-exitcode -var size=$SIZE_1 -var image=$IMAGE_1 ||
    die "the re-plan of an unchanged configuration was not empty"

  say "$tf apply  (size $SIZE_1 -> $SIZE_2: resized in place, same instance id)"
  n=$(log_size)
  "$tf" apply -auto-approve -input=false $nc -var size=$SIZE_2 -var image=$IMAGE_1
  show_calls "$n"
  id=$("$tf" output -raw instance_id)
  [ "$id" = "$first_id" ] || die "the resize replaced the instance ($first_id -> $id)"
  printf '\nOK: same instance %s, now %s\n' "$id" "$SIZE_2"

  say "$tf apply  (image $IMAGE_1 -> $IMAGE_2: replaced, create_before_destroy)"
  n=$(log_size)
  "$tf" apply -auto-approve -input=false $nc -var size=$SIZE_2 -var image=$IMAGE_2
  show_calls "$n"
  id=$("$tf" output -raw instance_id)
  [ "$id" != "$first_id" ] || die "the image change did not replace the instance"
  printf '\nOK: replaced %s by %s (the new one was created before the old one was deleted: see the calls above)\n' "$first_id" "$id"

  say "$tf destroy"
  n=$(log_size)
  "$tf" destroy -auto-approve -input=false $nc -var size=$SIZE_2 -var image=$IMAGE_2
  show_calls "$n"
  cd "$REPO"
}

# ---- 4b. the project's own end-to-end client ------------------------------
run_with_client() {
  local demo
  demo=$(find_bin civo-demo)
  say "Running the lifecycle through build/civo-demo (it launches the provider as Terraform does: magic cookie, AutoMTLS, plugin protocol 6)"
  CIVO_TOKEN="$TOKEN" "$demo" \
    --provider "$PROVIDER" --api-url "$URL" --region "$REGION" --network-id "$NETWORK_ID" \
    --size "$SIZE_1" --resize-to "$SIZE_2" --image "$IMAGE_1" --replace-image "$IMAGE_2" \
    --sim-log "$URL/_sim/log"
}

if [ "$tool" = client ]; then
  if [ "$DEMO_TOOL" = auto ]; then
    say "Neither terraform nor tofu is on PATH: running the same lifecycle through the project's own end-to-end client instead"
  fi
  run_with_client
else
  run_with_cli "$tool"
fi

say "Done: created, resized in place, replaced (create_before_destroy) and destroyed one instance"
