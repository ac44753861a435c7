# Functions for bench/run.sh (sourced). Everything started here is recorded in PIDS and stopped by PID on exit.
# shellcheck shell=bash

PIDS=()
LOAD_CPU=0    # h2load and the .NET loader
SERVER_CPU=1  # the backend and the proxy under test share this one

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# single_target_setup NAME — what the one-target scripts (profile.sh, memory.sh) share: a run directory, the traps, a
# Release build (unless BUILD=0), the loader, a 100-byte body, and the backend pinned to SERVER_CPU on BACKEND_PORT
# (BACKEND_PID); PORT is where Portico will listen.
single_target_setup() {
  RUN=$(mktemp -d "/tmp/portico-$1.XXXXXX")
  trap 'cleanup' EXIT
  trap 'exit 130' INT TERM
  BIN="$ROOT/bench/bin"
  if ((BUILD)); then
    build_release
  fi
  LOADER="$BIN/Portico.Bench.Loader/Portico.Bench.Loader"
  BACKEND_PORT=50100; PORT=18080
  write_body 100 "$RUN/body-100.bin"
  start_pinned "$SERVER_CPU" "$RUN/backend.log" "$BIN/Portico.Bench.Backend/Portico.Bench.Backend" --port "$BACKEND_PORT"
  BACKEND_PID=$STARTED
  wait_port "$BACKEND_PORT"
}

# build_release — Portico, the bench backend and the loader, Release, into $BIN (needs ROOT, BIN, RUN); and Portico's
# NativeAOT build into $BIN/portico-aot (README "Native build"; ~3 min more) unless AOT_BUILD=0.
build_release() {
  local p
  for p in src/Portico.Cli bench/Portico.Bench.Backend bench/Portico.Bench.Loader; do
    dotnet build -c Release -nologo -v q "$ROOT/$p" -o "$BIN/$(basename "$p")" >"$RUN/build.log" 2>&1 || { cat "$RUN/build.log"; exit 1; }
  done
  if [[ ${AOT_BUILD:-1} == 1 ]]; then
    dotnet publish -c Release -r linux-x64 -p:PublishAot=true -nologo -v q "$ROOT/src/Portico.Cli" -o "$BIN/portico-aot" \
      >"$RUN/build-aot.log" 2>&1 || { cat "$RUN/build-aot.log"; exit 1; }
  fi
}

# Stops every process this run started, by PID: TERM, a grace period, then KILL.
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    local alive=0
    for p in "${PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.5
  done
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  PIDS=()
}

# stop PID: stops one process started by start_pinned and forgets it.
stop_pid() {
  local pid=$1 keep=() p
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${PIDS[@]}"; do [[ $p != "$pid" ]] && keep+=("$p"); done
  PIDS=("${keep[@]}")
}

# start_pinned CPU LOGFILE CMD... — runs CMD pinned to CPU in the background; sets STARTED to its PID.
start_pinned() {
  local cpu=$1 logfile=$2; shift 2
  taskset -c "$cpu" "$@" >"$logfile" 2>&1 &
  STARTED=$!
  PIDS+=("$STARTED")
}

wait_port() {
  local port=$1
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.25
  done
  log "port $port did not open"; return 1
}

wait_ready() { # admin port: /readyz answers 200 once the first configuration is served
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  log "admin $1 never became ready"; return 1
}

# The process and its children (nginx: master + worker).
tree_pids() { local p=$1; echo "$p"; pgrep -P "$p" 2>/dev/null || true; }

