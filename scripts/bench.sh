#!/usr/bin/env bash
# make bench: measures the provider and writes BENCHMARKS.md.
#
#   1. start-up: exec -> handshake line, and resident memory after
#      GetProviderSchema, for our binary and for a Go provider built with
#      hashicorp's go-plugin (tfdriver's test provider "tdtest", the Go floor),
#      interleaved, medians of BENCH_RUNS runs each;
#   2. 100 instances at parallelism 10 (tfdriver apply) against civo-sim with
#      50 ms added latency and a 2 s build time: wall time of the apply walk
#      against the ideal 10 x (build + one round trip), the provider's peak
#      RSS, and the API calls per instance from the simulator's request log;
#      then a no-op plan and destroy; medians of BENCH_BIG_RUNS runs;
#   2b. API calls at scale (issue 13), one run per scenario: apply of 100 with
#      a 2 s and a 1 s build, destroy of 100, plan (refresh) of 500, the
#      100-apply under a 5 requests/s rate limit, and the same with 2,000
#      unrelated instances in the account; calls from the simulator's log;
#   3. per-RPC latency (median) of GetProviderSchema, PlanResourceChange and
#      ReadResource from tfdriver's reports;
#   4. the civoapi client benchmark (build/bench/civoapi_bench), when built.
#
# Parts 1-3 need tfdriver (../shared/tfdriver beside the repository); without
# it they are skipped and BENCHMARKS.md says so.
#
# Environment: BUILD (default build), BENCH_RUNS (30), BENCH_BIG_RUNS (3),
# BENCH_INSTANCES (100), BENCH_OUT (BENCHMARKS.md), BENCH_SKIP_BUILD=1 (use
# what is built), BENCH_TFDRIVER_SRC (default ../shared/tfdriver),
# BENCH_SCALE_ONLY=1 (only part 2b), BENCH_UNRELATED (2000),
# BENCH_REFRESH_INSTANCES (500).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) BUILD_DIR=$BUILD ;; *) BUILD_DIR=$REPO/$BUILD ;; esac
RUNS=${BENCH_RUNS:-30}
BIG_RUNS=${BENCH_BIG_RUNS:-3}
INSTANCES=${BENCH_INSTANCES:-100}
PARALLELISM=10
LATENCY_MS=50
BUILD_TIME_MS=2000
OUT_MD=${BENCH_OUT:-BENCHMARKS.md}
SHARED_TFDRIVER=${BENCH_TFDRIVER_SRC:-$REPO/../shared/tfdriver}

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# median [FORMAT]: reads numbers, one per line, prints the median (default
# format %.1f).
median() {
  sort -g | awk -v fmt="${1:-%.1f}" '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf fmt "\n", m }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0 || a == "n/a" || b == "n/a") print "n/a"; else printf "%.2f\n", a / b }'; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  scripts/deps.sh --with-tfdriver
  make --no-print-directory build BUILD="$BUILD"
fi
# shellcheck source=scripts/lib.sh
. "$REPO/scripts/lib.sh"
PROVIDER=$(find_bin terraform-provider-civo)
SIM=$(find_bin civo-sim)
TFREPORT=$(find_bin tfreport)
HANDSHAKE_TIME=$(find_bin handshake_time)
BENCH_DIR="$BUILD_DIR/bench"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/civo-bench.XXXXXX")
SIM_PID=""
stop_sim() {
  if [ -n "$SIM_PID" ]; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
    SIM_PID=""
  fi
}
trap 'stop_sim; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM

# ---- tfdriver and the Go floor ---------------------------------------------
TFDRIVER=""
GO_PROVIDER=""
if [ -x "$SHARED_TFDRIVER/build.sh" ]; then
  if [ ! -x "$BENCH_DIR/tfdriver" ] || [ ! -x "$BENCH_DIR/terraform-provider-tdtest" ] ||
     [ -n "$(find "$SHARED_TFDRIVER" -name '*.go' -newer "$BENCH_DIR/tfdriver" -print -quit)" ]; then
    log "building tfdriver and the Go test provider into $BENCH_DIR"
    "$SHARED_TFDRIVER/build.sh" "$BENCH_DIR/tfdriver" "$BENCH_DIR/terraform-provider-tdtest" >&2
  fi
  TFDRIVER="$BENCH_DIR/tfdriver"
  GO_PROVIDER="$BENCH_DIR/terraform-provider-tdtest"
else
  log "../shared/tfdriver is absent: start-up, 100-instance and per-RPC parts are skipped"
fi

# ---- machine -----------------------------------------------------------------
CPU=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo unknown)
MEM_GB=$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
NPROC=$(nproc)
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
KERNEL=$(uname -sr)
# BENCH_COMMIT names the sources when the script runs outside a git checkout
# (e.g. an exported snapshot).
COMMIT=${BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}
DIRTY=""
if [ -z "${BENCH_COMMIT:-}" ] && git status --porcelain --untracked-files=no 2>/dev/null | grep -q .; then
  DIRTY=" (with uncommitted changes)"
