# Shared by bench/transport/run.sh and bench/service/stage.sh (sourced, not run): starting a host that
# prints "READY <url>" once it listens — the TestHost and the Grpc.AspNetCore reference do — on a free
# loopback port. The sourcing script provides work_dir (for the host's output) and started_pids (the
# processes its EXIT trap stops).

# start_ready_host NAME COMMAND...: runs COMMAND --urls http://127.0.0.1:0 with console logging at
# Warning (the benchmarks measure the host, not console output), waits up to 60 s for its READY line
# and sets ready_pid and ready_url (without a trailing slash).
start_ready_host() {
  local name="$1"
  shift
  "$@" --urls http://127.0.0.1:0 --Logging:LogLevel:Default=Warning \
    >"$work_dir/$name.out" 2>"$work_dir/$name.err" </dev/null &
  ready_pid=$!
  started_pids+=("$ready_pid")
  ready_url=""
  for _ in $(seq 600); do
    ready_url="$(sed -n 's/^READY \(http:[^ ]*\).*/\1/p' "$work_dir/$name.out" | head -n1)"
    [[ -n "$ready_url" ]] && break
    kill -0 "$ready_pid" 2>/dev/null || { echo "$name exited:" >&2; cat "$work_dir/$name.out" "$work_dir/$name.err" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$ready_url" ]] || { echo "$name printed no READY line within 60 s" >&2; exit 1; }
  ready_url="${ready_url%/}"
  echo "$name listening on $ready_url"
}
