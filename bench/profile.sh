#!/usr/bin/env bash
# Where Portico's CPU goes under the headline load (unary 100 B, h2c, 32x16), pinned like bench/run.sh.
#
#   bench/profile.sh [--seconds 20] [--warm 45] [--portico-env 'K=V ...'] [--portico-args 'ARGS'] [--no-build] [--config walkthrough|routes]
#                    [--bin PATH]   (another portico executable, e.g. bench/bin/portico-aot/portico: its symbols come from
#                                    the ELF file or, for a stripped NativeAOT build, the portico.dbg beside it)
#
# Runs the backend and Portico on CPU 1 (Portico with DOTNET_PerfMapEnabled=1 and W^X off so perf can name JIT-compiled code;
# libcoreclr has no symbols here, so the runtime's native code, mostly the GC, shows as one lump),
# warms Portico under load, then, during one more h2load window: `perf record` (cpu-clock samples with call
# graphs) on Portico, and dotnet-counters (allocation rate, GC) on Portico. Prints CPU by component (self time,
# grouped by module/namespace), the top symbols, and allocation and GC per call. Needs `perf` (Debian linux-perf)
# and the dotnet-counters tool (`dotnet tool install --global dotnet-counters`); both are installed when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
SECS=20; WARM=45; PORTICO_ENV=""; PORTICO_ARGS=""; BUILD=1; KIND=walkthrough; PBIN=""
while (($#)); do
  case $1 in
    --seconds) SECS=$2; shift ;;
    --warm) WARM=$2; shift ;;
    --portico-env) PORTICO_ENV=$2; shift ;;
    --portico-args) PORTICO_ARGS=$2; shift ;;
    --no-build) BUILD=0 ;;
    --config) KIND=$2; shift ;;
    --bin) PBIN=$(realpath "$2"); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v perf >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf >/dev/null; }
command -v h2load >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-counters >/dev/null || dotnet tool install --global dotnet-counters >/dev/null

single_target_setup profile
if [[ -n $PBIN && -f $PBIN.dbg ]]; then
  perf buildid-cache --add "$PBIN.dbg" 2>/dev/null || true # a stripped NativeAOT build: perf finds its symbols by build id
fi
"$LOADER" manifests --kind "$KIND" --routes 10 --out "$RUN/cfg" --listen-port "$PORT" --backend-port "$BACKEND_PORT"
# shellcheck disable=SC2086 # PORTICO_ENV is a list of K=V words
start_pinned "$SERVER_CPU" "$RUN/portico.log" env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 $PORTICO_ENV "${PBIN:-$BIN/Portico.Cli/portico}" run \
  --config "$RUN/cfg" --admin-address 127.0.0.1:19911 --log-level warning $PORTICO_ARGS
PPID_=$STARTED; wait_ready 19911; wait_port "$PORT"

log "warming Portico for $WARM s"
h2load_run "$PORT" 100 32 16 -D "$WARM" >/dev/null
log "profiling for $SECS s"
c0=$(cpu_ticks "$PPID_")
taskset -c "$LOAD_CPU" perf record -e cpu-clock -F 999 -g -p "$PPID_" -o "$RUN/perf.data" -- sleep "$SECS" >"$RUN/perf.log" 2>&1 &
perf_pid=$!
taskset -c "$LOAD_CPU" dotnet-counters collect -p "$PPID_" --format csv -o "$RUN/counters.csv" \
  --counters System.Runtime --duration "00:00:$(printf %02d "$SECS")" >"$RUN/counters.log" 2>&1 &
