#!/usr/bin/env bash
# Stage lookups: ProfileService.GetJourneyStage under h2load for three server configurations on the
# same SQLite data — (a) L1 hit (defaults, no Redis), (b) Redis hit with L1 off, (c) store only
# (no Redis, L1 off) — beside, in the same run, the official ASP.NET Core gRPC server answering a
# dictionary Lookup (bench/ProfileHub.Bench.GrpcReference, the level the L1 target names) and
# redis-benchmark GET on a local redis-server.
# Loopback only, bounded request counts; every process started here is stopped on exit.
#
#   bench/service/stage.sh                      build (Release), then measure
#   BENCH_NO_BUILD=1 bench/service/stage.sh     reuse the existing Release builds
#
# Knobs: BENCH_STAGE_RECORDS (20000 records ingested first), BENCH_WARMUP_REQUESTS (800000 per
# server before it is measured), BENCH_GRPC_REQUESTS (200000 at
# -c 16 -m 32; a fifth at -c 4 -m 1), BENCH_REDIS_REQUESTS (300000 at -c 64; a third at -c 4),
# BENCH_SEED (42).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
# shellcheck source=bench/service/lib.sh
source bench/service/lib.sh
# shellcheck source=bench/ready_host.sh
source bench/ready_host.sh
trap stop_processes EXIT
trap 'exit 130' INT TERM

records="${BENCH_STAGE_RECORDS:-20000}"
grpc_requests="${BENCH_GRPC_REQUESTS:-200000}"
# Tiered JIT with dynamic PGO needs several hundred thousand calls before a server runs its final code
# (its background compiler gets little CPU while h2load and the server saturate both cores);
# a short warm-up would measure the JIT's background compilation as much as the lookup path.
warmup_requests="${BENCH_WARMUP_REQUESTS:-800000}"
grpc_requests_c4=$((grpc_requests / 5))
redis_requests="${BENCH_REDIS_REQUESTS:-300000}"
redis_requests_c4=$((redis_requests / 3))
seed="${BENCH_SEED:-42}"

results_dir="bench/results/service-stage-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results_dir"

require_tools dotnet h2load redis-server redis-cli redis-benchmark
build_release
reference_project=bench/ProfileHub.Bench.GrpcReference/ProfileHub.Bench.GrpcReference.csproj
reference_dll=bench/ProfileHub.Bench.GrpcReference/bin/Release/net10.0/ProfileHub.Bench.GrpcReference.dll
[[ "${BENCH_NO_BUILD:-0}" == "1" ]] || timeout 900 dotnet build "$reference_project" -c Release -nologo -v quiet
start_redis

db="$work_dir/profilehub.db"
echo
echo "== dataset: $records records into a fresh database"
start_server ingest "$db"
load_tool ingest --address "$server_url" --records "$records" --warmup 0 --seed "$seed" --verify-sample 200 \
  --label dataset --pick "$results_dir/identifier.tsv" | tee "$results_dir/dataset.txt"
stop_server
echo "lookup identifier: $(cut -f1 "$results_dir/identifier.tsv") (value in identifier.tsv)"

# h2load_runs NAME BODY URL: the warm-up, then the throughput and latency runs every configuration gets.
h2load_runs() {
  local name="$1" body="$2" url="$3"
  h2load_call() {
    timeout 600 h2load "$@" -d "$body" -H 'content-type: application/grpc' -H 'te: trailers' "$url"
  }
  echo "-- warm-up: h2load -n $warmup_requests -c 16 -m 32"
  h2load_call -n "$warmup_requests" -c 16 -m 32 >"$results_dir/h2load-$name-warmup.txt"
  echo "-- h2load -n $grpc_requests -c 16 -m 32"
  h2load_call -n "$grpc_requests" -c 16 -m 32 --log-file="$results_dir/h2load-$name-c16m32.log" \
    | tee "$results_dir/h2load-$name-c16m32.txt" | grep -E '^(finished|requests|status codes|traffic|time for request):'
  echo "-- h2load -n $grpc_requests_c4 -c 4 -m 1"
  h2load_call -n "$grpc_requests_c4" -c 4 -m 1 --log-file="$results_dir/h2load-$name-c4m1.log" \
    | tee "$results_dir/h2load-$name-c4m1.txt" | grep -E '^(finished|requests|status codes|traffic|time for request):'
}

run_config() {
  local name="$1" expected="$2"
  shift 2
  echo
  echo "== $name: expecting answers served from $expected"
  start_server "$name" "$db" "$@"
  # One real call first fills the layers; the last call must come from the expected one.
  load_tool stage --address "$server_url" --pick "$results_dir/identifier.tsv" --calls 3 --expect "$expected" \
    --write-body "$results_dir/stage-request.bin" | tee "$results_dir/check-$name.txt"
  h2load_runs "$name" "$results_dir/stage-request.bin" "$server_url/profilehub.v1.ProfileService/GetJourneyStage"
  echo "-- the same call still answers from $expected after the load"
  load_tool stage --address "$server_url" --pick "$results_dir/identifier.tsv" --calls 1 --expect "$expected" \
    | tee -a "$results_dir/check-$name.txt"
  stop_server
}

run_config l1 MEMORY
# Right after the L1 run, so the two figures the L1 target compares are measured back to back.
echo
echo "== reference: the official Grpc.AspNetCore server answering EchoService.Lookup from a dictionary"
start_ready_host reference dotnet "$reference_dll"
"$python" bench/transport/lookup_request.py write-body "$results_dir/lookup-request.bin" key:7
"$python" bench/transport/lookup_request.py verify "${ready_url#http://}" key:7
h2load_runs reference "$results_dir/lookup-request.bin" "$ready_url/profilehub.testing.v1.EchoService/Lookup"
stop_pid "$ready_pid"

run_config redis REDIS --ProfileHub:Redis:Configuration="127.0.0.1:$redis_port" --ProfileHub:Redis:Cache:MemoryMaxEntries=0
run_config store STORE --ProfileHub:Redis:Cache:MemoryMaxEntries=0

echo
# redis-benchmark's GET reads this literal key (no -r): give it a value the size of a stage answer.
redis-cli -h 127.0.0.1 -p "$redis_port" set "key:__rand_int__" "$(head -c 59 /dev/zero | tr '\0' x)" >/dev/null
echo "== redis-benchmark -t get -c 64 -n $redis_requests"
timeout 300 redis-benchmark -h 127.0.0.1 -p "$redis_port" -t get -c 64 -n "$redis_requests" --csv \
  | tee "$results_dir/redis-c64.csv"
echo "== redis-benchmark -t get -c 4 -P 1 -n $redis_requests_c4"
timeout 300 redis-benchmark -h 127.0.0.1 -p "$redis_port" -t get -c 4 -P 1 -n "$redis_requests_c4" --csv \
  | tee "$results_dir/redis-c4.csv"

echo
echo "== results ($results_dir)"
"$python" bench/service/summarize_stage.py "$results_dir"
