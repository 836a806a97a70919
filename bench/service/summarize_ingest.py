"""Prints the service ingest benchmark's table from the Load tool's JSON summaries.

usage: summarize_ingest.py RESULTS_DIR   (reads ingest-on-N.json and ingest-off-N.json for every
round N; writes summary.txt/json)
Exits non-zero when a run reported a problem (outcomes not adding up, NOT_FOUND lookups) or a
round is missing one of its two runs.
"""

import glob
import json
import os
import re
import statistics
import sys

RECORDS_PER_SECOND_TARGET = 20000
RATIO_TARGET = 0.8
MODES = ("on", "off")


def load_runs(results_dir):
    runs = {}
    for path in glob.glob(os.path.join(results_dir, "ingest-*.json")):
        match = re.fullmatch(r"ingest-(on|off)-(\d+)\.json", os.path.basename(path))
        if match:
            with open(path, encoding="utf-8") as source:
                runs[(match.group(1), int(match.group(2)))] = json.load(source)
    return runs


def main(results_dir):
    runs = load_runs(results_dir)
    rounds = sorted({round_ for _, round_ in runs})
    missing = ["round %d has no rules-%s run" % (r, m) for r in rounds for m in MODES if (m, r) not in runs]
    if not rounds:
        missing.append("no ingest-on-N.json / ingest-off-N.json in %s" % results_dir)

    lines = ["%-14s %5s %10s %9s %9s %8s %9s %7s %9s %8s  %s" % (
        "stage rules", "round", "records/s", "p50 ms", "p99 ms", "created", "attached", "merged", "duplicate", "rejected", "checks")]
    for round_ in rounds:
        for mode in MODES:
            run = runs.get((mode, round_))
            if run is None:
                continue
            lines.append("%-14s %5d %10.0f %9.1f %9.1f %8d %9d %7d %9d %8d  %s" % (
                mode, round_, run["records_per_second"], run["batch_p50_ms"], run["batch_p99_ms"], run["created"], run["attached"],
                run["merged"], run["duplicate"], run["rejected"],
                "ok" if not run["problems"] else "; ".join(run["problems"])))

    medians = {}
    for mode in MODES:
        mine = [run for (m, _), run in runs.items() if m == mode]
        if mine:
            medians[mode] = {key: statistics.median(run[key] for run in mine) for key in ("records_per_second", "batch_p50_ms", "batch_p99_ms")}
    lines.append("")
    for mode, median in medians.items():
        lines.append("%-14s %5s %10.0f %9.1f %9.1f" % (mode, "median", median["records_per_second"], median["batch_p50_ms"], median["batch_p99_ms"]))

    summary = {"runs": {"%s-%d" % key: run for key, run in sorted(runs.items())}, "medians": medians}
    if len(medians) == 2:
        first = next(iter(runs.values()))
        ratio = medians["on"]["records_per_second"] / medians["off"]["records_per_second"]
        per_round = [runs[("on", r)]["records_per_second"] / runs[("off", r)]["records_per_second"]
                     for r in rounds if ("on", r) in runs and ("off", r) in runs]
        summary["ratio_on_off"] = ratio
        summary["ratio_on_off_per_round"] = per_round
        lines.append("")
        lines.append("records=%d batch=%d callers=%d warm-up=%d seed=%d rounds=%d (order alternates: odd rounds on first)" % (
            first["records"], first["batch"], first["callers"], first["warmup"], first["seed"], len(rounds)))
        lines.append("ratio rules on / off (medians): %.2f (target >= %.1f: %s); per round: %s" % (
            ratio, RATIO_TARGET, "met" if ratio >= RATIO_TARGET else "MISSED", ", ".join("%.2f" % r for r in per_round)))
        on = medians["on"]["records_per_second"]
        lines.append("records/s at batch %d, rules on (median): %.0f (target >= %d: %s)" % (
            first["batch"], on, RECORDS_PER_SECOND_TARGET, "met" if on >= RECORDS_PER_SECOND_TARGET else "MISSED"))

    for (mode, round_), run in sorted(runs.items(), key=lambda item: (item[0][1], item[0][0])):
        lines.append("rules %s, round %d: outcomes sum %d of %d; %d sampled records: %d identifier lookups (%d NOT_FOUND), %d profile id lookups (%d NOT_FOUND)" % (
            mode, round_, run["outcome_sum"], run["records"], run["sampled_records"], run["identifier_lookups"], run["identifier_not_found"],
            run["profile_id_lookups"], run["profile_id_not_found"]))
    problems = missing + [p for run in runs.values() for p in run["problems"]]
    for problem in missing:
        lines.append("missing: " + problem)
    lines.append("correctness checks passed: %s" % ("yes" if not problems else "NO"))

    table = "\n".join(lines)
    print(table)
    with open(os.path.join(results_dir, "summary.txt"), "w", encoding="utf-8") as out:
        out.write(table + "\n")
    with open(os.path.join(results_dir, "summary.json"), "w", encoding="utf-8") as out:
        json.dump(summary, out, indent=2)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