fi
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

md="$WORK/BENCHMARKS.md"
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` (scripts/bench.sh); rerun it to reproduce. Absolute times"
  echo "depend on the machine; compare the ratios."
  echo
  echo "| | |"
  echo "|---|---|"
  echo "| date | $DATE |"
  echo "| commit | $COMMIT$DIRTY |"
  echo "| CPU | $CPU |"
  echo "| cores (nproc) | $NPROC |"
  echo "| memory | $MEM_GB GiB |"
  echo "| load average at start (1, 5, 15 min) | $LOAD |"
  echo "| kernel | $KERNEL |"
  echo "| compiler | $(c++ --version | head -1) |"
  echo "| build | $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt") |"
  echo
} >"$md"

# ---- simulator helpers -----------------------------------------------------------
SIM_URL=""
SIM_TOKEN=""
start_sim() {  # start_sim LATENCY_MS BUILD_TIME_MS
  stop_sim
  SIM_TOKEN="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  "$SIM" --addr 127.0.0.1:0 --token "$SIM_TOKEN" --latency "${1}ms" --build-time "${2}ms" \
    >"$WORK/sim.out" 2>"$WORK/sim.log" &
  SIM_PID=$!
  echo "$SIM_PID" >"$WORK/sim.pid"
  SIM_URL=""
  for _ in $(seq 1 100); do
    SIM_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/sim.out" 2>/dev/null | head -1 || true)
    [ -n "$SIM_URL" ] && return 0
    kill -0 "$SIM_PID" 2>/dev/null || die "civo-sim exited: $(cat "$WORK/sim.log")"
    sleep 0.1
  done
  die "civo-sim printed no URL"
}
sim_get() { curl -fsS -H "Authorization: bearer $SIM_TOKEN" "$SIM_URL$1"; }
default_network() {
  sim_get "/v2/networks?region=LON1" | tr '{' '\n' | grep '"default": *true' |
    grep -o '"id": *"[^"]*"' | head -1 | sed 's/.*"\([^"]*\)"$/\1/'
}
# The request log as "METHOD PATH" lines, ids replaced by {id}.
sim_calls() {
  sim_get "/_sim/log" | tr '{' '\n' | grep '"method"' |
    sed -n 's/.*"method": *"\([A-Z]*\)".*"path": *"\([^"?]*\).*/\1 \2/p' |
    sed -E 's#/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}#/{id}#g'
}

# write_config DIR COUNT NETWORK_ID: a tfdriver config with COUNT instances.
write_config() {
  local dir=$1 count=$2 net=$3 i sep=""
  mkdir -p "$dir"
  {
    echo '{ "provider": { "region": "LON1" }, "resources": {'
    for i in $(seq -f '%03g' 0 $((count - 1))); do
      printf '%s"civo_compute_instance.i%s": { "config": { "instance_name": "bench-%s", "size": "g3.small", "image": "ubuntu-jammy", "network": { "value": "%s" } } }\n' \
        "$sep" "$i" "$i" "$net"
      sep=","
    done
    echo '} }'
  } >"$dir/config.json"
}

tfd() {  # tfd DIR REPORT COMMAND: tfdriver against our provider and the sim
  "$TFDRIVER" -provider "$PROVIDER" -dir "$1" -parallelism "$PARALLELISM" -report "$2" \
    -env "CIVO_TOKEN=$SIM_TOKEN" -env "CIVO_API_URL=$SIM_URL" "$3" >"$2.out" 2>&1 ||
    die "tfdriver $3 failed (see below)
$(tail -30 "$2.out")"
}

SCALE_ONLY=${BENCH_SCALE_ONLY:-0}
if [ -n "$TFDRIVER" ]; then
  if [ "$SCALE_ONLY" != 1 ]; then
  # ---- 1. start-up ---------------------------------------------------------
  log "start-up: $RUNS runs each of ours and the Go provider, interleaved"
  : >"$WORK/startup.txt"
  mkdir -p "$WORK/schema"
  for i in $(seq 1 "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then order="ours go"; else order="go ours"; fi
    for who in $order; do
      p=$PROVIDER; [ "$who" = go ] && p=$GO_PROVIDER
      "$TFDRIVER" -provider "$p" -dir "$WORK/schema" -report "$WORK/schema/r.json" schema \
        >/dev/null 2>"$WORK/schema/err" || die "tfdriver schema ($who) failed: $(tail -5 "$WORK/schema/err")"
      "$TFREPORT" "$WORK/schema/r.json" | awk -v who="$who" '
        $1 == "process" { print who, "handshake_ms", $4; print who, "rss_kb", $8 }
        $1 == "rpc" && $3 == "GetProviderSchema" { print who, "GetProviderSchema_ms", $5 }' \
        >>"$WORK/startup.txt"
    done
  done
  # The direct measure: exec -> handshake line read from a pipe.
  "$HANDSHAKE_TIME" "$RUNS" "$PROVIDER" "$GO_PROVIDER" |
    awk '{ print ($1 == 0 ? "ours" : "go"), "direct_handshake_ms", $3 }' >>"$WORK/startup.txt" ||
    die "handshake_time failed"
  pick() { awk -v w="$1" -v k="$2" '$1 == w && $2 == k { print $3 }' "$WORK/startup.txt" | median "${3:-%.1f}"; }
  OURS_HS=$(pick ours handshake_ms); GO_HS=$(pick go handshake_ms)
  OURS_DHS=$(pick ours direct_handshake_ms); GO_DHS=$(pick go direct_handshake_ms)
  OURS_RSS=$(pick ours rss_kb %.0f); GO_RSS=$(pick go rss_kb %.0f)
  OURS_GPS=$(pick ours GetProviderSchema_ms); GO_GPS=$(pick go GetProviderSchema_ms)
  {
    echo "## 1. Start-up (medians of $RUNS runs each, interleaved)"
    echo
    echo "*exec → handshake line* is measured by \`build/bench/handshake_time\`: it launches each"
    echo "provider as Terraform does (magic cookie, PLUGIN_PROTOCOL_VERSIONS, AutoMTLS client"
    echo "certificate) and times posix_spawn until the first line arrives on the pipe. The other"
    echo "rows come from \`tfdriver schema\` runs: *go-plugin handshake* is exec until tfdriver's"
    echo "go-plugin client accepted the line (it adds the client's own work, the same for both);"
    echo "*RSS* is the provider's VmHWM from /proc/PID/status read just before"
    echo "shutdown, after GetProviderSchema and GetMetadata were served. The Go floor is"
    echo "tfdriver's test provider (hashicorp go-plugin + grpc-go, one resource and one data source),"
    echo "about the least a Go provider costs; real Go providers are larger."
    echo
    echo "| | ours (C++) | Go floor | ours / Go | target |"
    echo "|---|---|---|---|---|"
    echo "| exec → handshake line | $OURS_DHS ms | $GO_DHS ms | $(ratio "$OURS_DHS" "$GO_DHS") | ≤ 0.35 |"
    echo "| exec → go-plugin handshake accepted (tfdriver) | $OURS_HS ms | $GO_HS ms | $(ratio "$OURS_HS" "$GO_HS") | |"
    echo "| resident memory after GetProviderSchema | $OURS_RSS KiB | $GO_RSS KiB | $(ratio "$OURS_RSS" "$GO_RSS") | ≤ 1.0 |"
    echo "| GetProviderSchema latency | $OURS_GPS ms | $GO_GPS ms | $(ratio "$OURS_GPS" "$GO_GPS") | |"
    echo
  } >>"$md"

  # ---- 2. 100 instances ------------------------------------------------------
  IDEAL_MS=$(awk -v n="$INSTANCES" -v p="$PARALLELISM" -v b="$BUILD_TIME_MS" -v l="$LATENCY_MS" \
    'BEGIN { rounds = int((n + p - 1) / p); printf "%.0f", rounds * (b + l) }')
  : >"$WORK/big.txt"
  : >"$WORK/calls_apply.txt"
  : >"$WORK/calls_destroy.txt"
  : >"$WORK/rpcs.txt"
  for run in $(seq 1 "$BIG_RUNS"); do
    log "$INSTANCES instances, run $run/$BIG_RUNS (latency ${LATENCY_MS} ms, build ${BUILD_TIME_MS} ms)"
    start_sim "$LATENCY_MS" "$BUILD_TIME_MS"
    net=$(default_network)
    [ -n "$net" ] || die "no default network in the simulator"
    d="$WORK/big$run"
    write_config "$d" "$INSTANCES" "$net"

    before=$(sim_calls | wc -l)
    tfd "$d" "$d/apply.json" apply
    sim_calls | tail -n +"$((before + 1))" >"$d/calls_apply.txt"
    cat "$d/calls_apply.txt" >>"$WORK/calls_apply.txt"
    "$TFREPORT" "$d/apply.json" | awk -v run="$run" '
      $1 == "step" && $2 == "apply" { print run, "apply_ms", $4 }
      $1 == "process" && $2 == "apply" { print run, "apply_rss_kb", $8 }
      $1 == "summary" { print run, "violations", $5 }' >>"$WORK/big.txt"
    "$TFREPORT" "$d/apply.json" | awk '$1 == "rpc" && $2 == "plan" && $3 == "PlanResourceChange" { print "PlanResourceChange", $5 }' >>"$WORK/rpcs.txt"

    tfd "$d" "$d/plan.json" plan
    "$TFREPORT" "$d/plan.json" | awk '$1 == "rpc" && ($3 == "ReadResource" || $3 == "PlanResourceChange") { print $3 "_noop", $5 }' >>"$WORK/rpcs.txt"

    before=$(sim_calls | wc -l)
    tfd "$d" "$d/destroy.json" destroy
    sim_calls | tail -n +"$((before + 1))" >>"$WORK/calls_destroy.txt"
    "$TFREPORT" "$d/destroy.json" | awk -v run="$run" '$1 == "step" && $2 == "apply" { print run, "destroy_ms", $4 }' >>"$WORK/big.txt"
    stop_sim
  done
  bpick() { awk -v k="$1" '$2 == k { print $3 }' "$WORK/big.txt" | median "${2:-%.1f}"; }
  APPLY_MS=$(bpick apply_ms %.0f); APPLY_RSS=$(bpick apply_rss_kb %.0f); DESTROY_MS=$(bpick destroy_ms %.0f)
  VIOLATIONS=$(awk '$2 == "violations" { s += $3 } END { print s + 0 }' "$WORK/big.txt")
  per_instance() {  # per_instance FILE: calls per instance, by method and path
    sort "$1" | uniq -c | sort -rn | awk -v n="$INSTANCES" -v runs="$BIG_RUNS" '
      { printf "| `%s %s` | %.2f |\n", $2, $3, $1 / (n * runs); total += $1 }
      END { printf "| **total** | **%.2f** |\n", total / (n * runs) }'
  }
  {
    echo "## 2. $INSTANCES instances at parallelism $PARALLELISM (medians of $BIG_RUNS runs)"
    echo
    echo "\`tfdriver apply\` of $INSTANCES \`civo_compute_instance\`s against civo-sim with"
    echo "${LATENCY_MS} ms added to every request and a ${BUILD_TIME_MS} ms build time (BUILDING → ACTIVE)."
    echo "The ideal is $(( (INSTANCES + PARALLELISM - 1) / PARALLELISM )) rounds × (build + one round trip) = ${IDEAL_MS} ms."
    echo
    echo "| | value | target |"
    echo "|---|---|---|"
    echo "| apply walk, wall time | $APPLY_MS ms | |"
    echo "| ratio to the ideal ($IDEAL_MS ms) | $(ratio "$APPLY_MS" "$IDEAL_MS") | ≤ 1.10 |"
    echo "| provider peak RSS during the apply walk | $APPLY_RSS KiB | |"
    echo "| destroy walk, wall time | $DESTROY_MS ms | |"
    echo "| protocol violations reported by tfdriver (all runs) | $VIOLATIONS | 0 |"
    echo
    echo "API calls per instance during \`apply\` (validate, plan and apply walks), from the"
    echo "simulator's request log (ids shown as \`{id}\`):"
    echo
    echo "| call | per instance |"
    echo "|---|---|"
    per_instance "$WORK/calls_apply.txt"
    echo
    echo "API calls per instance during \`destroy\` (refresh, destroy plan and apply walks):"
    echo
    echo "| call | per instance |"
    echo "|---|---|"
    per_instance "$WORK/calls_destroy.txt"
    echo
  } >>"$md"

  fi  # SCALE_ONLY
  # ---- 2b. API calls at scale (issue 13) -----------------------------------------
  # Each scenario runs once (one run keeps the whole bench within minutes on a
  # shared machine); the calls are counted in the simulator's request log, so
  # they do not depend on the machine's load, the times do.
  sim_config() { curl -fsS -X POST -H 'Content-Type: application/json' -d "$1" "$SIM_URL/_sim/config" >/dev/null; }
  sim_entries() { sim_get "/_sim/log" | tr '{' '\n' | grep '"method"'; }
  # entry_stats FILE: "calls N refused R span_ms S" (span: first request sent to last answered)
  entry_stats() {
    awk '{
      n++; if ($0 ~ /"status": *429/) r++
      if (match($0, /"t_ms": *[0-9.]+/)) { t = substr($0, RSTART, RLENGTH); sub(/.*: */, "", t); if (first == "") first = t }
      if (match($0, /"end_ms": *[0-9.]+/)) { e = substr($0, RSTART, RLENGTH); sub(/.*: */, "", e); if (e + 0 > last + 0) last = e }
    } END { printf "calls %d refused %d span_ms %.0f\n", n, r + 0, last - first }' "$1"
  }
  # seed_unrelated N NET: N instances Terraform knows nothing of, made
  # through the API before the latency is switched on.
  seed_unrelated() {
    local n=$1 net=$2 cfg="$WORK/seed.curl" i
    sim_config '{"instance_quota": 100000, "latency_ms": 0}'
    : >"$cfg"
    for i in $(seq 1 "$n"); do
      [ "$i" = 1 ] || echo next >>"$cfg"
      printf 'url = "%s/v2/instances"\nheader = "Authorization: bearer %s"\nheader = "Content-Type: application/json"\ndata = "{\\"hostname\\":\\"other-%s\\",\\"size\\":\\"g3.small\\",\\"region\\":\\"LON1\\",\\"network_id\\":\\"%s\\",\\"template_id\\":\\"ubuntu-jammy\\"}"\noutput = "/dev/null"\n' \
        "$SIM_URL" "$SIM_TOKEN" "$i" "$net" >>"$cfg"
    done
    curl -fsS -K "$cfg" || die "seeding $n unrelated instances failed"
    sim_config "{\"latency_ms\": $LATENCY_MS}"
  }
  # scenario NAME BUILD_MS RATE UNRELATED COUNT WHAT: one run; WHAT is
  # "apply-destroy" or "apply-plan". Appends "NAME key value" lines to scale.txt.
  : >"$WORK/scale.txt"
  SCALE_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  scenario() {
    local name=$1 build=$2 rate=$3 unrelated=$4 count=$5 what=$6 d="$WORK/scale-$1" net before
    log "scale: $name ($count instances, build ${build} ms, rate ${rate:-none}, $unrelated unrelated)"
    start_sim "$LATENCY_MS" "$build"
    net=$(default_network)
    [ -n "$net" ] || die "no default network in the simulator"
    [ "$unrelated" -gt 0 ] && seed_unrelated "$unrelated" "$net"
    [ -n "$rate" ] && sim_config "{\"rate_limit\": $rate}"
    write_config "$d" "$count" "$net"
    before=$(sim_entries | wc -l)
    tfd "$d" "$d/apply.json" apply
    sim_entries | tail -n +"$((before + 1))" >"$d/apply.log"
    echo "$name apply $(entry_stats "$d/apply.log")" >>"$WORK/scale.txt"
    "$TFREPORT" "$d/apply.json" | awk -v n="$name" '
      $1 == "step" && $2 == "apply" { print n, "apply_ms", $4 }
      $1 == "process" && $2 == "apply" { print n, "apply_rss_kb", $8 }
      $1 == "summary" { print n, "errors", $3 }' >>"$WORK/scale.txt"
    if [ "$what" = apply-plan ]; then
      [ -n "$rate" ] && sim_config '{"rate_limit": 0}'
      before=$(sim_entries | wc -l)
      tfd "$d" "$d/plan.json" plan
      sim_entries | tail -n +"$((before + 1))" >"$d/plan.log"
      echo "$name plan $(entry_stats "$d/plan.log")" >>"$WORK/scale.txt"
    else
      before=$(sim_entries | wc -l)
      tfd "$d" "$d/destroy.json" destroy
      sim_entries | tail -n +"$((before + 1))" >"$d/destroy.log"
      echo "$name destroy $(entry_stats "$d/destroy.log")" >>"$WORK/scale.txt"
    fi
    if [ -n "${BENCH_KEEP:-}" ]; then
      mkdir -p "$BENCH_KEEP/$name" && cp "$d"/*.log "$d"/*.json "$BENCH_KEEP/$name/" 2>/dev/null || true
    fi
    stop_sim
  }
  UNRELATED=${BENCH_UNRELATED:-2000}
  REFRESH_N=${BENCH_REFRESH_INSTANCES:-500}
  RATE=5
  # A scenario that fails (the machine is shared; a simulator can be lost)
  # is run once more, then left out (its rows say n/a).
  run_scenario() {
    local try
    for try in 1 2; do
      if ( run_scenario_once "$1" ); then return 0; fi
      kill "$(cat "$WORK/sim.pid" 2>/dev/null)" 2>/dev/null || true
      awk -v n="$1" '$1 != n' "$WORK/scale.txt" >"$WORK/scale.tmp" && mv "$WORK/scale.tmp" "$WORK/scale.txt"
      log "scenario $1 failed (try $try)"
    done
  }
  run_scenario_once() {
    case $1 in
      b2) scenario b2 2000 "" 0 "$INSTANCES" apply-destroy ;;
      b1) scenario b1 1000 "" 0 "$INSTANCES" apply-destroy ;;
      refresh) scenario refresh 100 "" 0 "$REFRESH_N" apply-plan ;;
      rate) scenario rate 2000 "$RATE" 0 "$INSTANCES" apply-plan ;;
      b2u) scenario b2u 2000 "" "$UNRELATED" "$INSTANCES" apply-destroy ;;
      refreshu) scenario refreshu 100 "" "$UNRELATED" "$REFRESH_N" apply-plan ;;
    esac
  }
  for sc in ${BENCH_SCENARIOS:-b2 b1 refresh rate b2u refreshu}; do run_scenario "$sc"; done
  sget() { awk -v n="$1" -v w="$2" -v k="$3" '$1 == n && $2 == w { for (i = 3; i < NF; i += 2) if ($i == k) print $(i + 1) }' "$WORK/scale.txt" | head -1; }
  sval() { awk -v n="$1" -v k="$2" '$1 == n && $2 == k { print $3 }' "$WORK/scale.txt" | head -1; }
  # Three decimals, so a verdict is never won by rounding.
  per() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == 0) print "n/a"; else printf "%.3f\n", a / b }'; }
  verdict() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "n/a" || v == "") print "n/a"; else print (v + 0 <= t + 0 ? "met" : "**not met**") }'; }
  worse() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.3f\n", a / b }'; }
  ratio3() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0 || a == "n/a" || b == "n/a") print "n/a"; else printf "%.3f\n", a / b }'; }
  IDEAL2=$(awk -v n="$INSTANCES" -v p="$PARALLELISM" -v l="$LATENCY_MS" 'BEGIN { printf "%.0f", int((n + p - 1) / p) * (2000 + l) }')
  IDEAL1=$(awk -v n="$INSTANCES" -v p="$PARALLELISM" -v l="$LATENCY_MS" 'BEGIN { printf "%.0f", int((n + p - 1) / p) * (1000 + l) }')
  A2=$(per "$(sget b2 apply calls)" "$INSTANCES"); A1=$(per "$(sget b1 apply calls)" "$INSTANCES")
  W2=$(ratio3 "$(sval b2 apply_ms)" "$IDEAL2"); W1=$(ratio3 "$(sval b1 apply_ms)" "$IDEAL1")
  D2=$(per "$(sget b2 destroy calls)" "$INSTANCES")
  R5=$(per "$(sget refresh plan calls)" "$REFRESH_N")
  RSS2=$(awk -v k="$(sval b2 apply_rss_kb)" 'BEGIN { if (k == "") print "n/a"; else printf "%.1f\n", k / 1024 }')
  RC=$(sget rate apply calls); RR=$(sget rate apply refused); RS=$(sget rate apply span_ms)
  RACC=$((RC - RR))
  RFLOOR=$(awk -v c="$RACC" -v r="$RATE" 'BEGIN { printf "%.0f", c / r * 1000 }')
  RRAT=$(ratio3 "$RS" "$RFLOOR")
  RERR=$(sval rate errors)
  UA2=$(per "$(sget b2u apply calls)" "$INSTANCES"); UD2=$(per "$(sget b2u destroy calls)" "$INSTANCES")
  UW2=$(ratio3 "$(sval b2u apply_ms)" "$IDEAL2"); UR5=$(per "$(sget refreshu plan calls)" "$REFRESH_N")
  URSS2=$(awk -v k="$(sval b2u apply_rss_kb)" 'BEGIN { if (k == "") print "n/a"; else printf "%.1f\n", k / 1024 }')
  {
    echo "## 2b. API calls at scale (one run each; calls from the simulator's request log)"
    echo
    echo "Run at $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT$DIRTY, load average at its start $SCALE_LOAD."
    echo
    echo "Each scenario is one \`tfdriver\` run at parallelism $PARALLELISM against a fresh civo-sim"
    echo "with ${LATENCY_MS} ms added to every request. *Calls* are every API request the simulator"
    echo "logged during the command (validate, plan and apply walks; catalogue lists included)."
    echo "Calls are exact and do not depend on the machine; wall times and RSS do (see the load"
    echo "average above: the machine may be shared). *Unrelated* instances are made through the"
    echo "API before the run, in the same region, and Terraform knows nothing of them."
    echo
    echo "| row | target | measured | |"
    echo "|---|---|---|---|"
    echo "| apply of $INSTANCES, 2 s build: API calls per instance | ≤ 2.5 | $A2 | $(verdict "$A2" 2.5) |"
    echo "| apply of $INSTANCES, 2 s build: wall ÷ ideal ($IDEAL2 ms) | ≤ 1.10 | $W2 ($(sval b2 apply_ms) ms) | $(verdict "$W2" 1.10) |"
    echo "| apply of $INSTANCES, 1 s build: API calls per instance | ≤ 2.5 | $A1 | $(verdict "$A1" 2.5) |"
    echo "| apply of $INSTANCES, 1 s build: wall ÷ ideal ($IDEAL1 ms) | ≤ 1.10 | $W1 ($(sval b1 apply_ms) ms) | $(verdict "$W1" 1.10) |"
    echo "| destroy of $INSTANCES: API calls per instance | ≤ 2 | $D2 | $(verdict "$D2" 2) |"
    echo "| plan (refresh) of $REFRESH_N: API calls per instance | ≤ 0.2 | $R5 | $(verdict "$R5" 0.2) |"
    echo "| apply of $INSTANCES under $RATE req/s with Retry-After: failed resources | 0 | ${RERR:-n/a} | $( [ "${RERR:-1}" = 0 ] && echo met || echo '**not met**') |"
    echo "| … its API span ÷ floor (accepted calls $RACC ÷ $RATE/s = $RFLOOR ms) | ≤ 1.15 | $RRAT ($RS ms; $RR requests refused with 429) | $(verdict "$RRAT" 1.15) |"
    echo "| provider peak RSS during the apply of $INSTANCES (2 s build) | ≤ 19 MiB | $RSS2 MiB | $(verdict "$RSS2" 19) |"
    echo "| with $UNRELATED unrelated instances: apply calls per instance (× without) | ≤ 1.10× | $UA2 ($(worse "$UA2" "$A2")×) | $(verdict "$(worse "$UA2" "$A2")" 1.10) |"
    echo "| with $UNRELATED unrelated: apply wall ÷ ideal (× without) | ≤ 1.10× | $UW2 ($(worse "$UW2" "$W2")×) | $(verdict "$(worse "$UW2" "$W2")" 1.10) |"
    echo "| with $UNRELATED unrelated: destroy calls per instance (× without) | ≤ 1.10× | $UD2 ($(worse "$UD2" "$D2")×) | $(verdict "$(worse "$UD2" "$D2")" 1.10) |"
    echo "| with $UNRELATED unrelated: refresh calls per instance (× without) | ≤ 1.10× | $UR5 ($(worse "$UR5" "$R5")×) | $(verdict "$(worse "$UR5" "$R5")" 1.10) |"
    echo "| with $UNRELATED unrelated: provider peak RSS during the apply (× without) | ≤ 1.10× | $URSS2 MiB ($(worse "$URSS2" "$RSS2")×) | $(verdict "$(worse "$URSS2" "$RSS2")" 1.10) |"
    echo
    echo "Of the apply's calls, \`PUT /v2/instances/{id}/tags\` is $(per "$(grep -c '"method": *"PUT", *"path": *"/v2/instances/[^"]*/tags"' "$WORK/scale-b2/apply.log" 2>/dev/null)" "$INSTANCES") per instance:"
    echo "the removal of the one-time create marker tag (SPEC.md, *Never create twice*). The"
    echo "rate-limited run is not repeated with $UNRELATED unrelated instances."
    echo
  } >>"$md"

  # ---- 3. per-RPC latency -------------------------------------------------------
  if [ "$SCALE_ONLY" != 1 ]; then
  rpick() { awk -v k="$1" '$1 == k { print $2 }' "$WORK/rpcs.txt" | median; }
  {
    echo "## 3. Per-RPC latency (medians)"
    echo
    echo "From tfdriver's per-RPC timings (client side, so they include gRPC and TLS). Plan and"
    echo "Read talk to the simulator, whose ${LATENCY_MS} ms per request dominates them."
    echo
    echo "| RPC | where | median |"
    echo "|---|---|---|"
    echo "| GetProviderSchema | start-up runs (ours) | $OURS_GPS ms |"
    echo "| GetProviderSchema | start-up runs (Go floor) | $GO_GPS ms |"
    echo "| PlanResourceChange | create plans, $INSTANCES instances × $BIG_RUNS runs | $(rpick PlanResourceChange) ms |"
    echo "| PlanResourceChange | no-op plans after apply | $(rpick PlanResourceChange_noop) ms |"
    echo "| ReadResource | no-op plans after apply (refresh) | $(rpick ReadResource_noop) ms |"
    echo
  } >>"$md"
  fi  # SCALE_ONLY
else
  {
    echo "## 1-3. Start-up, $INSTANCES instances, per-RPC latency"
    echo
    echo "Skipped: ../shared/tfdriver is not beside this repository (it is in CI)."
    echo
  } >>"$md"
fi

# ---- 4. the civoapi client ---------------------------------------------------
[ "$SCALE_ONLY" = 1 ] || {
  echo "## 4. civoapi client against the simulator"
  echo
  if [ -x "$BENCH_DIR/civoapi_bench" ]; then
    log "civoapi_bench"
    echo "\`build/bench/civoapi_bench\` (bench/civoapi_bench.cc): the civoapi client against an"
    echo "in-process simulator, 1,000 sequential and 1,000 concurrent GETs; connection reuse"
    echo "means far fewer TCP connections than requests."
    echo
    if out=$("$BENCH_DIR/civoapi_bench" 2>"$WORK/civoapi_bench.err"); then
      echo "$out"
    else
      echo "civoapi_bench failed: $(tail -3 "$WORK/civoapi_bench.err")"
    fi
  else
    echo "Skipped: build/bench/civoapi_bench was not built."
  fi
  echo
} >>"$md"

cp "$md" "$OUT_MD"
log "wrote $OUT_MD"
cat "$OUT_MD"
