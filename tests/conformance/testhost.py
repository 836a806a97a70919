"""Starts and stops the ProfileHub gRPC TestHost executable for the conformance suite.

The suite never builds the host: the command comes from PROFILEHUB_TESTHOST_CMD (default: the
Release build output, relative to the repository root). The host is started with
--urls http://127.0.0.1:0 and reports the port it bound with one "READY <url>" stdout line.
"""

import collections
import ctypes
import os
import shlex
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse

from generated_messages import REPO_ROOT

DEFAULT_COMMAND = (
    "dotnet tests/ProfileHub.Grpc.TestHost/bin/Release/net10.0/ProfileHub.Grpc.TestHost.dll"
)
READY_TIMEOUT_SECONDS = float(os.environ.get("PROFILEHUB_TESTHOST_READY_TIMEOUT", "90"))
STOP_GRACE_SECONDS = 10.0

_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    # A crashed or killed test run must not leave a listening server behind.
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class TestHostStartError(RuntimeError):
    """The TestHost exited or stayed silent instead of printing its READY line."""


class TestHostProcess:
    """One running TestHost; `target` is the host:port to give grpc.insecure_channel."""

    def __init__(self, extra_args=()):
        command = shlex.split(os.environ.get("PROFILEHUB_TESTHOST_CMD", DEFAULT_COMMAND))
        self.args = command + ["--urls", "http://127.0.0.1:0"] + list(extra_args)
        self.url = None
        self.target = None
        self._process = None
        self._stdout_tail = collections.deque(maxlen=200)
        self._ready_line = threading.Event()
        self._stderr_file = None

    def start(self):
        self._stderr_file = tempfile.TemporaryFile(prefix="profilehub-testhost-stderr-")
        self._process = subprocess.Popen(
            self.args,
            cwd=REPO_ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=self._stderr_file,
            preexec_fn=_die_with_parent,
        )
        # The host keeps logging after READY; draining stdout for its whole life stops a full pipe
        # from blocking it.
        threading.Thread(target=self._drain_stdout, daemon=True).start()
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while not self._ready_line.wait(0.1):
            if self._process.poll() is not None:
                raise TestHostStartError(
                    "TestHost exited with code %s before READY: %s"
                    % (self._process.returncode, self.diagnostics())
                )
            if time.monotonic() > deadline:
                self.stop()
                raise TestHostStartError(
                    "TestHost printed no READY line within %ss: %s"
                    % (READY_TIMEOUT_SECONDS, self.diagnostics())
                )
        parsed = urllib.parse.urlsplit(self.url)
        if parsed.scheme != "http" or not parsed.port:
            self.stop()
            raise TestHostStartError("READY line has no usable http URL: %r" % self.url)
        self.target = "%s:%d" % (parsed.hostname, parsed.port)
        return self

    def _drain_stdout(self):
        for raw in self._process.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            self._stdout_tail.append(line)
            if self.url is None and line.startswith("READY "):
                self.url = line[len("READY "):].strip()
                self._ready_line.set()

    def is_running(self):
        return self._process is not None and self._process.poll() is None

    def stop(self):
        """SIGTERM, then SIGKILL when the host has not exited after the grace period."""
        if self._process is None:
            return None
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(STOP_GRACE_SECONDS)
        return self._process.returncode

    def diagnostics(self):
        stderr = ""
        if self._stderr_file is not None:
            self._stderr_file.seek(0)
            stderr = self._stderr_file.read()[-4000:].decode("utf-8", "replace")
        return "args=%r\nstdout tail:\n%s\nstderr tail:\n%s" % (
            self.args,
            "\n".join(self._stdout_tail),
            stderr,
        )
