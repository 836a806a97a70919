"""Prints the stage-lookup benchmark's table: GetJourneyStage under h2load per configuration beside
the official ASP.NET Core gRPC server's dictionary Lookup and redis-benchmark GET, measured in
interleaved rounds; the table gives each run's median over the rounds, with ratios and targets.

usage: summarize_stage.py RESULTS_DIR ROUNDS
RESULTS_DIR holds, for every round r: h2load-<config>-c16m32-r<r>.txt (throughput, no per-request
log), h2load-<config>-c4m1-r<r>.txt and .log (latency; p99 comes from the log) for the configs
l1, l1-id, redis, store and reference, and redis-c64-r<r>.csv / redis-c4-r<r>.csv. Reuses the transport
benchmark's parsers (bench/transport/summarize.py). Besides h2load's HTTP status, checks that every
response carried a message: h2load's DATA byte count must be the request count times the framed
response size the Load tool's real call reported (a gRPC error such as NOT_FOUND is HTTP 200 with a
trailers-only answer and no DATA). Exits non-zero when a check fails.
"""

import json
import os
import re
import statistics
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in bench/transport
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "transport"))
import summarize as transport  # noqa: E402  (bench/transport/summarize.py)

CONFIGS = [
    ("l1", "L1 hit (memory)", "MEMORY"),
    ("redis", "Redis hit (L1 off)", "REDIS"),
    ("store", "store only (no cache)", "STORE"),
]
# The L1 server answering the same profile looked up by its id: no identifier normalization and no
# SHA-256 digest of the cache key (informational, no target).
L1_BY_ID = ("l1-id", "L1 hit by profile id (memory)")
TARGETS_C16 = {"l1": 2.8, "redis": 1.0}
# The L1 target's own reference: 2.8x redis GET is stated as the level of the official ASP.NET Core
# gRPC server answering from a dictionary, measured in the same run (bench/ProfileHub.Bench.GrpcReference).
REFERENCE = ("reference", "Grpc.AspNetCore dictionary Lookup")
SHAPES = (("c16m32", "-c 16 -m 32"), ("c4m1", "-c 4 -m 1"))
L1_P99_TARGET_MS = 1.0


def data_bytes(stdout_path):
    # "traffic: 186.12KB (190584) total, 6.16KB (6308) headers (...), 125.00KB (128000) data"
    found = re.search(r"\((\d+)\) data", open(stdout_path, encoding="utf-8").read())
    return int(found.group(1)) if found else -1


def framed_response_size(check_path):
    found = re.search(r"framed response (\d+) bytes", open(check_path, encoding="utf-8").read())
    return int(found.group(1)) if found else -1


def check(name, run, problems):
    if not (run["succeeded"] == run["requests"] == run["status_2xx"] == run["logged_2xx"] and run["failed"] == 0):
        problems.append("%s: %d requests, %d succeeded, %d 2xx, %d failed" % (
            name, run["requests"], run["succeeded"], run["status_2xx"], run["failed"]))


