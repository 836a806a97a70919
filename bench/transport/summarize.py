"""Turns the transport benchmark's h2load and redis-benchmark output into its table.

usage: summarize.py RESULTS_DIR ROUNDS
RESULTS_DIR holds, for every round r in 1..ROUNDS: h2load-<host>-<setting>-r<r>.txt (stdout) for the
hosts profilehub and reference and the settings c16m32 and c4m1, .log (--log-file) for c4m1 (the
throughput runs keep none, so they have no p99), and
redis-<setting>-r<r>.csv (redis-benchmark --csv) for c64 and c4. Prints the table (medians over the
rounds, plus the per-round throughput figures) and writes it, with the raw figures as JSON, next to
them. Exits non-zero when any h2load request did not succeed with a 2xx status.
"""

import json
import math
import os
import re
import statistics
import sys

UNIT_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
HOSTS = {"profilehub": "ProfileHub transport", "reference": "Grpc.AspNetCore reference"}
H2LOAD_SETTINGS = {"c16m32": "h2load -c 16 -m 32", "c4m1": "h2load -c 4 -m 1"}
REDIS_SETTINGS = {"c64": "redis-benchmark -c 64", "c4": "redis-benchmark -c 4 -P 1"}
# The latency bound: ProfileHub's mean at -c 4 -m 1 at most this multiple of the official server's.
LATENCY_BOUND = 1.2


