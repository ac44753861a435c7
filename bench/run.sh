#!/usr/bin/env bash
# Proxy benchmark: direct vs Portico vs nginx vs HAProxy, gRPC over h2c, on one machine (see bench/README.md).
#
#   bench/run.sh              full run (~20-25 min): installs what is missing, builds Release, measures, prints a
#                             markdown report (also written to the run directory; --out FILE copies it)
#   bench/run.sh --quick      smoke run (~4 min): short warm-ups and windows, one round
#   bench/run.sh --reload     only the reload benchmark: 5,000 routes, manifest edits under load (with --aot, the
#                             NativeAOT build too, after the JIT build)
#   bench/run.sh --headline   only the headline load (unary 100 B, 32x16), full warm-up, 3 rounds (~7 min): for A/B
#                             experiments with --compare or --aot
#   options: --no-install, --no-build, --out FILE, --skip-lookup,
#            --compare PATH   also measure another portico build (e.g. main's) as target "portico-b"
#            --aot            also measure Portico's NativeAOT build (bench/bin/portico-aot, same commit) as target
#                             "portico-aot", with the same arguments, environment and warm-up as "portico"
#            --portico-env 'K=V ...'  environment for the Portico processes (experiments)
#            --portico-args 'ARGS'    extra `portico run` arguments for target "portico" (e.g. '--upstream-max-calls 0')
#            --compare-args 'ARGS'    extra `portico run` arguments for target "portico-b"
#
# Pinning: h2load and the .NET loader on CPU 0; the backend and the proxy under test share CPU 1, so the proxy's
# CPU cost per call directly limits throughput (as it would next to its backends in a pod with a CPU limit).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"

QUICK=0; RELOAD_ONLY=0; INSTALL=1; BUILD=1; OUT=""; COMPARE=""; PORTICO_ENV=""; PORTICO_ARGS=""; COMPARE_ARGS=""; SKIP_LOOKUP=0; AOT=0; HEADLINE=0
while (($#)); do
  case $1 in
    --quick) QUICK=1 ;;
    --reload) RELOAD_ONLY=1 ;;
    --headline) HEADLINE=1; SKIP_LOOKUP=1 ;;
    --no-install) INSTALL=0 ;;
    --no-build) BUILD=0 ;;
    --skip-lookup) SKIP_LOOKUP=1 ;;
    --aot) AOT=1 ;;
    --out) OUT=$2; shift ;;
    --compare) COMPARE=$(realpath "$2"); shift ;;
    --portico-env) PORTICO_ENV=$2; shift ;;
    --portico-args) PORTICO_ARGS=$2; shift ;;
    --compare-args) COMPARE_ARGS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if ((QUICK)); then
  WARM_NET=6; WARM_OTHER=2; CALIB=2; ROUNDS_MAIN=1; ROUNDS=1; SECS_MAIN=4; SECS=3
  STREAM_WARMUP=2; STREAM_SECS=3; LOOKUP_ROUNDS=1; RELOAD_EDITS=5
else
  WARM_NET=45; WARM_OTHER=5; CALIB=3; ROUNDS_MAIN=3; ROUNDS=2; SECS_MAIN=15; SECS=10
  STREAM_WARMUP=8; STREAM_SECS=10; LOOKUP_ROUNDS=5; RELOAD_EDITS=20
fi
STREAM_CONNS=8; STREAM_STREAMS=4
BACKEND_PORT=50100
declare -A PORT=([direct]=$BACKEND_PORT [portico]=18080 [nginx]=18090 [haproxy]=18091 [portico-b]=18085 [portico-aot]=18086
  [portico-10]=18081 [portico-10k]=18082 [portico-5k]=18083 [portico-5k-aot]=18084)
declare -A ADMIN=([portico]=19901 [portico-b]=19905 [portico-aot]=19906 [portico-10]=19902 [portico-10k]=19903 [portico-5k]=19904 [portico-5k-aot]=19907)
declare -A PID_OF=() EST=()

RUN=$(mktemp -d /tmp/portico-bench.XXXXXX)
trap 'cleanup' EXIT
trap 'exit 130' INT TERM
log "run directory $RUN"