def main(results_dir, rounds):
    per_round = {}
    problems = []
    titles = {key: title for key, title, _ in CONFIGS}
    titles[L1_BY_ID[0]] = L1_BY_ID[1]
    titles[REFERENCE[0]] = REFERENCE[1]
    for key, title in titles.items():
        size = framed_response_size(os.path.join(results_dir, "check-%s.txt" % key)) if key != REFERENCE[0] else None
        for shape, label in SHAPES:
            runs = []
            for r in range(1, rounds + 1):
                stdout = os.path.join(results_dir, "h2load-%s-%s-r%d.txt" % (key, shape, r))
                log = os.path.join(results_dir, "h2load-%s-%s-r%d.log" % (key, shape, r))
                run = transport.parse_h2load(stdout, log if os.path.exists(log) else None)
                name = "%s, h2load %s, round %d" % (title, label, r)
                check(name, run, problems)
                if size is not None:
                    run["data_bytes"] = data_bytes(stdout)
                    run["expected_data_bytes"] = run["requests"] * size
                    if run["data_bytes"] != run["expected_data_bytes"]:
                        problems.append("%s: %d DATA bytes, expected %d (%d x %d): some answers carried no message" % (
                            name, run["data_bytes"], run["expected_data_bytes"], run["requests"], size))
                runs.append(run)
            per_round[(key, shape)] = runs
    for shape in ("c64", "c4"):
        per_round[("redis-get", shape)] = [
            transport.parse_redis_csv(os.path.join(results_dir, "redis-%s-r%d.csv" % (shape, r))) for r in range(1, rounds + 1)]

    def median(key, field):
        values = [run[field] for run in per_round[key] if run[field] == run[field]]  # NaN (no log) left out
        return statistics.median(values) if values else float("nan")

    def rps(key):
        return median(key, "requests_per_second")

    redis_c64 = rps(("redis-get", "c64"))
    redis_c4 = rps(("redis-get", "c4"))
    lines = ["medians of %d interleaved rounds" % rounds]
    lines.append("%-55s %12s %10s %10s %10s" % ("run", "requests/s", "mean ms", "p99 ms", "x redis"))
    rows = [((key, shape), "%s, h2load %s" % (title, label)) for key, title in titles.items() for shape, label in SHAPES]
    rows += [(("redis-get", "c64"), "redis GET, redis-benchmark -c 64"), (("redis-get", "c4"), "redis GET, redis-benchmark -c 4 -P 1")]
    for key, label in rows:
        baseline = redis_c4 if key[1] in ("c4m1", "c4") else redis_c64
        p99 = median(key, "p99_ms")
        lines.append("%-55s %12.0f %10.3f %10s %9.2fx" % (
            label, rps(key), median(key, "mean_ms"), "-" if p99 != p99 else "%.3f" % p99, rps(key) / baseline))
    lines.append("")
    lines.append("x redis: requests/s over redis GET's in this run (-c 16 -m 32 runs over -c 64; -c 4 -m 1 runs over -c 4 -P 1);")
    lines.append("p99 at -c 16 -m 32 is not recorded (those runs keep no per-request log)")
    lines.append("")
    lines.append("per round, requests/s at -c 16 -m 32 (redis GET at -c 64):")
    for r in range(rounds):
        lines.append("  round %d: %s, redis GET %.0f" % (
            r + 1,
            ", ".join("%s %.0f" % (key, per_round[(key, "c16m32")][r]["requests_per_second"]) for key in titles),
            per_round[("redis-get", "c64")][r]["requests_per_second"]))
    lines.append("")
    verdicts = {}
    for key, title, _ in CONFIGS:
        ratio = rps((key, "c16m32")) / redis_c64
        verdicts[key] = ratio
        if key in TARGETS_C16:
            lines.append("%s throughput ratio at -c 16 -m 32: %.2fx (target >= %.1fx: %s)" % (
                title, ratio, TARGETS_C16[key], "met" if ratio >= TARGETS_C16[key] else "MISSED"))
        else:
            lines.append("%s throughput ratio at -c 16 -m 32: %.2fx (no target)" % (title, ratio))
    reference_c16 = rps((REFERENCE[0], "c16m32"))
    reference_ratio = reference_c16 / redis_c64
    l1_vs_reference = rps(("l1", "c16m32")) / reference_c16
    lines.append("%s (the L1 target's stated level) throughput ratio at -c 16 -m 32: %.2fx" % (REFERENCE[1], reference_ratio))
    lines.append("L1 hit / %s at -c 16 -m 32: %.2fx (L1 at the official server's dictionary level, >= 1.0x: %s)" % (
        REFERENCE[1], l1_vs_reference, "met" if l1_vs_reference >= 1.0 else "MISSED"))
    lines.append("%s / %s at -c 16 -m 32: %.2fx (no target: the same answer without the identifier's digest)" % (
        L1_BY_ID[1], REFERENCE[1], rps((L1_BY_ID[0], "c16m32")) / reference_c16))
    l1_p99 = median(("l1", "c4m1"), "p99_ms")
    lines.append("L1 hit p99 at -c 4 -m 1: %.3f ms (target < %.1f ms: %s)" % (
        l1_p99, L1_P99_TARGET_MS, "met" if l1_p99 < L1_P99_TARGET_MS else "MISSED"))
    lines.append("every h2load request succeeded with HTTP 2xx and carried a message: %s" % ("yes" if not problems else "NO"))
    lines.extend(problems)

    table = "\n".join(lines)
    print(table)
    with open(os.path.join(results_dir, "summary.txt"), "w", encoding="utf-8") as summary:
        summary.write(table + "\n")
    with open(os.path.join(results_dir, "summary.json"), "w", encoding="utf-8") as summary:
        json.dump({"rounds": {"%s/%s" % key: runs for key, runs in per_round.items()},
                   "throughput_ratios_c16": verdicts, "reference_ratio_c16": reference_ratio,
                   "l1_vs_reference_c16": l1_vs_reference, "l1_p99_ms_c4": l1_p99}, summary, indent=2,
                  default=lambda value: None)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
