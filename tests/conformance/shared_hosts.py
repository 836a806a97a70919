"""The TestHost instances shared by every conformance test module in one run.

unittest has no session-wide fixture, so the hosts start on first use and stop when the
interpreter exits (after the summary has been printed).
"""

import atexit

import grpc

from testhost import TestHostProcess

# The limit tests run against a second host whose message limits are small enough to cross cheaply.
SMALL_MESSAGE_LIMIT = 65536
SMALL_LIMIT_ARGS = (
    "--Grpc:MaxReceiveMessageSize=%d" % SMALL_MESSAGE_LIMIT,
    "--Grpc:MaxSendMessageSize=%d" % SMALL_MESSAGE_LIMIT,
)

# Responses are gzip-compressed only when the host is configured for it (and the client accepts gzip).
GZIP_RESPONSE_ARGS = ("--Grpc:ResponseCompressionAlgorithm=gzip",)

# The client must never be the side that enforces a limit under test.
CLIENT_OPTIONS = [
    ("grpc.max_send_message_length", -1),
    ("grpc.max_receive_message_length", -1),
]

_hosts = {}
_start_failures = {}


def _host(name, extra_args):
    # A host that failed to start is not retried by every test class: they all fail with its error.
    if name in _start_failures:
        raise _start_failures[name]
    host = _hosts.get(name)
    if host is None:
        host = TestHostProcess(extra_args)
        _hosts[name] = host
        try:
            host.start()
        except Exception as error:
            _start_failures[name] = error
            raise
    return host


def default_host():
    """The TestHost with its default configuration (4 MiB message limits)."""
    return _host("default", ())


def small_limit_host():
    """A TestHost whose receive and send limits are SMALL_MESSAGE_LIMIT bytes."""
    return _host("small-limit", SMALL_LIMIT_ARGS)


def gzip_response_host():
    """A TestHost that gzip-compresses responses for clients that accept gzip."""
    return _host("gzip-responses", GZIP_RESPONSE_ARGS)


def open_channel(host, compression=None):
    """A new insecure (h2c) channel to host; the caller closes it."""
    return grpc.insecure_channel(host.target, options=CLIENT_OPTIONS, compression=compression)


@atexit.register
def _stop_all():
    for host in _hosts.values():
        host.stop()
