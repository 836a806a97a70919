"""Raw gRPC-over-HTTP/2 exchanges through nghttp (Debian nghttp2-client), for what the C-core client
hides: response header values such as grpc-encoding, the compressed-flag byte of each frame, and
requests C-core will not send (an unsupported grpc-encoding, a wrong content-type)."""

import collections
import gzip
import re
import struct
import subprocess

RawResponse = collections.namedtuple("RawResponse", "headers trailers frames")
Frame = collections.namedtuple("Frame", "compressed message")

_HEADER_LINE = re.compile(r"^\[\s*[\d.]+\] recv \(stream_id=(\d+)\) ([^:\s][^:]*|:[a-z]+): (.*)$")
_HEADERS_FRAME = re.compile(r"^\[\s*[\d.]+\] recv HEADERS frame <.*stream_id=(\d+)>")


def frame(message_bytes, compress=False):
    """One length-prefixed gRPC message, gzip-compressed when compress is true."""
    body = gzip.compress(message_bytes) if compress else message_bytes
    return bytes([1 if compress else 0]) + struct.pack(">I", len(body)) + body


def parse_frames(body):
    frames = []
    offset = 0
    while offset < len(body):
        compressed, length = body[offset], struct.unpack(">I", body[offset + 1: offset + 5])[0]
        message = body[offset + 5: offset + 5 + length]
        if len(message) != length:
            raise ValueError("truncated gRPC frame: %d of %d bytes" % (len(message), length))
        frames.append(Frame(compressed == 1, gzip.decompress(message) if compressed == 1 else message))
        offset += 5 + length
    return frames


def _command(target, path, body, headers, body_file_dir, streams):
    body_path = body_file_dir + "/request.bin"
    with open(body_path, "wb") as body_file:
        body_file.write(body)
    command = ["nghttp", "--no-content-length", "-H", ":method: POST"]
    for name, value in headers:
        command += ["-H", "%s: %s" % (name, value)]
    return command + ["-m", str(streams), "-d", body_path, "http://%s%s" % (target, path)]


def _header_blocks(command):
    """Per stream id, the header blocks received (response headers, then trailers), in stream order."""
    verbose = subprocess.run(command[:1] + ["-v", "-n"] + command[1:], capture_output=True, timeout=60, check=True)
    pending = collections.defaultdict(list)
    blocks = collections.defaultdict(list)
    for line in verbose.stdout.decode("utf-8", "replace").splitlines():
        header = _HEADER_LINE.match(line)
        if header:
            pending[int(header.group(1))].append((header.group(2), header.group(3)))
            continue
        frame_line = _HEADERS_FRAME.match(line)
        if frame_line:
            stream_id = int(frame_line.group(1))
            blocks[stream_id].append(dict(pending.pop(stream_id, [])))
    return [blocks[stream_id] for stream_id in sorted(blocks)]


def _response(blocks, frames):
    return RawResponse(
        headers=blocks[0] if blocks else {},
        trailers=blocks[1] if len(blocks) > 1 else {},
        frames=frames,
    )


def post(target, path, body, headers, body_file_dir):
    """POSTs body to http://target/path over h2c; headers is a list of (name, value)."""
    command = _command(target, path, body, headers, body_file_dir, 1)
    (blocks,) = _header_blocks(command)
    content = subprocess.run(command, capture_output=True, timeout=60, check=True)
    return _response(blocks, parse_frames(content.stdout))


def post_concurrently(target, path, body, headers, body_file_dir, streams):
    """The same POST on `streams` concurrent streams of one connection; responses without frames."""
    command = _command(target, path, body, headers, body_file_dir, streams)
    return [_response(blocks, None) for blocks in _header_blocks(command)]
