# The measurement phases of bench/run.sh (sourced).
# shellcheck shell=bash

# warm TARGET SECONDS — full unary load through TARGET (tiered JIT and dynamic PGO settle under load).
warm() {
  log "warming $1 for $2 s"
  h2load_run "${PORT[$1]}" 100 32 16 -D "$2" >/dev/null
}

# Alternates the targets round by round (A B C D A B C D), so drift and neighbours' noise spread over all of them.
main_phase() {
  local targets=(direct portico nginx haproxy)
  [[ -n $COMPARE ]] && targets+=(portico-b)
  ((AOT)) && targets+=(portico-aot)
  start_portico portico "$PORTICO" "$(portico_config portico walkthrough 0)"
  if ((AOT)); then
    start_portico portico-aot "$PORTICO_AOT" "$(portico_config portico-aot walkthrough 0)"
  fi
  if [[ -n $COMPARE ]]; then
    start_portico portico-b "$COMPARE" "$(portico_config portico-b walkthrough 0)"
  fi
  start_nginx
  start_haproxy
  echo "- settings: h2load/loader on CPU $LOAD_CPU, backend + proxy on CPU $SERVER_CPU (taskset); .NET warm-up ${WARM_NET} s under 32x16 load; a .NET process pinned to one CPU runs Workstation GC (GC heaps = CPUs it may use)" >>"$RUN/env.md"
  echo "- Portico: walkthrough-style config (6 routes, 11 rules, 3 hostnames + wildcard, 90/10 split and a header filter on the measured route), metrics on, no access log, log level warning${PORTICO_ENV:+, env: $PORTICO_ENV}${PORTICO_ARGS:+, args: $PORTICO_ARGS}${COMPARE_ARGS:+, portico-b args: $COMPARE_ARGS}" >>"$RUN/env.md"
  ((AOT)) && echo "- portico-aot: the same commit's NativeAOT build (\`dotnet publish -c Release -r linux-x64 -p:PublishAot=true\`), same config, arguments and warm-up as portico" >>"$RUN/env.md"

  warm direct "$WARM_NET"
  local t
  for t in "${targets[@]}"; do
    [[ $t == direct ]] && continue
    [[ $t == portico* ]] && warm "$t" "$WARM_NET" || warm "$t" "$WARM_OTHER"
  done

  # LOAD SIZE CONNS STREAMS ROUNDS SECONDS
  local loads=("unary-100B-32x16 100 32 16 $ROUNDS_MAIN $SECS_MAIN" "unary-100B-8x4 100 8 4 $ROUNDS $SECS"
    "unary-8KiB-32x16 8192 32 16 $ROUNDS $SECS" "unary-8KiB-8x4 8192 8 4 $ROUNDS $SECS")
  ((HEADLINE)) && loads=("${loads[0]}")
  local spec load size c m rounds secs r
  for spec in "${loads[@]}"; do
    read -r load size c m rounds secs <<<"$spec"
    for t in "${targets[@]}"; do calibrate "$load" "$t" "$size" "$c" "$m" "$CALIB"; done
    for r in $(seq 1 "$rounds"); do
      for t in "${targets[@]}"; do measure_unary "$load" "$t" "$r" "$size" "$c" "$m" "$secs"; done
    done
  done
  if ((!HEADLINE)); then
    for r in $(seq 1 "$ROUNDS"); do
      for t in "${targets[@]}"; do measure_stream "$t" "$r"; done
    done
  fi

  stop_pid "${PID_OF[haproxy]}"; stop_pid "${PID_OF[nginx]}"; stop_pid "${PID_OF[portico]}"
  [[ -n $COMPARE ]] && stop_pid "${PID_OF[portico-b]}"
  ((AOT)) && stop_pid "${PID_OF[portico-aot]}"
  unset 'PID_OF[haproxy]' 'PID_OF[nginx]' 'PID_OF[portico]' 'PID_OF[portico-b]' 'PID_OF[portico-aot]'
}