counters_pid=$!
out=$(h2load_run "$PORT" 100 32 16 -D "$SECS")
c1=$(cpu_ticks "$PPID_")
wait "$perf_pid" || true
wait "$counters_pid" || true
rps=$(sed -nE 's/^finished in .*, ([0-9.]+) req\/s.*/\1/p' <<<"$out")
calls=$(awk -v r="$rps" -v s="$SECS" 'BEGIN { printf "%d", r * s }')
echo "## Portico profile: unary 100 B, 32x16, ${SECS} s after ${WARM} s warm-up${PORTICO_ENV:+ (env: $PORTICO_ENV)}${PORTICO_ARGS:+ (args: $PORTICO_ARGS)}"
echo
echo "- throughput $rps req/s; Portico CPU $(awk -v t=$((c1 - c0)) -v n="$calls" 'BEGIN { printf "%.1f", t * 1e6 / 100 / n }') µs/call; VmHWM $(($(hwm_kib "$PPID_") / 1024)) MiB"

# Allocation and GC from the counters' CSV (Timestamp,Provider,Counter Name,Counter Type,Mean/Increment).
awk -F, -v n="$calls" -v s="$SECS" '
  $3 ~ /gc\.heap\.total_allocated/ { alloc += $5 }
  $3 ~ /gc\.pause\.time/ { pause += $5 }
  $3 ~ /gc\.collections.*gen0/ { g0 += $5 }
  $3 ~ /gc\.collections.*gen1/ { g1 += $5 }
  $3 ~ /gc\.collections.*gen2/ { g2 += $5 }
  END {
    if (n > 0) printf "- allocated %.1f KB/call; GC pause %.1f%% of wall time; GCs per 1000 calls: gen0 %.2f, gen1 %.2f, gen2 %.2f (dotnet-counters)\n", alloc / n / 1000, pause * 100 / s, g0 * 1000 / n, g1 * 1000 / n, g2 * 1000 / n
  }' "$RUN/counters.csv" || true
echo

perf report -i "$RUN/perf.data" --no-children --sort dso,sym -g none --stdio --percent-limit 0 2>/dev/null \
  | grep -E '^ +[0-9.]+%' >"$RUN/symbols.txt" || true
echo "### CPU by component (self time)"
echo
echo '| component | share |'
echo '|---|--:|'
awk '
  {
    pct = $1; sub("%", "", pct); line = $0
    if (line ~ /kernel/) c = "kernel (TCP/loopback, syscalls, scheduler)"
    else if (line ~ /Microsoft\.AspNetCore\.Server\.Kestrel|System\.IO\.Pipelines|Microsoft\.AspNetCore\.Http\./) c = "Kestrel (HTTP/2 server, pipes, HttpContext)"
    else if (line ~ /Yarp\./) c = "YARP forwarder"
    else if (line ~ /System\.Net\.Http\./) c = "HttpClient HTTP/2 (upstream)"
    else if (line ~ /System\.Net\.Sockets|System\.Net\.Security/) c = "sockets"
    else if (line ~ /Prometheus\./) c = "metrics (prometheus-net)"
    else if (line ~ /Portico\./) c = "Portico (routing, transforms, handler)"
    else if (line ~ /Microsoft\.Extensions\.Logging/) c = "logging"
    else if (line ~ /(WKS|SVR)::|gc_heap|GCHeap|[Gg]arbage|memset|memmove|JIT_New|Alloc/) c = "GC and allocation"
    else if (line ~ /System\.Threading|ThreadPool|AsyncMethodBuilder|AsyncTaskMethodBuilder|ValueTask|Task`|System\.Runtime\.CompilerServices/) c = "threads, tasks, async machinery"
    else if (line ~ /libcoreclr|libclrjit|libSystem/) c = "runtime (other)"
    else if (line ~ /libc|ld-linux/) c = "libc"
    else if (line ~ /System\.Private\.CoreLib|System\./) c = "BCL (other)"
    else c = "other"
    sum[c] += pct
  }
  END { for (c in sum) printf "| %s | %.1f%% |\n", c, sum[c] }' "$RUN/symbols.txt" | sort -t'|' -k3 -rn
echo
echo "### Top symbols (self time)"
echo
echo '```'
head -40 "$RUN/symbols.txt" | sed -E 's/ +/ /g' | cut -c1-200
echo '```'
log "perf data and counters in $RUN"
