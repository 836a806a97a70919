"""Turns h2load and redis-benchmark output into the transport benchmark's table.

usage: summarize.py RESULTS_DIR
RESULTS_DIR holds h2load-<name>.txt (stdout) and h2load-<name>.log (--log-file) for the names
c16m32 and c4m1, and redis-<name>.csv (redis-benchmark --csv) for c64 and c4. Prints the table
and writes it, with the raw figures as JSON, next to them. Exits non-zero when any h2load request
did not succeed with a 2xx status.
"""

import json
import math
import os
import re
import sys

UNIT_TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


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
    with open(log_path, encoding="utf-8") as log:
        for line in log:
            columns = line.split("\t")
            if len(columns) >= 3 and int(columns[1]) >= 200 and int(columns[1]) < 300:
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
        "logged_2xx": len(durations_us),
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


def main(results_dir):
    runs = {
        "gRPC Lookup, h2load -c 16 -m 32": parse_h2load(
            os.path.join(results_dir, "h2load-c16m32.txt"), os.path.join(results_dir, "h2load-c16m32.log")
        ),
        "gRPC Lookup, h2load -c 4 -m 1": parse_h2load(
            os.path.join(results_dir, "h2load-c4m1.txt"), os.path.join(results_dir, "h2load-c4m1.log")
        ),
        "redis GET, redis-benchmark -c 64": parse_redis_csv(os.path.join(results_dir, "redis-c64.csv")),
        "redis GET, redis-benchmark -c 4 -P 1": parse_redis_csv(os.path.join(results_dir, "redis-c4.csv")),
    }
    names = list(runs)
    throughput_ratio = runs[names[0]]["requests_per_second"] / runs[names[2]]["requests_per_second"]
    latency_ratio = runs[names[1]]["mean_ms"] / runs[names[3]]["mean_ms"]

    lines = ["%-38s %12s %10s %10s" % ("run", "requests/s", "mean ms", "p99 ms")]
    for name, run in runs.items():
        lines.append("%-38s %12.0f %10.3f %10.3f" % (name, run["requests_per_second"], run["mean_ms"], run["p99_ms"]))
    lines.append("")
    lines.append("throughput ratio gRPC(-c 16 -m 32) / redis GET(-c 64): %.2fx" % throughput_ratio)
    lines.append("mean latency ratio gRPC(-c 4 -m 1) / redis GET(-c 4 -P 1): %.2fx" % latency_ratio)

    problems = []
    for name, run in runs.items():
        if "succeeded" in run and not (
            run["succeeded"] == run["requests"] == run["status_2xx"] == run["logged_2xx"] and run["failed"] == 0
        ):
            problems.append(
                "%s: %d requests, %d succeeded, %d 2xx, %d failed"
                % (name, run["requests"], run["succeeded"], run["status_2xx"], run["failed"])
            )
    lines.append("every h2load request succeeded with HTTP 2xx: %s" % ("yes" if not problems else "NO"))
    lines.extend(problems)

    table = "\n".join(lines)
    print(table)
    with open(os.path.join(results_dir, "summary.txt"), "w", encoding="utf-8") as summary:
        summary.write(table + "\n")
    with open(os.path.join(results_dir, "summary.json"), "w", encoding="utf-8") as summary:
        json.dump(
            {"runs": runs, "throughput_ratio": throughput_ratio, "mean_latency_ratio": latency_ratio},
            summary,
            indent=2,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
