# Shared by the benchmark scripts: a release binary, a server over a generated catalog, timings.
# Sourced; sets binary, work, pid, url and token.

bench_binary() {
  if [ -n "${FOYER_BINARY:-}" ]; then
    binary=$FOYER_BINARY
  else
    echo "==> release build"
    swift build -c release --product foyer >/dev/null
    binary=.build/release/foyer
  fi
}

# bench_serve ENTITIES: generates a catalog of ENTITIES (none for 0) and starts a server over an empty data folder.
bench_serve() {
  work=$(mktemp -d /tmp/foyer-bench.XXXXXX)
  trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
  [ "$1" -gt 0 ] && python3 scripts/bench/generate_catalog.py "$work/catalog" "$1"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  token="bench-token-0123456789abcdef"
  url="http://127.0.0.1:$port"
  bench_start
}

# bench_start: starts a server over $work's data folder, logging to $work/server.log.
bench_start() {
  local database_args=()
  [ -n "${FOYER_BENCH_DATABASE:-}" ] && database_args=(--database "$FOYER_BENCH_DATABASE")
  # Reads go out as a guest, so the figures compare with runs from before sign-in existed.
  FOYER_AUTH_ALLOW_GUESTS=true FOYER_BOOTSTRAP_TOKEN=$token $binary serve --port "$port" --data-dir "$work/data" --log-level ${FOYER_BENCH_LOG_LEVEL:-info} \
    --catalog-refresh-interval 86400 --catalog-allowed-roots "$work" "${database_args[@]}" > "$work/server.log" 2>&1 &
  pid=$!
  until curl -sf "$url/healthz" >/dev/null; do sleep 0.2; done
}

# bench_restart: a fresh server process over the same data, so its first evaluation reads the whole
# catalog with nothing cached and no ingest competing for the cores.
bench_restart() {
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  bench_start
}

# bench_register: registers the generated catalog as one location (the ingest being measured).
bench_register() {
  curl -sf -o /dev/null -X POST "$url/api/catalog/locations" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"type\":\"file\",\"target\":\"$work/catalog\"}" \
    || { echo "ingest failed"; tail -5 "$work/server.log"; exit 1; }
}

# bench_settle ENTITIES: waits (at most 120 s) until the background syncs have evaluated the whole
# ingested catalog (scorecards and adoption, on their 60 s timer), so that CPU-heavy pass is not
# measured as request latency.
bench_settle() {
  local started=$SECONDS
  until grep -q "entities=$1 .*adoption evaluated" "$work/server.log" && grep -q "entities=$1 .*scorecards evaluated" "$work/server.log"; do
    [ $((SECONDS - started)) -ge 120 ] && { echo "settled:            not within 120 s"; return; }
    sleep 1
  done
  echo "settled:            the evaluations of all $1 entities ended $((SECONDS - started)) s after the ingest"
}

median_ms() {  # median wall time of ${2:-21} sequential requests to $1
  python3 - "$1" "${2:-21}" <<'PY'
import sys, time, urllib.request
n = int(sys.argv[2])
times = []
for _ in range(n):
    t = time.perf_counter(); urllib.request.urlopen(sys.argv[1]).read(); times.append((time.perf_counter() - t) * 1000)
times.sort(); print(f"{times[n // 2]:.1f} ms (p50 of {n}, min {times[0]:.1f}, max {times[-1]:.1f})")
PY
}

bench_machine() {
  echo "machine:            $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(date -u +%Y-%m-%d)"
}