def percentile(sorted_values, fraction):
    """Nearest-rank percentile."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def parse_h2load(stdout_path, log_path):
    text = open(stdout_path, encoding="utf-8").read()
    finished = re.search(r"finished in ([\d.]+)(\w+), ([\d.]+) req/s", text)
    requests = re.search(
        r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout",
        text,
    )
    statuses = re.search(r"status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", text)
    request_time = re.search(r"time for request:\s+([\d.]+)(\w+)\s+([\d.]+)(\w+)\s+([\d.]+)(\w+)\s+([\d.]+)(\w+)", text)
    if not (finished and requests and statuses and request_time):
        raise ValueError("unrecognised h2load output in %s:\n%s" % (stdout_path, text))
    total, _, _, succeeded, failed, errored, timed_out = (int(g) for g in requests.groups())
    durations_us = []
    # Without a per-request log (throughput runs may skip it) there is no p99, and the 2xx count is h2load's own.
    if log_path is not None:
        with open(log_path, encoding="utf-8") as log:
            for line in log:
                columns = line.split("\t")
                if len(columns) >= 3 and 200 <= int(columns[1]) < 300:
                    durations_us.append(int(columns[2]))
    durations_us.sort()
    return {
        "requests": total,
        "succeeded": succeeded,
        "failed": failed + errored + timed_out,
        "status_2xx": int(statuses.group(1)),
        "requests_per_second": float(finished.group(3)),
        "mean_ms": float(request_time.group(5)) * UNIT_TO_MS[request_time.group(6)],
        "p99_ms": percentile(durations_us, 0.99) / 1000.0 if durations_us else float("nan"),
        "logged_2xx": len(durations_us) if log_path is not None else int(statuses.group(1)),
    }


def parse_redis_csv(path):
    lines = [line.strip() for line in open(path, encoding="utf-8") if line.strip()]
    header = [c.strip('"') for c in lines[0].split(",")]
    row = dict(zip(header, (c.strip('"') for c in lines[1].split(","))))
    return {
        "requests_per_second": float(row["rps"]),
        "mean_ms": float(row["avg_latency_ms"]),
        "p99_ms": float(row["p99_latency_ms"]),
    }


def log_or_none(path):
    """The per-request log, or None for a run that kept none (the throughput runs)."""
    return path if os.path.exists(path) else None


def median_of(runs):
    # A run without a per-request log has no p99 (NaN): the median is taken over the runs that have one.
    def median(key):
        values = [run[key] for run in runs if run[key] == run[key]]
        return statistics.median(values) if values else float("nan")

    return {key: median(key) for key in ("requests_per_second", "mean_ms", "p99_ms")}


def main(results_dir, rounds):
    per_round = {}
    for host in HOSTS:
        for setting in H2LOAD_SETTINGS:
            per_round[(host, setting)] = [
                parse_h2load(
                    os.path.join(results_dir, "h2load-%s-%s-r%d.txt" % (host, setting, r)),
                    log_or_none(os.path.join(results_dir, "h2load-%s-%s-r%d.log" % (host, setting, r))),
                )
                for r in range(1, rounds + 1)
            ]
    for setting in REDIS_SETTINGS:
        per_round[("redis", setting)] = [
            parse_redis_csv(os.path.join(results_dir, "redis-%s-r%d.csv" % (setting, r))) for r in range(1, rounds + 1)
        ]
    medians = {key: median_of(runs) for key, runs in per_round.items()}

    def rps(host, setting):
        return medians[(host, setting)]["requests_per_second"]

    def mean(host, setting):
        return medians[(host, setting)]["mean_ms"]

    ours_vs_redis = rps("profilehub", "c16m32") / rps("redis", "c64")
    reference_vs_redis = rps("reference", "c16m32") / rps("redis", "c64")
    ours_vs_reference = rps("profilehub", "c16m32") / rps("reference", "c16m32")
    latency_vs_reference = mean("profilehub", "c4m1") / mean("reference", "c4m1")
    latency_vs_redis = mean("profilehub", "c4m1") / mean("redis", "c4")

    lines = ["medians of %d interleaved rounds" % rounds]
    lines.append("%-54s %12s %10s %10s" % ("run", "requests/s", "mean ms", "p99 ms"))
    rows = [((host, setting), "%s Lookup, %s" % (HOSTS[host], label)) for host in HOSTS for setting, label in H2LOAD_SETTINGS.items()]
    rows += [(("redis", setting), "redis GET, %s" % label) for setting, label in REDIS_SETTINGS.items()]
    for key, label in rows:
        m = medians[key]
        lines.append("%-54s %12.0f %10.3f %10.3f" % (label, m["requests_per_second"], m["mean_ms"], m["p99_ms"]))
    lines.append("")
    lines.append("per round, requests/s at -c 16 -m 32 | redis -c 64:")
    for r in range(rounds):
        lines.append(
            "  round %d: ProfileHub %.0f, reference %.0f, redis %.0f"
            % (
                r + 1,
                per_round[("profilehub", "c16m32")][r]["requests_per_second"],
                per_round[("reference", "c16m32")][r]["requests_per_second"],
                per_round[("redis", "c64")][r]["requests_per_second"],
            )
        )
    lines.append("")
    lines.append("throughput ratio ProfileHub(-c 16 -m 32) / redis GET(-c 64): %.2fx" % ours_vs_redis)
    lines.append("throughput ratio Grpc.AspNetCore reference(-c 16 -m 32) / redis GET(-c 64): %.2fx" % reference_vs_redis)
    lines.append("throughput ratio ProfileHub / Grpc.AspNetCore reference: %.2fx" % ours_vs_reference)
    lines.append("mean latency ratio ProfileHub(-c 4 -m 1) / Grpc.AspNetCore reference(-c 4 -m 1): %.2fx" % latency_vs_reference)
    lines.append("mean latency ratio ProfileHub(-c 4 -m 1) / redis GET(-c 4 -P 1): %.2fx" % latency_vs_redis)
    lines.append(
        "target, throughput ratio to redis GET at least the reference's: %s"
        % ("met" if ours_vs_redis >= reference_vs_redis else "MISSED")
    )
    lines.append(
        "target, mean latency at -c 4 -m 1 at most %.1fx the reference's: %s"
        % (LATENCY_BOUND, "met" if latency_vs_reference <= LATENCY_BOUND else "MISSED")
    )

    problems = []
    for (host, setting), runs in per_round.items():
        if host == "redis":
            continue
        for r, run in enumerate(runs, start=1):
            if not (run["succeeded"] == run["requests"] == run["status_2xx"] == run["logged_2xx"] and run["failed"] == 0):
                problems.append(
                    "%s %s round %d: %d requests, %d succeeded, %d 2xx, %d failed"
                    % (HOSTS[host], H2LOAD_SETTINGS[setting], r, run["requests"], run["succeeded"], run["status_2xx"], run["failed"])
                )
    lines.append("every h2load request succeeded with HTTP 2xx: %s" % ("yes" if not problems else "NO"))
    lines.extend(problems)

    table = "\n".join(lines)
    print(table)
    with open(os.path.join(results_dir, "summary.txt"), "w", encoding="utf-8") as summary:
        summary.write(table + "\n")
    with open(os.path.join(results_dir, "summary.json"), "w", encoding="utf-8") as summary:
        json.dump(
            {
                "rounds": {"%s/%s" % key: runs for key, runs in per_round.items()},
                "medians": {"%s/%s" % key: m for key, m in medians.items()},
                "throughput_ratio_vs_redis": ours_vs_redis,
                "reference_throughput_ratio_vs_redis": reference_vs_redis,
                "throughput_ratio_vs_reference": ours_vs_reference,
                "mean_latency_ratio_vs_reference": latency_vs_reference,
                "mean_latency_ratio_vs_redis": latency_vs_redis,
            },
            summary,
            indent=2,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
