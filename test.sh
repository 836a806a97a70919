#!/usr/bin/env bash
# Runs every ProfileHub test: the .NET suites (real Kestrel, real SQLite files, a real redis-server
# started by the fixtures) and the gRPC conformance suite driven by Python's official grpcio client.
# Installs the Debian packages the tests need when run as root and they are missing.
set -euo pipefail
cd "$(dirname "$0")"

packages=(redis-server redis-tools python3-grpcio python3-protobuf protobuf-compiler nghttp2-client sqlite3 python3-yaml)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The T-SQL parse check runs node-sql-parser; Debian's nodejs/npm serve when no Node.js is installed.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "test.sh: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
    exit 1
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp -d)/test.log
status=0

dotnet build ProfileHub.sln -c Release -nologo -v q
# Hangs fail the run in minutes instead of holding CI until its time limit. A .NET test running for
# over 5 minutes is taken as hung: its test host is stopped and the test named. The servers a stopped
# test host's fixtures started would outlive it, so the suites run in a process group of their own and
# whatever is left in it is stopped when this script exits. The conformance suite (20 seconds when
# healthy) is stopped after 10 minutes together with every process it started.
set -m
(
  suites_status=0
  dotnet test ProfileHub.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" \
    --blame-hang-timeout 5m --blame-hang-dump-type none 2>&1 | tee "$log" || suites_status=1
  if [ -x tests/conformance/run.sh ]; then
    timeout --kill-after=30s 10m tests/conformance/run.sh 2>&1 | tee -a "$log" || suites_status=1
  fi
  exit "$suites_status"
) &
suites=$!
set +m
trap 'kill -- -"$suites" 2>/dev/null || true' EXIT
wait "$suites" || status=1

# One closing line over every runner: dotnet test prints a line per test assembly, unittest one per suite.
python_summary() {
  /usr/bin/python3 - "$log" <<'PY'
import re, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    m = re.search(r"Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)", line)
    if m:
        failed += int(m.group(1)); passed += int(m.group(2)); skipped += int(m.group(3)); continue
    m = re.match(r"Ran (\d+) tests?", line)
    if m:
        ran = int(m.group(1)); passed += ran; continue
    m = re.match(r"FAILED \((.*)\)", line)
    if m:
        for part in m.group(1).split(","):
            k, _, v = part.strip().partition("=")
            if k in ("failures", "errors"):
                failed += int(v); passed -= int(v)
            elif k == "skipped":
                skipped += int(v); passed -= int(v)
    m = re.match(r"OK \(skipped=(\d+)\)", line)
    if m:
        skipped += int(m.group(1)); passed -= int(m.group(1))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
}
python_summary
exit $status
