#!/usr/bin/env bash
# What Portico's memory is, idle and under the headline load (unary 100 B, h2c, 32x16), pinned like bench/run.sh.
#
#   bench/memory.sh [--seconds 30] [--portico-args 'ARGS'] [--portico-env 'K=V ...'] [--no-build] [--aot]
#
# Prints VmRSS split into anonymous / file-backed / shared memory idle and after the load, and the resident size of
# every mapping above 1 MiB (from /proc/PID/smaps; `memfd:doublemapper` is JIT-compiled code, mapped twice for W^X).
# Compare GC or runtime knobs with --portico-env, `portico run` options with --portico-args. Uses bench/bin (built
# unless --no-build). --aot measures the NativeAOT build (bench/bin/portico-aot) instead of the JIT one.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
SECS=30; PORTICO_ARGS=""; PORTICO_ENV="X_UNUSED=1"; BUILD=1; PORTICO_BIN=Portico.Cli/portico
while (($#)); do
  case $1 in
    --seconds) SECS=$2; shift ;;
    --portico-args) PORTICO_ARGS=$2; shift ;;
    --portico-env) PORTICO_ENV=$2; shift ;;
    --no-build) BUILD=0 ;;
    --aot) PORTICO_BIN=portico-aot/portico ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v h2load >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client >/dev/null; }
single_target_setup memory
"$LOADER" manifests --kind walkthrough --routes 10 --out "$RUN/cfg" --listen-port "$PORT" --backend-port "$BACKEND_PORT" >/dev/null
# shellcheck disable=SC2086 # lists of words
start_pinned "$SERVER_CPU" "$RUN/portico.log" env $PORTICO_ENV "$BIN/$PORTICO_BIN" run --config "$RUN/cfg" \
  --admin-address 127.0.0.1:19911 --log-level warning $PORTICO_ARGS
P=$STARTED; wait_ready 19911; wait_port "$PORT"
rss() { grep -E 'VmHWM|VmRSS|RssAnon|RssFile|RssShmem' "/proc/$P/status" | tr -s ' \t' ' ' | tr '\n' ' '; }
mappings() {
  awk '/^[0-9a-f]+-[0-9a-f]+ /{ name = $6; if (name == "") name = "[anon]" } /^Rss:/{ rss[name] += $2 }
       END { for (n in rss) if (rss[n] > 1024) printf "%8.1f MiB  %s\n", rss[n] / 1024, n }' "/proc/$P/smaps" | sort -rn
}
echo "## Portico memory ($PORTICO_BIN)${PORTICO_ARGS:+ (args: $PORTICO_ARGS)}${PORTICO_ENV:+ (env: $PORTICO_ENV)}"
echo
echo "- idle: $(rss)"
c0=$(cpu_ticks "$P")
out=$(h2load_run "$PORT" 100 32 16 -D "$SECS")
c1=$(cpu_ticks "$P")
rps=$(sed -nE 's/^finished in .*, ([0-9.]+) req\/s.*/\1/p' <<<"$out")
echo "- after ${SECS} s of unary 100 B 32x16: $rps req/s, $(awk -v t=$((c1 - c0)) -v r="$rps" -v s="$SECS" 'BEGIN { printf "%.1f", t * 1e6 / 100 / (r * s) }') µs/call; $(rss)"
echo "- load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo '```'
mappings
echo '```'
