#!/usr/bin/env bash
# Transport benchmark: unary gRPC throughput and latency of the TestHost's in-memory Lookup method
# under h2load, next to redis-benchmark GET against a local redis-server measured in the same run.
# Loopback only, bounded request counts; every process started here is stopped on exit.
#
#   bench/transport/run.sh            build the TestHost (Release), then measure
#   BENCH_NO_BUILD=1 bench/transport/run.sh   reuse the existing Release build
#   PROFILEHUB_TESTHOST_CMD="..."     start the host with another command (implies no build)
#
# Request counts can be scaled with BENCH_GRPC_REQUESTS (default 200000 at -c 16 -m 32; a fifth
# of it at -c 4 -m 1) and BENCH_REDIS_REQUESTS (default 300000 at -c 64; a third at -c 4).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

python=/usr/bin/python3
host_project=tests/ProfileHub.Grpc.TestHost/ProfileHub.Grpc.TestHost.csproj
host_dll=tests/ProfileHub.Grpc.TestHost/bin/Release/net10.0/ProfileHub.Grpc.TestHost.dll
grpc_requests="${BENCH_GRPC_REQUESTS:-200000}"
grpc_requests_c4=$((grpc_requests / 5))
redis_requests="${BENCH_REDIS_REQUESTS:-300000}"
redis_requests_c4=$((redis_requests / 3))
lookup_key="key:7"

results_dir="bench/results/transport-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results_dir"
work_dir="$(mktemp -d -t profilehub-bench-XXXXXX)"

host_pid=""
redis_pid=""
stop_processes() {
  for pid in "$host_pid" "$redis_pid"; do
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$work_dir"
}
trap stop_processes EXIT
trap 'exit 130' INT TERM

free_port() {
  "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

for tool in h2load redis-server redis-cli redis-benchmark protoc dotnet; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: nghttp2-client, redis-server, redis-tools, protobuf-compiler)" >&2; exit 1; }
done

host_command="${PROFILEHUB_TESTHOST_CMD:-}"
if [[ -z "$host_command" ]]; then
  host_command="dotnet $host_dll"
  [[ "${BENCH_NO_BUILD:-0}" == "1" ]] || build_host=1
fi

if [[ "${build_host:-0}" == "1" ]]; then
  echo "== building the TestHost (Release)"
  timeout 900 dotnet build "$host_project" -c Release -nologo -v quiet
fi

echo "== starting the TestHost"
# Request logging off: the benchmark measures the transport, not console output.
# shellcheck disable=SC2086 # the command is a word list on purpose
$host_command --urls http://127.0.0.1:0 --Logging:LogLevel:Default=Warning \
  >"$work_dir/host.out" 2>"$work_dir/host.err" </dev/null &
host_pid=$!
url=""
for _ in $(seq 600); do
  url="$(sed -n 's/^READY \(http:[^ ]*\).*/\1/p' "$work_dir/host.out" | head -n1)"
  [[ -n "$url" ]] && break
  kill -0 "$host_pid" 2>/dev/null || { echo "TestHost exited:" >&2; cat "$work_dir/host.out" "$work_dir/host.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "TestHost printed no READY line within 60 s" >&2; exit 1; }
url="${url%/}"
target="${url#http://}"
echo "TestHost listening on $url"

echo "== starting redis-server"
redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize no \
  >"$work_dir/redis.log" 2>&1 </dev/null &
redis_pid=$!
for _ in $(seq 100); do
  [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" == "PONG" ]] && break
  sleep 0.1
done
[[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping)" == "PONG" ]]
# redis-benchmark's GET reads this literal key (no -r given): give it a value like the gRPC answer.
redis-cli -h 127.0.0.1 -p "$redis_port" set "key:__rand_int__" "value:7" >/dev/null
echo "redis-server listening on 127.0.0.1:$redis_port"

echo "== request body and grpcio check"
"$python" bench/transport/lookup_request.py write-body "$results_dir/lookup-request.bin" "$lookup_key"
"$python" bench/transport/lookup_request.py verify "$target" "$lookup_key"

lookup_url="$url/profilehub.testing.v1.EchoService/Lookup"
h2load_call() {
  timeout 300 h2load "$@" -d "$results_dir/lookup-request.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' "$lookup_url"
}

echo "== warm-up: h2load -n 20000 -c 16 -m 32"
h2load_call -n 20000 -c 16 -m 32 >"$results_dir/h2load-warmup.txt"

echo "== h2load -n $grpc_requests -c 16 -m 32"
h2load_call -n "$grpc_requests" -c 16 -m 32 --log-file="$results_dir/h2load-c16m32.log" \
  | tee "$results_dir/h2load-c16m32.txt"
echo "== h2load -n $grpc_requests_c4 -c 4 -m 1"
h2load_call -n "$grpc_requests_c4" -c 4 -m 1 --log-file="$results_dir/h2load-c4m1.log" \
  | tee "$results_dir/h2load-c4m1.txt"

echo "== redis-benchmark -t get -c 64 -n $redis_requests"
timeout 300 redis-benchmark -h 127.0.0.1 -p "$redis_port" -t get -c 64 -n "$redis_requests" --csv \
  | tee "$results_dir/redis-c64.csv"
echo "== redis-benchmark -t get -c 4 -P 1 -n $redis_requests_c4"
timeout 300 redis-benchmark -h 127.0.0.1 -p "$redis_port" -t get -c 4 -P 1 -n "$redis_requests_c4" --csv \
  | tee "$results_dir/redis-c4.csv"

echo "== the TestHost still answers correctly after the load"
"$python" bench/transport/lookup_request.py verify "$target" "$lookup_key"

echo
echo "== results ($results_dir)"
"$python" bench/transport/summarize.py "$results_dir"
