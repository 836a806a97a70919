#!/usr/bin/env bash
# Stage lookups: ProfileService.GetJourneyStage under h2load for three server configurations on the
# same SQLite data — (a) L1 hit (defaults, no Redis), (b) Redis hit with L1 off, (c) store only
# (no Redis, L1 off) — beside, in the same run, the official ASP.NET Core gRPC server answering a
# dictionary Lookup (bench/ProfileHub.Bench.GrpcReference, the level the L1 target names) and
# redis-benchmark GET on a local redis-server. All of them are measured in interleaved rounds and
# the table gives the median of the rounds.
# Loopback only, bounded request counts; every process started here is stopped on exit.
#
#   bench/service/stage.sh                      build (Release), then measure
#   BENCH_NO_BUILD=1 bench/service/stage.sh     reuse the existing Release builds
#
# Knobs: BENCH_STAGE_RECORDS (20000 records ingested first), BENCH_WARMUP_REQUESTS (800000 per
# server before it is measured), BENCH_ROUNDS (5), BENCH_GRPC_REQUESTS (200000 at
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
rounds="${BENCH_ROUNDS:-5}"
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

# Every configuration runs at once, each in its own server on the same database file, so the rounds
# below can interleave them: on a shared machine, drift then hits every configuration alike.
# start_config NAME EXPECTED [extra server args]: starts the server, checks that a real call is
# answered from EXPECTED, and records its URL.
declare -A config_url config_expected
start_config() {
  local name="$1" expected="$2"
  shift 2
  start_server "$name" "$db" "$@"
  config_url[$name]="$server_url"
  config_expected[$name]="$expected"
  # One real call first fills the layers; the last call must come from the expected one.
  load_tool stage --address "$server_url" --pick "$results_dir/identifier.tsv" --calls 3 --expect "$expected" \
    --write-body "$results_dir/stage-request.bin" | tee "$results_dir/check-$name.txt"
}

echo
echo "== servers: l1 (MEMORY), redis (REDIS, L1 off), store (STORE, no cache) and the reference"
start_config l1 MEMORY
# The same L1 server also answers lookups by profile id ("l1-id"): the same answer without the
# identifier's normalization and the SHA-256 digest of its cache key, so the two rows show that cost.
profile_id="$(sed -n 's/.*-> profile \(p_[a-z0-9]*\) .*/\1/p' "$results_dir/check-l1.txt" | head -n1)"
"$python" -c '
import sys
lookup = b"\x0a" + bytes([len(sys.argv[1])]) + sys.argv[1].encode()
request = b"\x0a" + bytes([len(lookup)]) + lookup
open(sys.argv[2], "wb").write(b"\x00" + len(request).to_bytes(4, "big") + request)
' "$profile_id" "$results_dir/stage-by-id-request.bin"
cp "$results_dir/check-l1.txt" "$results_dir/check-l1-id.txt"
start_config redis REDIS --ProfileHub:Redis:Configuration="127.0.0.1:$redis_port" --ProfileHub:Redis:Cache:MemoryMaxEntries=0
start_config store STORE --ProfileHub:Redis:Cache:MemoryMaxEntries=0
start_ready_host reference dotnet "$reference_dll"
"$python" bench/transport/lookup_request.py write-body "$results_dir/lookup-request.bin" key:7
"$python" bench/transport/lookup_request.py verify "${ready_url#http://}" key:7
reference_url="$ready_url"

# redis-benchmark's GET reads this literal key (no -r): give it a value the size of a stage answer.
redis-cli -h 127.0.0.1 -p "$redis_port" set "key:__rand_int__" "$(head -c 59 /dev/zero | tr '\0' x)" >/dev/null

# h2load_call NAME ARGS...: h2load against one configuration with its request body and method.
h2load_call() {
  local name="$1" body url
  shift
  if [[ "$name" == reference ]]; then
    body="$results_dir/lookup-request.bin"
    url="$reference_url/profilehub.testing.v1.EchoService/Lookup"
  elif [[ "$name" == l1-id ]]; then
    body="$results_dir/stage-by-id-request.bin"
    url="${config_url[l1]}/profilehub.v1.ProfileService/GetJourneyStage"
  else
    body="$results_dir/stage-request.bin"
    url="${config_url[$name]}/profilehub.v1.ProfileService/GetJourneyStage"
  fi
  timeout 600 h2load "$@" -d "$body" -H 'content-type: application/grpc' -H 'te: trailers' "$url"
}

# measure NAME ROUND: the throughput run (no per-request log: writing one costs h2load about a tenth
# of its throughput, which redis-benchmark does not pay), then the latency run, whose log gives p99.
measure() {
  local name="$1" round="$2"
  h2load_call "$name" -n "$grpc_requests" -c 16 -m 32 >"$results_dir/h2load-$name-c16m32-r$round.txt"
  h2load_call "$name" -n "$grpc_requests_c4" -c 4 -m 1 --log-file="$results_dir/h2load-$name-c4m1-r$round.log" \
    >"$results_dir/h2load-$name-c4m1-r$round.txt"
  printf '  %-9s %s\n' "$name" "$(grep -E '^finished in' "$results_dir/h2load-$name-c16m32-r$round.txt")"
}

names=(l1 l1-id redis store reference)
echo
echo "== warm-up: h2load -n $warmup_requests -c 16 -m 32 on each server"
for name in "${names[@]}"; do
  h2load_call "$name" -n "$warmup_requests" -c 16 -m 32 >"$results_dir/h2load-$name-warmup.txt"
done

for round in $(seq "$rounds"); do
  echo "== round $round of $rounds: h2load -n $grpc_requests -c 16 -m 32, then -n $grpc_requests_c4 -c 4 -m 1; redis-benchmark GET"
  # Each round starts with the next configuration, so none always runs first (or last).
  for i in "${!names[@]}"; do
    measure "${names[$(((i + round - 1) % ${#names[@]}))]}" "$round"
  done
  timeout 300 redis-benchmark -h 127.0.0.1 -p "$redis_port" -t get -c 64 -n "$redis_requests" --csv >"$results_dir/redis-c64-r$round.csv"
  timeout 300 redis-benchmark -h 127.0.0.1 -p "$redis_port" -t get -c 4 -P 1 -n "$redis_requests_c4" --csv >"$results_dir/redis-c4-r$round.csv"
  printf '  %-9s %s requests/s\n' redis "$(tail -n 1 "$results_dir/redis-c64-r$round.csv" | cut -d, -f2 | tr -d '"')"
done

echo
echo "== every configuration still answers from its layer after the load"
for name in l1 redis store; do
  # Two calls: an entry whose TTL ran out between rounds is refilled by the first.
  load_tool stage --address "${config_url[$name]}" --pick "$results_dir/identifier.tsv" --calls 2 --expect "${config_expected[$name]}" \
    | tee -a "$results_dir/check-$name.txt"
done
"$python" bench/transport/lookup_request.py verify "${reference_url#http://}" key:7

echo
echo "== results ($results_dir)"
"$python" bench/service/summarize_stage.py "$results_dir" "$rounds"
