"""The benchmark's request: EchoService.Lookup(LookupRequest{key}) from echo.proto.

  write-body PATH KEY   writes the gRPC-framed request body h2load POSTs (0x00, 4-byte big-endian
                        length, protobuf bytes)
  verify HOST:PORT KEY  makes the same call with the official grpcio client and checks the
                        answer, since h2load only sees the HTTP status, not grpc-status or the body

Messages come from protoc --python_out run on echo.proto into a temporary directory.
"""

import importlib.util
import os
import struct
import subprocess
import sys
import tempfile

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
ECHO_PROTO_DIR = os.path.join(REPO_ROOT, "tests", "ProfileHub.Grpc.TestHost")
LOOKUP_PATH = "/profilehub.testing.v1.EchoService/Lookup"


def load_echo_messages(work_dir):
    subprocess.run(
        ["protoc", "-I", ECHO_PROTO_DIR, "--python_out=" + work_dir, "echo.proto"], check=True, timeout=60
    )
    spec = importlib.util.spec_from_file_location("bench_echo_pb2", os.path.join(work_dir, "echo_pb2.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def framed(message_bytes):
    return b"\x00" + struct.pack(">I", len(message_bytes)) + message_bytes


def write_body(echo_pb2, path, key):
    with open(path, "wb") as body:
        body.write(framed(echo_pb2.LookupRequest(key=key).SerializeToString()))


def verify(echo_pb2, target, key):
    import grpc

    expected = "value:" + key.split(":", 1)[1]
    with grpc.insecure_channel(target) as channel:
        lookup = channel.unary_unary(
            LOOKUP_PATH,
            request_serializer=lambda m: m.SerializeToString(),
            response_deserializer=echo_pb2.LookupResponse.FromString,
        )
        response, call = lookup.with_call(echo_pb2.LookupRequest(key=key), timeout=10)
    if call.code() != grpc.StatusCode.OK or response.value != expected:
        sys.exit("Lookup(%s) answered %r with %s, expected %r" % (key, response.value, call.code(), expected))
    print("grpcio check: Lookup(%s) = %r, status %s" % (key, response.value, call.code().name))


def main(argv):
    if len(argv) != 4 or argv[1] not in ("write-body", "verify"):
        sys.exit(__doc__)
    with tempfile.TemporaryDirectory(prefix="profilehub-bench-") as work_dir:
        echo_pb2 = load_echo_messages(work_dir)
        if argv[1] == "write-body":
            write_body(echo_pb2, argv[2], argv[3])
        else:
            verify(echo_pb2, argv[2], argv[3])


if __name__ == "__main__":
    main(sys.argv)