# Sum of utime+stime (clock ticks) over the given PIDs.
cpu_ticks() {
  local total=0 p s rest
  for p in "$@"; do
    s=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    rest=${s##*) }
    read -r -a f <<<"$rest"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

# Sum of VmHWM (peak resident set) in KiB over the given PIDs.
hwm_kib() {
  local total=0 p v
  for p in "$@"; do
    v=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}

jget() { sed -nE "s/.*\"$1\":([-0-9.]+).*/\1/p" <<<"$2"; }

backend_unary() { taskset -c "$LOAD_CPU" "$LOADER" stats --target "127.0.0.1:$BACKEND_PORT" | awk '{print $1}'; }

# gRPC frame (uncompressed) of Payload{body = SIZE zero bytes}, for h2load -d.
write_body() {
  local size=$1 file=$2 msg
  if ((size < 128)); then
    msg=$((size + 2)); printf "\\x0a\\x$(printf %02x "$size")" >"$file.msg"
  else
    msg=$((size + 3)); printf "\\x0a\\x$(printf %02x $(((size & 127) | 128)))\\x$(printf %02x $((size >> 7)))" >"$file.msg"
  fi
  head -c "$size" /dev/zero >>"$file.msg"
  printf "\\x00\\x$(printf %02x $((msg >> 24 & 255)))\\x$(printf %02x $((msg >> 16 & 255)))\\x$(printf %02x $((msg >> 8 & 255)))\\x$(printf %02x $((msg & 255)))" >"$file"
  cat "$file.msg" >>"$file"; rm -f "$file.msg"
}

# h2load_run PORT SIZE CONNS STREAMS (-n N | -D SECONDS) — unary gRPC over h2c from CPU 0; prints h2load's output.
h2load_run() {
  local port=$1 size=$2 c=$3 m=$4; shift 4
  rm -f "$RUN/h2.log"
  taskset -c "$LOAD_CPU" h2load "$@" -c "$c" -m "$m" -t 1 -d "$RUN/body-$size.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' --log-file "$RUN/h2.log" \
    --connect-to="127.0.0.1:$port" "http://bench.example.com:$port/portico.bench.Bench/Unary"
}

# record JSON-fields... — one measurement, one line of results.jsonl
record() { local IFS=,; echo "{$*}" >>"$RUN/results.jsonl"; }

# measure_unary LOAD TARGET ROUND SIZE CONNS STREAMS SECONDS
# Fixed request count (-n), sized from the last rate seen for this target and load, so that the backend's call
# counter can be compared exactly with h2load's: a call the proxy answered itself (e.g. grpc-status 14 in a 200
# response, which h2load counts as success) shows up as a missing backend call.
measure_unary() {
  local load=$1 target=$2 round=$3 size=$4 c=$5 m=$6 secs=$7
  local port=${PORT[$target]} key="$load/$target" pids=() n out b0 b1 c0 c1 k0 k1 summary
  [[ -n ${PID_OF[$target]:-} ]] && mapfile -t pids < <(tree_pids "${PID_OF[$target]}")
  local est=${EST[$key]:-2000}
  n=$(awk -v r="$est" -v s="$secs" -v min=$((c * m * 8)) 'BEGIN { n = int(r * s); print (n < min ? min : n) }')
  b0=$(backend_unary); c0=$(cpu_ticks "${pids[@]}"); k0=$(cpu_ticks "$BACKEND_PID")
  out=$(h2load_run "$port" "$size" "$c" "$m" -n "$n")
  c1=$(cpu_ticks "${pids[@]}"); k1=$(cpu_ticks "$BACKEND_PID"); b1=$(backend_unary)
  summary=$("$LOADER" h2log --file "$RUN/h2.log")
  local rps failed errored timeout non200 lost errors cpu_us bcpu_us rss
  rps=$(sed -nE 's/^finished in .*, ([0-9.]+) req\/s.*/\1/p' <<<"$out")
  read -r failed errored timeout < <(sed -nE 's/^requests: .* ([0-9]+) failed, ([0-9]+) errored, ([0-9]+) timeout.*/\1 \2 \3/p' <<<"$out")
  non200=$(jget non200 "$summary")
  lost=$((n - (b1 - b0))); ((lost < 0)) && lost=0
  errors=$((failed + errored + timeout + non200)); ((lost > errors)) && errors=$lost
  EST[$key]=${rps%.*}
  cpu_us=null; rss=null
  if ((${#pids[@]} > 0)); then
    cpu_us=$(awk -v t=$((c1 - c0)) -v n="$n" 'BEGIN { printf "%.1f", t * 1e6 / 100 / n }')
    rss=$(awk -v k="$(hwm_kib "${pids[@]}")" 'BEGIN { printf "%.0f", k / 1024 }')
  fi
  bcpu_us=$(awk -v t=$((k1 - k0)) -v n="$n" 'BEGIN { printf "%.1f", t * 1e6 / 100 / n }')
  record "\"load\":\"$load\"" "\"target\":\"$target\"" "\"round\":$round" "\"unit\":\"req/s\"" "\"rate\":${rps:-0}" \
    "\"p50\":$(jget p50_ms "$summary")" "\"p99\":$(jget p99_ms "$summary")" "\"errors\":$errors" "\"calls\":$n" \
    "\"cpu_us\":$cpu_us" "\"rss_mib\":$rss" "\"backend_cpu_us\":$bcpu_us"
  log "$load $target #$round: ${rps} req/s, p99 $(jget p99_ms "$summary") ms, errors $errors, proxy ${cpu_us} us/call, RSS ${rss} MiB"
}

# calibrate LOAD TARGET SIZE CONNS STREAMS SECONDS — an unrecorded timed run: warms this load's path and
# gives the first rate estimate for measure_unary's request count.
calibrate() {
  local load=$1 target=$2 size=$3 c=$4 m=$5 secs=$6 out
  out=$(h2load_run "${PORT[$target]}" "$size" "$c" "$m" -D "$secs")
  EST["$load/$target"]=$(sed -nE 's/^finished in .*, ([0-9]+)[0-9.]* req\/s.*/\1/p' <<<"$out")
}

# measure_stream TARGET ROUND — server streaming through the gRPC-aware loader; CPU sampled over the window only.
measure_stream() {
  local target=$1 round=$2 port=${PORT[$1]} pids=() c0 c1 k0 k1 out lp
  [[ -n ${PID_OF[$target]:-} ]] && mapfile -t pids < <(tree_pids "${PID_OF[$target]}")
  taskset -c "$LOAD_CPU" "$LOADER" stream --target "127.0.0.1:$port" --authority bench.example.com \
    --connections "$STREAM_CONNS" --streams "$STREAM_STREAMS" --messages 1000 --size 100 \
    --warmup "$STREAM_WARMUP" --duration "$STREAM_SECS" >"$RUN/stream.json" &
  lp=$!
  sleep "$STREAM_WARMUP"
  c0=$(cpu_ticks "${pids[@]}"); k0=$(cpu_ticks "$BACKEND_PID")
  wait "$lp"
  c1=$(cpu_ticks "${pids[@]}"); k1=$(cpu_ticks "$BACKEND_PID")
  out=$(cat "$RUN/stream.json")
  local msgs msgps cpu_us=null rss=null bcpu_us
  msgs=$(jget messages "$out"); msgps=$(jget msgps "$out"); ((msgs > 0)) || msgs=1
  if ((${#pids[@]} > 0)); then
    cpu_us=$(awk -v t=$((c1 - c0)) -v n="$msgs" 'BEGIN { printf "%.2f", t * 1e6 / 100 / n }')
    rss=$(awk -v k="$(hwm_kib "${pids[@]}")" 'BEGIN { printf "%.0f", k / 1024 }')
  fi
  bcpu_us=$(awk -v t=$((k1 - k0)) -v n="$msgs" 'BEGIN { printf "%.2f", t * 1e6 / 100 / n }')
  record "\"load\":\"stream-100B-${STREAM_CONNS}x${STREAM_STREAMS}\"" "\"target\":\"$target\"" "\"round\":$round" "\"unit\":\"msg/s\"" \
    "\"rate\":$msgps" "\"p50\":$(jget p50_ms "$out")" "\"p99\":$(jget p99_ms "$out")" "\"errors\":$(jget errors_total "$out")" \
    "\"calls\":$msgs" "\"cpu_us\":$cpu_us" "\"rss_mib\":$rss" "\"backend_cpu_us\":$bcpu_us"
  log "stream $target #$round: $msgps msg/s, errors $(jget errors_total "$out"), proxy $cpu_us us/msg"
}
