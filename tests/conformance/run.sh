#!/usr/bin/env bash
# Runs the gRPC conformance suite: Python's official C-core client (Debian python3-grpcio) against
# the TestHost. The host must already be built (Release); override the start command with
# PROFILEHUB_TESTHOST_CMD. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
exec /usr/bin/python3 -m unittest discover -s tests/conformance -p 'test_*.py' -v "$@"
