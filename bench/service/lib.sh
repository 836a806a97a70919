# Shared by bench/service/*.sh (sourced, not run): building, free ports, starting and stopping
# ProfileHub.Server and redis-server, and the Load tool. Every process started here is recorded in
# started_pids and stopped by stop_processes, which the scripts install as their EXIT trap.

python=/usr/bin/python3
server_project=src/ProfileHub.Server/ProfileHub.Server.csproj
server_dll=src/ProfileHub.Server/bin/Release/net10.0/ProfileHub.Server.dll
load_project=bench/ProfileHub.Bench.Load/ProfileHub.Bench.Load.csproj
load_dll=bench/ProfileHub.Bench.Load/bin/Release/net10.0/ProfileHub.Bench.Load.dll

started_pids=()
work_dir="$(mktemp -d -t profilehub-service-bench-XXXXXX)"

stop_pid() {
  local pid="$1"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

stop_processes() {
  for pid in "${started_pids[@]}"; do stop_pid "$pid"; done
  rm -rf "$work_dir"
}

free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

require_tools() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing $tool (Debian: nghttp2-client, redis-server, redis-tools)" >&2; exit 1; }
  done
}

build_release() {
  if [[ "${BENCH_NO_BUILD:-0}" != "1" ]]; then
    echo "== building ProfileHub.Server and ProfileHub.Bench.Load (Release)"
    timeout 1200 dotnet build "$server_project" -c Release -nologo -v quiet
    timeout 1200 dotnet build "$load_project" -c Release -nologo -v quiet
  fi
}

load_tool() {
  timeout "${BENCH_LOAD_TIMEOUT:-1800}" dotnet "$load_dll" "$@"
}

# start_server NAME DB_PATH [extra --Section:Key=value ...]: starts the server on a free loopback
# port (its /metrics endpoint on another free port, so several servers can run side by side) with
# console logging at Warning (per-request logs would measure the console), sets
# server_pid and server_url, and waits until grpc.health.v1 says SERVING.
# The environment is "Benchmark": not Development, whose developer exception page would sit in every
# request's pipeline, and not Production, which refuses ProfileHub:Auth:Mode=none. Auth is off
# because the benchmarks measure ingest and lookups, not credential checks, and h2load posts one
# fixed request. Everything listens on loopback only.
start_server() {
  local name="$1" db="$2"
  shift 2
  local port
  port="$(free_port)"
  server_url="http://127.0.0.1:$port"
  dotnet "$server_dll" --environment Benchmark --ProfileHub:Auth:Mode=none --urls "$server_url" \
    --ProfileHub:Metrics:Port="$(free_port)" --ProfileHub:Storage:ConnectionString="Data Source=$db" \
    --Logging:LogLevel:Default=Warning "$@" \
    >"$work_dir/$name.out" 2>"$work_dir/$name.err" </dev/null &
  server_pid=$!
  started_pids+=("$server_pid")
  if ! load_tool stages --address "$server_url" >/dev/null; then
    echo "ProfileHub.Server ($name) did not start:" >&2
    cat "$work_dir/$name.out" "$work_dir/$name.err" >&2
    exit 1
  fi
  echo "ProfileHub.Server ($name) listening on $server_url"
}

stop_server() {
  stop_pid "$server_pid"
  server_pid=""
}

start_redis() {
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize no \
    >"$work_dir/redis.log" 2>&1 </dev/null &
  redis_pid=$!
  started_pids+=("$redis_pid")
  for _ in $(seq 100); do
    [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" == "PONG" ]] && break
    sleep 0.1
  done
  [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping)" == "PONG" ]]
  echo "redis-server listening on 127.0.0.1:$redis_port"
}
