"""Prints the service ingest benchmark's table from the Load tool's JSON summaries.

usage: summarize_ingest.py RESULTS_DIR   (reads ingest-on.json and ingest-off.json; writes summary.txt/json)
Exits non-zero when either run reported a problem (outcomes not adding up, NOT_FOUND lookups).
"""

import json
import os
import sys

RECORDS_PER_SECOND_TARGET = 20000
RATIO_TARGET = 0.8


def main(results_dir):
    runs = {}
    for mode in ("on", "off"):
        with open(os.path.join(results_dir, "ingest-%s.json" % mode), encoding="utf-8") as source:
            runs[mode] = json.load(source)

    lines = ["%-14s %10s %9s %9s %8s %9s %7s %9s %8s  %s" % (
        "stage rules", "records/s", "p50 ms", "p99 ms", "created", "attached", "merged", "duplicate", "rejected", "checks")]
    for mode, run in runs.items():
        lines.append("%-14s %10.0f %9.1f %9.1f %8d %9d %7d %9d %8d  %s" % (
            mode, run["records_per_second"], run["batch_p50_ms"], run["batch_p99_ms"], run["created"], run["attached"],
            run["merged"], run["duplicate"], run["rejected"],
            "ok" if not run["problems"] else "; ".join(run["problems"])))
    on, off = runs["on"], runs["off"]
    ratio = on["records_per_second"] / off["records_per_second"]
    lines.append("")
    lines.append("records=%d batch=%d callers=%d warm-up=%d seed=%d" % (on["records"], on["batch"], on["callers"], on["warmup"], on["seed"]))
    lines.append("ratio rules on / off: %.2f (target >= %.1f: %s)" % (ratio, RATIO_TARGET, "met" if ratio >= RATIO_TARGET else "MISSED"))
    lines.append("records/s at batch %d, rules on: %.0f (target >= %d: %s)" % (
        on["batch"], on["records_per_second"], RECORDS_PER_SECOND_TARGET,
        "met" if on["records_per_second"] >= RECORDS_PER_SECOND_TARGET else "MISSED"))
    for mode, run in runs.items():
        lines.append("rules %s: outcomes sum %d of %d; %d sampled records: %d identifier lookups (%d NOT_FOUND), %d profile id lookups (%d NOT_FOUND)" % (
            mode, run["outcome_sum"], run["records"], run["sampled_records"], run["identifier_lookups"], run["identifier_not_found"],
            run["profile_id_lookups"], run["profile_id_not_found"]))
    problems = [p for run in runs.values() for p in run["problems"]]
    lines.append("correctness checks passed: %s" % ("yes" if not problems else "NO"))

    table = "\n".join(lines)
    print(table)
    with open(os.path.join(results_dir, "summary.txt"), "w", encoding="utf-8") as summary:
        summary.write(table + "\n")
    with open(os.path.join(results_dir, "summary.json"), "w", encoding="utf-8") as summary:
        json.dump({"runs": runs, "ratio_on_off": ratio}, summary, indent=2)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
