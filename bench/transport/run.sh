#!/usr/bin/env bash
# Transport benchmark: unary gRPC throughput and latency of a trivial in-memory method — the
# TestHost's EchoService.Lookup served by ProfileHub's transport, and the same Lookup served by the
# official ASP.NET Core gRPC server (Grpc.AspNetCore, bench/ProfileHub.Bench.GrpcReference) — under
# h2load, beside redis-benchmark GET against a local redis-server, all in the same run. The three are
# measured in interleaved rounds so drift on a shared machine hits each alike; the table gives the
# median of the rounds. Loopback only, bounded request counts; every process started here is
# stopped on exit.
#
#   bench/transport/run.sh                    build both hosts (Release), then measure
#   BENCH_NO_BUILD=1 bench/transport/run.sh   reuse the existing Release builds
#   PROFILEHUB_TESTHOST_CMD="..."             start ProfileHub's host with another command
#
# Knobs: BENCH_WARMUP_REQUESTS (800000 per host), BENCH_ROUNDS (3), BENCH_GRPC_REQUESTS (200000 at -c 16 -m 32; a fifth at -c 4 -m 1),
# BENCH_REDIS_REQUESTS (300000 at -c 64; a third at -c 4).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

python=/usr/bin/python3
host_project=tests/ProfileHub.Grpc.TestHost/ProfileHub.Grpc.TestHost.csproj
host_dll=tests/ProfileHub.Grpc.TestHost/bin/Release/net10.0/ProfileHub.Grpc.TestHost.dll
reference_project=bench/ProfileHub.Bench.GrpcReference/ProfileHub.Bench.GrpcReference.csproj
reference_dll=bench/ProfileHub.Bench.GrpcReference/bin/Release/net10.0/ProfileHub.Bench.GrpcReference.dll
rounds="${BENCH_ROUNDS:-3}"
# Tiered JIT with dynamic PGO needs several hundred thousand calls before a host runs its final code
# (its background compiler gets little CPU while h2load and the host saturate both cores);
# a short warm-up would measure the JIT's background compilation as much as the server.
warmup_requests="${BENCH_WARMUP_REQUESTS:-800000}"
grpc_requests="${BENCH_GRPC_REQUESTS:-200000}"
grpc_requests_c4=$((grpc_requests / 5))
redis_requests="${BENCH_REDIS_REQUESTS:-300000}"
redis_requests_c4=$((redis_requests / 3))
lookup_key="key:7"

results_dir="bench/results/transport-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results_dir"
work_dir="$(mktemp -d -t profilehub-bench-XXXXXX)"