# Route lookup cost end to end: the same measured route among 10 or among 10,000 routes, alternating.
lookup_phase() {
  # Two processes compared: with --aot both run the NativeAOT build, whose code is the same in every process. Two JIT
  # processes of one binary can settle into different tiered/PGO code and differ by 15-25% on the same route table,
  # which would swamp a 5% target.
  local lbin=$PORTICO lkind="JIT build"
  ((AOT)) && { lbin=$PORTICO_AOT; lkind="NativeAOT build"; }
  start_portico portico-10 "$lbin" "$(portico_config portico-10 routes 10)"
  start_portico portico-10k "$lbin" "$(portico_config portico-10k routes 10000)"
  echo "- lookup ($lkind, $LOOKUP_ROUNDS rounds): portico-10 / portico-10k serve the measured route (same split and filter) among 10 / 10,000 GRPCRoute rules (exact methods over 4 hostnames, every 50th a regex, every 20th a header match)" >>"$RUN/env.md"
  warm portico-10 "$WARM_NET"
  warm portico-10k "$WARM_NET"
  local r t
  for t in portico-10 portico-10k; do calibrate lookup-100B-32x16 "$t" 100 32 16 "$CALIB"; done
  for r in $(seq 1 "$LOOKUP_ROUNDS"); do
    for t in portico-10 portico-10k; do measure_unary lookup-100B-32x16 "$t" "$r" 100 32 16 "$SECS_MAIN"; done
  done
  stop_pid "${PID_OF[portico-10]}"; stop_pid "${PID_OF[portico-10k]}"
  unset 'PID_OF[portico-10]' 'PID_OF[portico-10k]'
}

# Manifest edits (5,000 routes) applied while a gRPC-aware load runs; every failed call of that load counts.
# reload_phase NAME BINARY — portico-5k (the JIT build) or portico-5k-aot (the NativeAOT build)
reload_phase() {
  local name=$1 bin=$2 dir load_secs out probe
  # Unmeasured edits first: the control plane's code is tiered up by its first runs (as the data path is by warm-up).
  local RELOAD_WARMUP=${RELOAD_WARMUP:-3}
  dir=$(portico_config "$name" routes 5000)
  start_portico "$name" "$bin" "$dir"
  warm "$name" "$WARM_NET"
  # The load runs until the probe is done (stop file), at most a generous bound.
  load_secs=$(((RELOAD_EDITS + RELOAD_WARMUP) * 15 + 30))
  log "reload ($name): $RELOAD_EDITS edits of a 5,000-route configuration under load"
  rm -f "$RUN/reload.stop"
  taskset -c "$LOAD_CPU" "$LOADER" unary --target "127.0.0.1:${PORT[$name]}" --authority bench.example.com \
    --connections 8 --streams 8 --size 100 --warmup 0 --duration "$load_secs" --stop-file "$RUN/reload.stop" >"$RUN/reload-load.json" &
  local lp=$!
  sleep 2
  probe=$(taskset -c "$LOAD_CPU" "$LOADER" reload --target "127.0.0.1:${PORT[$name]}" --dir "$dir" --routes 5000 \
    --listen-port "${PORT[$name]}" --backend-port "$BACKEND_PORT" --edits "$RELOAD_EDITS" --warmup "$RELOAD_WARMUP" --pause 1 || true)
  sleep 2
  touch "$RUN/reload.stop"
  wait "$lp"
  out=$(cat "$RUN/reload-load.json")
  record "\"load\":\"reload-5000-routes\"" "\"target\":\"$name\"" "\"round\":1" "\"unit\":\"edits\"" \
    "\"rate\":$(jget applied "$probe")" "\"p50\":$(jget p50_ms "$probe")" "\"p99\":$(jget p99_ms "$probe")" \
    "\"max\":$(jget max_ms "$probe")" "\"errors\":$(jget errors_total "$out")" "\"calls\":$(jget calls "$out")" \
    "\"load_rps\":$(jget rps "$out")" "\"edits\":$RELOAD_EDITS" "\"cpu_us\":null" "\"rss_mib\":null" "\"backend_cpu_us\":null"
  echo "- reload ($name): $RELOAD_EDITS edits of the measured route's header filter in a 5,000-route file (rename into place), 1 s apart, after $RELOAD_WARMUP unmeasured warm-up edits (JIT tiering of the control plane), under an 8x8 unary load from the gRPC-aware loader that runs from 2 s before the first edit to 2 s after the last; latency = rename to first call served by the new table; samples in edit order: $(sed -nE 's/.*"samples_ms":\[([^]]*)\].*/\1/p' <<<"$probe"); warm-up edits: $(sed -nE 's/.*"warmup_ms":\[([^]]*)\].*/\1/p' <<<"$probe")" >>"$RUN/env.md"
  log "reload ($name): $probe; load: $out"
  stop_pid "${PID_OF[$name]}"; unset "PID_OF[$name]"
}
