#!/usr/bin/env bash
# Runs the gRPC conformance suite: Python's official C-core client (Debian python3-grpcio) against
# the TestHost. The suite builds nothing: build the host first
# (dotnet build tests/ProfileHub.Grpc.TestHost/ProfileHub.Grpc.TestHost.csproj -c Release) or
# point PROFILEHUB_TESTHOST_CMD at another start command. Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

default_host_dll=tests/ProfileHub.Grpc.TestHost/bin/Release/net10.0/ProfileHub.Grpc.TestHost.dll
if [[ -z "${PROFILEHUB_TESTHOST_CMD:-}" && ! -f "$default_host_dll" ]]; then
  echo "missing $default_host_dll: build the TestHost in Release first, or set PROFILEHUB_TESTHOST_CMD" >&2
  exit 1
fi

exec /usr/bin/python3 -m unittest discover -s tests/conformance -p 'test_*.py' -v "$@"
