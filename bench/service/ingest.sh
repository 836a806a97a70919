#!/usr/bin/env bash
# Ingest throughput over gRPC: generated multi-source records sent with IngestService.Ingest in
# batches from concurrent callers over one channel, against ProfileHub.Server on a fresh SQLite
# file — with the default stage rules ("rules on") and with a catalog whose only rule matches no
# event ("rules off"), each run on its own fresh database. BENCH_ROUNDS rounds run both modes,
# alternating which goes first, so a slow minute on a shared machine does not always land on the
# same mode. Prints each run's records/s, batch latency and outcome totals, the medians, the
# on/off ratio of the medians and the correctness checks. Loopback only; every process started
# here is stopped on exit.
#
#   bench/service/ingest.sh                     build (Release), then measure
#   BENCH_NO_BUILD=1 bench/service/ingest.sh    reuse the existing Release builds
#
# Knobs: BENCH_RECORDS (200000), BENCH_CALLERS (4), BENCH_BATCH (500), BENCH_WARMUP (20000),
# BENCH_SEED (42), BENCH_VERIFY_SAMPLE (500), BENCH_ROUNDS (3).
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
# 20,000 warm-up records: with 5,000 the tiered JIT was still compiling the ingest and stage paths
# for the first seconds of the measured run, and more so with stage rules on (their code is compiled
# last), so the on/off ratio measured the JIT as much as stage evaluation.
warmup="${BENCH_WARMUP:-20000}"
seed="${BENCH_SEED:-42}"
sample="${BENCH_VERIFY_SAMPLE:-500}"
rounds="${BENCH_ROUNDS:-3}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_ROUNDS must be a positive whole number (was '$rounds')" >&2; exit 2; }

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
  local round="$1" mode="$2" expected_stages="$3"
  shift 3
  local run="$mode-$round"
  echo
  echo "== round $round, stage rules $mode: fresh database, $records records, batch $batch, $callers callers"
  mkdir -p "$work_dir/$run"
  start_server "rules-$run" "$work_dir/$run/profilehub.db" "$@"
  load_tool stages --address "$server_url" --expect-keys "$expected_stages" | tee "$results_dir/stages-$run.txt"
  load_tool ingest --address "$server_url" --records "$records" --batch "$batch" --callers "$callers" \
    --warmup "$warmup" --seed "$seed" --verify-sample "$sample" --label "rules $mode, round $round" \
    --json "$results_dir/ingest-$run.json" | tee "$results_dir/ingest-$run.txt"
  stop_server
  ls -l "$work_dir/$run" >"$results_dir/database-$run.txt"
  rm -rf "${work_dir:?}/$run"
}

for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then
    run_mode "$round" on "$default_stages"
    run_mode "$round" off never "${rules_off[@]}"
  else
    run_mode "$round" off never "${rules_off[@]}"
    run_mode "$round" on "$default_stages"
  fi
done

echo
echo "== results ($results_dir)"
"$python" bench/service/summarize_ingest.py "$results_dir"
