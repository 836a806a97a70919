"""Prints the stage-lookup benchmark's table: GetJourneyStage under h2load per configuration
beside redis-benchmark GET, with ratios and targets.

usage: summarize_stage.py RESULTS_DIR
Reuses the transport benchmark's parsers (bench/transport/summarize.py). Besides h2load's
HTTP status, checks that every response carried a message: h2load's DATA byte count must be
the request count times the framed response size the Load tool's real call reported (a gRPC
error such as NOT_FOUND is HTTP 200 with a trailers-only answer and no DATA).
Exits non-zero when a check fails.
"""

import json
import os
import re
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in bench/transport
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "transport"))
import summarize as transport  # noqa: E402  (bench/transport/summarize.py)

CONFIGS = [
    ("l1", "L1 hit (memory)", "MEMORY"),
    ("redis", "Redis hit (L1 off)", "REDIS"),
    ("store", "store only (no cache)", "STORE"),
]
TARGETS_C16 = {"l1": 2.8, "redis": 1.0}
# The L1 target's own reference: 2.8x redis GET is stated as the level of the official ASP.NET Core
# gRPC server answering from a dictionary, measured in the same run (bench/ProfileHub.Bench.GrpcReference).
REFERENCE_TITLE = "Grpc.AspNetCore dictionary Lookup"
L1_P99_TARGET_MS = 1.0


def data_bytes(stdout_path):
    # "traffic: 186.12KB (190584) total, 6.16KB (6308) headers (...), 125.00KB (128000) data"
    found = re.search(r"\((\d+)\) data", open(stdout_path, encoding="utf-8").read())
    return int(found.group(1)) if found else -1


def framed_response_size(check_path):
    found = re.search(r"framed response (\d+) bytes", open(check_path, encoding="utf-8").read())
    return int(found.group(1)) if found else -1


def main(results_dir):
    runs = {}
    problems = []
    for key, title, layer in CONFIGS:
        size = framed_response_size(os.path.join(results_dir, "check-%s.txt" % key))
        for shape, label in (("c16m32", "-c 16 -m 32"), ("c4m1", "-c 4 -m 1")):
            stdout = os.path.join(results_dir, "h2load-%s-%s.txt" % (key, shape))
            run = transport.parse_h2load(stdout, os.path.join(results_dir, "h2load-%s-%s.log" % (key, shape)))
            run["data_bytes"] = data_bytes(stdout)
            run["expected_data_bytes"] = run["requests"] * size
            name = "%s, h2load %s" % (title, label)
            runs[name] = run
            if not (run["succeeded"] == run["requests"] == run["status_2xx"] == run["logged_2xx"] and run["failed"] == 0):
                problems.append("%s: %d requests, %d succeeded, %d 2xx, %d failed" % (
                    name, run["requests"], run["succeeded"], run["status_2xx"], run["failed"]))
            if run["data_bytes"] != run["expected_data_bytes"]:
                problems.append("%s: %d DATA bytes, expected %d (%d x %d): some answers carried no message" % (
                    name, run["data_bytes"], run["expected_data_bytes"], run["requests"], size))
    for shape, label in (("c16m32", "-c 16 -m 32"), ("c4m1", "-c 4 -m 1")):
        run = transport.parse_h2load(
            os.path.join(results_dir, "h2load-reference-%s.txt" % shape), os.path.join(results_dir, "h2load-reference-%s.log" % shape))
        name = "%s, h2load %s" % (REFERENCE_TITLE, label)
        runs[name] = run
        if not (run["succeeded"] == run["requests"] == run["status_2xx"] == run["logged_2xx"] and run["failed"] == 0):
            problems.append("%s: %d requests, %d succeeded, %d 2xx, %d failed" % (
                name, run["requests"], run["succeeded"], run["status_2xx"], run["failed"]))
    reference_c16 = runs["%s, h2load -c 16 -m 32" % REFERENCE_TITLE]
    redis_c64 = transport.parse_redis_csv(os.path.join(results_dir, "redis-c64.csv"))
    redis_c4 = transport.parse_redis_csv(os.path.join(results_dir, "redis-c4.csv"))
    runs["redis GET, redis-benchmark -c 64"] = redis_c64
    runs["redis GET, redis-benchmark -c 4 -P 1"] = redis_c4

    lines = ["%-50s %12s %10s %10s %10s" % ("run", "requests/s", "mean ms", "p99 ms", "x redis")]
    for name, run in runs.items():
        baseline = redis_c4 if "-c 4" in name else redis_c64
        lines.append("%-50s %12.0f %10.3f %10.3f %9.2fx" % (
            name, run["requests_per_second"], run["mean_ms"], run["p99_ms"],
            run["requests_per_second"] / baseline["requests_per_second"]))
    lines.append("")
    lines.append("x redis: requests/s over redis GET's in this run (-c 16 -m 32 runs over -c 64; -c 4 -m 1 runs over -c 4 -P 1)")
    verdicts = {}
    for key, title, _ in CONFIGS:
        c16 = runs["%s, h2load -c 16 -m 32" % title]
        ratio = c16["requests_per_second"] / redis_c64["requests_per_second"]
        verdicts[key] = ratio
        if key in TARGETS_C16:
            lines.append("%s throughput ratio at -c 16 -m 32: %.2fx (target >= %.1fx: %s)" % (
                title, ratio, TARGETS_C16[key], "met" if ratio >= TARGETS_C16[key] else "MISSED"))
        else:
            lines.append("%s throughput ratio at -c 16 -m 32: %.2fx (no target)" % (title, ratio))
    reference_ratio = reference_c16["requests_per_second"] / redis_c64["requests_per_second"]
    l1_vs_reference = runs["L1 hit (memory), h2load -c 16 -m 32"]["requests_per_second"] / reference_c16["requests_per_second"]
    lines.append("%s (the L1 target's stated level) throughput ratio at -c 16 -m 32: %.2fx" % (REFERENCE_TITLE, reference_ratio))
    lines.append("L1 hit / %s at -c 16 -m 32: %.2fx (L1 at the official server's dictionary level, >= 1.0x: %s)" % (
        REFERENCE_TITLE, l1_vs_reference, "met" if l1_vs_reference >= 1.0 else "MISSED"))
    l1_p99 = runs["L1 hit (memory), h2load -c 4 -m 1"]["p99_ms"]
    lines.append("L1 hit p99 at -c 4 -m 1: %.3f ms (target < %.1f ms: %s)" % (
        l1_p99, L1_P99_TARGET_MS, "met" if l1_p99 < L1_P99_TARGET_MS else "MISSED"))
    lines.append("every h2load request succeeded with HTTP 2xx and carried a message: %s" % ("yes" if not problems else "NO"))
    lines.extend(problems)

    table = "\n".join(lines)
    print(table)
    with open(os.path.join(results_dir, "summary.txt"), "w", encoding="utf-8") as summary:
        summary.write(table + "\n")
    with open(os.path.join(results_dir, "summary.json"), "w", encoding="utf-8") as summary:
        json.dump({"runs": runs, "throughput_ratios_c16": verdicts, "reference_ratio_c16": reference_ratio,
                   "l1_vs_reference_c16": l1_vs_reference, "l1_p99_ms_c4": l1_p99}, summary, indent=2)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
