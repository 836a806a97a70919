#!/usr/bin/env bash
# Ingest throughput over gRPC: generated multi-source records sent with IngestService.Ingest in
# batches from concurrent callers over one channel, against ProfileHub.Server on a fresh SQLite
# file — once with the default stage rules ("rules on") and once with a catalog whose only rule
# matches no event ("rules off"), each on its own fresh database. Prints records/s, batch latency,
# outcome totals, the on/off ratio and the correctness checks. Loopback only; every process
# started here is stopped on exit.
#
#   bench/service/ingest.sh                     build (Release), then measure
#   BENCH_NO_BUILD=1 bench/service/ingest.sh    reuse the existing Release builds
#
# Knobs: BENCH_RECORDS (200000), BENCH_CALLERS (4), BENCH_BATCH (500), BENCH_WARMUP (5000),
# BENCH_SEED (42), BENCH_VERIFY_SAMPLE (500).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"
# shellcheck source=bench/service/lib.sh
source bench/service/lib.sh
trap stop_processes EXIT
trap 'exit 130' INT TERM

records="${BENCH_RECORDS:-200000}"
callers="${BENCH_CALLERS:-4}"
batch="${BENCH_BATCH:-500}"
warmup="${BENCH_WARMUP:-5000}"
seed="${BENCH_SEED:-42}"
sample="${BENCH_VERIFY_SAMPLE:-500}"

results_dir="bench/results/service-ingest-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results_dir"

require_tools dotnet
build_release

default_stages="awareness,consideration,decision,onboarding,adoption,advocacy"
rules_off=(
  --ProfileHub:Journey:Stages:0:Key=never
  --ProfileHub:Journey:Stages:0:DisplayName=Never
  --ProfileHub:Journey:Stages:0:Rule:AnyOf:0:Events:0=__never__
)

run_mode() {
  local mode="$1" expected_stages="$2"
  shift 2
  echo
  echo "== stage rules $mode: fresh database, $records records, batch $batch, $callers callers"
  mkdir -p "$work_dir/$mode"
  start_server "rules-$mode" "$work_dir/$mode/profilehub.db" "$@"
  load_tool stages --address "$server_url" --expect-keys "$expected_stages" | tee "$results_dir/stages-$mode.txt"
  load_tool ingest --address "$server_url" --records "$records" --batch "$batch" --callers "$callers" \
    --warmup "$warmup" --seed "$seed" --verify-sample "$sample" --label "rules $mode" \
    --json "$results_dir/ingest-$mode.json" | tee "$results_dir/ingest-$mode.txt"
  stop_server
  ls -l "$work_dir/$mode" >"$results_dir/database-$mode.txt"
}

run_mode on "$default_stages"
run_mode off never "${rules_off[@]}"

echo
echo "== results ($results_dir)"
"$python" bench/service/summarize_ingest.py "$results_dir"