started_pids=()
stop_processes() {
  for pid in "${started_pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
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

host_command="${PROFILEHUB_TESTHOST_CMD:-dotnet $host_dll}"
if [[ "${BENCH_NO_BUILD:-0}" != "1" ]]; then
  echo "== building the TestHost and the Grpc.AspNetCore reference (Release)"
  [[ -n "${PROFILEHUB_TESTHOST_CMD:-}" ]] || timeout 900 dotnet build "$host_project" -c Release -nologo -v quiet
  timeout 900 dotnet build "$reference_project" -c Release -nologo -v quiet
fi

# shellcheck source=bench/ready_host.sh
source bench/ready_host.sh

# start_host NAME COMMAND...: starts a host (see start_ready_host) and sets <NAME>_target to host:port.
start_host() {
  local name="$1"
  start_ready_host "$@"
  printf -v "${name}_target" '%s' "${ready_url#http://}"
}

echo "== starting ProfileHub's TestHost and the Grpc.AspNetCore reference"
# shellcheck disable=SC2086 # the command is a word list on purpose
start_host profilehub $host_command
start_host reference dotnet "$reference_dll"

echo "== starting redis-server"
redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no --daemonize no \
  >"$work_dir/redis.log" 2>&1 </dev/null &
started_pids+=("$!")
for _ in $(seq 100); do
  [[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" == "PONG" ]] && break
  sleep 0.1
done
[[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping)" == "PONG" ]]
# redis-benchmark's GET reads this literal key (no -r given): give it a value like the gRPC answer.
redis-cli -h 127.0.0.1 -p "$redis_port" set "key:__rand_int__" "value:7" >/dev/null
echo "redis-server listening on 127.0.0.1:$redis_port"

echo "== request body and grpcio check of both hosts"
"$python" bench/transport/lookup_request.py write-body "$results_dir/lookup-request.bin" "$lookup_key"
"$python" bench/transport/lookup_request.py verify "$profilehub_target" "$lookup_key"
"$python" bench/transport/lookup_request.py verify "$reference_target" "$lookup_key"

# h2load_call HOST_TARGET ARGS...
h2load_call() {
  local target="$1"
  shift
  timeout 300 h2load "$@" -d "$results_dir/lookup-request.bin" \
    -H 'content-type: application/grpc' -H 'te: trailers' "http://$target/profilehub.testing.v1.EchoService/Lookup"
}

# measure_host NAME ROUND: the throughput run, then the latency run, of one host. The throughput run
# keeps no per-request log: writing one costs h2load about a tenth of its rate, which redis-benchmark
# (a histogram) does not pay. The latency run keeps it, and p99 comes from it.
measure_host() {
  local name="$1" round="$2" target_var="${1}_target"
  local target="${!target_var}"
  echo "-- $name: h2load -n $grpc_requests -c 16 -m 32"
  h2load_call "$target" -n "$grpc_requests" -c 16 -m 32 >"$results_dir/h2load-$name-c16m32-r$round.txt"
  grep -E "^finished in" "$results_dir/h2load-$name-c16m32-r$round.txt"
  echo "-- $name: h2load -n $grpc_requests_c4 -c 4 -m 1"
  h2load_call "$target" -n "$grpc_requests_c4" -c 4 -m 1 --log-file="$results_dir/h2load-$name-c4m1-r$round.log" \
    >"$results_dir/h2load-$name-c4m1-r$round.txt"
  grep -E "^finished in" "$results_dir/h2load-$name-c4m1-r$round.txt"
}

measure_redis() {
  local round="$1"
  echo "-- redis: redis-benchmark -t get -c 64 -n $redis_requests, then -c 4 -P 1 -n $redis_requests_c4"
  timeout 300 redis-benchmark -h 127.0.0.1 -p "$redis_port" -t get -c 64 -n "$redis_requests" --csv \
    >"$results_dir/redis-c64-r$round.csv"
  timeout 300 redis-benchmark -h 127.0.0.1 -p "$redis_port" -t get -c 4 -P 1 -n "$redis_requests_c4" --csv \
    >"$results_dir/redis-c4-r$round.csv"
}

echo "== warm-up: h2load -n $warmup_requests -c 16 -m 32 on each host"
h2load_call "$profilehub_target" -n "$warmup_requests" -c 16 -m 32 >"$results_dir/h2load-profilehub-warmup.txt"
h2load_call "$reference_target" -n "$warmup_requests" -c 16 -m 32 >"$results_dir/h2load-reference-warmup.txt"

for round in $(seq "$rounds"); do
  echo "== round $round of $rounds"
  # Alternate which host goes first, so neither always runs on the warmer (or busier) machine.
  if ((round % 2 == 1)); then order=(profilehub reference); else order=(reference profilehub); fi
  measure_host "${order[0]}" "$round"
  measure_host "${order[1]}" "$round"
  measure_redis "$round"
done

echo "== both hosts still answer correctly after the load"
"$python" bench/transport/lookup_request.py verify "$profilehub_target" "$lookup_key"
"$python" bench/transport/lookup_request.py verify "$reference_target" "$lookup_key"

echo
echo "== results ($results_dir)"
"$python" bench/transport/summarize.py "$results_dir" "$rounds"