# :: 1. tools
if ((INSTALL)); then
  missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v h2load >/dev/null || missing+=(nghttp2-client)
  command -v taskset >/dev/null || missing+=(util-linux)
  command -v curl >/dev/null || missing+=(curl)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

# :: 2. build (Release)
BIN="$ROOT/bench/bin"
if ((BUILD)); then
  log "building Release"
  build_release
fi
PORTICO="$BIN/Portico.Cli/portico"
PORTICO_AOT="$BIN/portico-aot/portico"
LOADER="$BIN/Portico.Bench.Loader/Portico.Bench.Loader"
BACKEND="$BIN/Portico.Bench.Backend/Portico.Bench.Backend"

write_body 100 "$RUN/body-100.bin"
write_body 8192 "$RUN/body-8192.bin"
{
  echo "- date: $(date -u +%FT%TZ); commit $(git -C "$ROOT" rev-parse --short HEAD) ($(git -C "$ROOT" rev-parse --abbrev-ref HEAD))"
  echo "- machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $(dotnet --list-runtimes | grep NETCore | tail -1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3), HAProxy $(haproxy -v | head -1 | cut -d' ' -f3), $(h2load --version | head -1)"
} >"$RUN/env.md"

# :: 3. processes
start_backend() {
  start_pinned "$SERVER_CPU" "$RUN/backend.log" "$BACKEND" --port "$BACKEND_PORT"
  BACKEND_PID=$STARTED; wait_port "$BACKEND_PORT"
}

# start_portico NAME BINARY CONFIG_DIR
start_portico() {
  local name=$1 bin=$2 dir=$3 extra=$PORTICO_ARGS
  [[ $name == portico-b ]] && extra=$COMPARE_ARGS
  # shellcheck disable=SC2086 # PORTICO_ENV is a list of K=V words, extra a list of arguments
  start_pinned "$SERVER_CPU" "$RUN/$name.log" env $PORTICO_ENV "$bin" run --config "$dir" \
    --admin-address "127.0.0.1:${ADMIN[$name]}" --log-level warning $extra
  PID_OF[$name]=$STARTED
  wait_ready "${ADMIN[$name]}"; wait_port "${PORT[$name]}"
}

portico_config() { # NAME KIND ROUTES
  "$LOADER" manifests --kind "$2" --routes "$3" --out "$RUN/cfg-$1" --listen-port "${PORT[$1]}" --backend-port "$BACKEND_PORT"
  echo "$RUN/cfg-$1"
}

start_nginx() {
  mkdir -p "$RUN/nginx-tmp"
  sed -e "s#@RUN@#$RUN#g; s#@PORT@#${PORT[nginx]}#g; s#@BACKEND@#$BACKEND_PORT#g" "$ROOT/bench/proxies/nginx.conf.in" >"$RUN/nginx.conf"
  start_pinned "$SERVER_CPU" "$RUN/nginx.log" nginx -c "$RUN/nginx.conf" -p "$RUN"
  PID_OF[nginx]=$STARTED; wait_port "${PORT[nginx]}"
}

start_haproxy() {
  sed -e "s#@PORT@#${PORT[haproxy]}#g; s#@BACKEND@#$BACKEND_PORT#g" "$ROOT/bench/proxies/haproxy.cfg.in" >"$RUN/haproxy.cfg"
  start_pinned "$SERVER_CPU" "$RUN/haproxy.log" haproxy -f "$RUN/haproxy.cfg" -db
  PID_OF[haproxy]=$STARTED; wait_port "${PORT[haproxy]}"
}

source "$ROOT/bench/phases.sh"

start_backend
if ((RELOAD_ONLY)); then
  reload_phase portico-5k "$PORTICO"
  ((AOT)) && reload_phase portico-5k-aot "$PORTICO_AOT"
else
  main_phase
  ((SKIP_LOOKUP)) || lookup_phase
fi

"$LOADER" report --file "$RUN/results.jsonl" --env "$RUN/env.md" >"$RUN/results.md"
cat "$RUN/results.md"
[[ -n $OUT ]] && cp "$RUN/results.md" "$OUT"
log "done; raw results in $RUN/results.jsonl"
