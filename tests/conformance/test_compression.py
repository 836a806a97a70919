"""gzip message compression: requests compressed by the C-core client (channel-wide and per call),
responses compressed by a host configured for it, and the bytes on the wire checked with nghttp."""

import tempfile

import grpc

import raw_http2
import shared_hosts
from conformance_case import CALL_TIMEOUT, ChannelTestCase
from stubs import ECHO_SERVICE

COMPRESSIBLE_PAYLOAD = b"profilehub journey stage " * 40000
ECHO_PATH = "/" + ECHO_SERVICE + "/Echo"
GRPC_HEADERS = [("content-type", "application/grpc"), ("te", "trailers")]


class GzipChannelTests(ChannelTestCase):
    compression = grpc.Compression.Gzip

    def test_gzip_requests_are_decoded_by_the_server(self):
        response = self.echo.echo(
            self.echo_request(message="zipped ✓", payload=COMPRESSIBLE_PAYLOAD), timeout=CALL_TIMEOUT
        )
        self.assertEqual(response.message, "zipped ✓")
        self.assertEqual(response.payload, COMPRESSIBLE_PAYLOAD)

    def test_client_stream_of_gzip_messages(self):
        requests = [self.echo_request(message=str(i), payload=COMPRESSIBLE_PAYLOAD[:10000]) for i in range(20)]
        response = self.echo.client_stream(iter(requests), timeout=CALL_TIMEOUT)
        self.assertEqual(response.count, 20)
        self.assertEqual(response.message, ",".join(str(i) for i in range(20)))

    def test_bidi_with_gzip_requests(self):
        requests = [self.echo_request(message="m%d" % i, payload=COMPRESSIBLE_PAYLOAD[:5000]) for i in range(10)]
        responses = list(self.echo.bidi(iter(requests), timeout=CALL_TIMEOUT))
        self.assertEqual([r.message for r in responses], ["m%d" % i for i in range(10)])
        self.assertTrue(all(r.payload == COMPRESSIBLE_PAYLOAD[:5000] for r in responses))

    def test_status_errors_still_arrive_on_a_gzip_channel(self):
        request = self.echo_request(status_code=grpc.StatusCode.ABORTED.value[0], status_message="zip 100%")
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.echo(request, timeout=CALL_TIMEOUT)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.ABORTED)
        self.assertEqual(raised.exception.details(), "zip 100%")


class GzipPerCallTests(ChannelTestCase):
    def test_single_call_can_be_gzip_encoded(self):
        response = self.echo.echo(
            self.echo_request(payload=COMPRESSIBLE_PAYLOAD),
            timeout=CALL_TIMEOUT,
            compression=grpc.Compression.Gzip,
        )
        self.assertEqual(response.payload, COMPRESSIBLE_PAYLOAD)

    def test_gzip_and_plain_calls_mix_on_one_channel(self):
        plain = self.echo.echo.future(self.echo_request(message="plain"), timeout=CALL_TIMEOUT)
        zipped = self.echo.echo.future(
            self.echo_request(message="zipped", payload=COMPRESSIBLE_PAYLOAD),
            timeout=CALL_TIMEOUT,
            compression=grpc.Compression.Gzip,
        )
        self.assertEqual(plain.result().message, "plain")
        self.assertEqual(zipped.result().payload, COMPRESSIBLE_PAYLOAD)


class GzipResponseTests(ChannelTestCase):
    @classmethod
    def host(cls):
        return shared_hosts.gzip_response_host()

    def test_c_core_client_decodes_gzip_responses(self):
        response = self.echo.echo(self.echo_request(message="back", payload=COMPRESSIBLE_PAYLOAD), timeout=CALL_TIMEOUT)
        self.assertEqual(response.message, "back")
        self.assertEqual(response.payload, COMPRESSIBLE_PAYLOAD)

    def test_c_core_client_decodes_gzip_server_stream(self):
        stream_request = self.messages.echo_pb2.StreamRequest(count=10, payload_size=100000)
        responses = list(self.echo.server_stream(stream_request, timeout=CALL_TIMEOUT))
        self.assertEqual([len(r.payload) for r in responses], [100000] * 10)


class GzipOnTheWireTests(ChannelTestCase):
    """What the C-core client does not show: the encoding headers and the compressed-flag byte."""

    def setUp(self):
        work_dir = tempfile.TemporaryDirectory(prefix="profilehub-conformance-h2-")
        self.addCleanup(work_dir.cleanup)
        self.work_dir = work_dir.name

    def post_echo(self, host, body, extra_headers):
        return raw_http2.post(host.target, ECHO_PATH, body, GRPC_HEADERS + extra_headers, self.work_dir)

    def echo_response(self, raw):
        self.assertEqual(len(raw.frames), 1, raw)
        return self.messages.echo_pb2.EchoResponse.FromString(raw.frames[0].message)

    def test_gzip_request_frame_is_decompressed(self):
        request = self.echo_request(message="raw zip", payload=COMPRESSIBLE_PAYLOAD[:50000]).SerializeToString()
        raw = self.post_echo(self.server, raw_http2.frame(request, compress=True), [("grpc-encoding", "gzip")])
        self.assertEqual(raw.trailers.get("grpc-status"), "0", raw)
        response = self.echo_response(raw)
        self.assertEqual(response.message, "raw zip")
        self.assertEqual(response.payload, COMPRESSIBLE_PAYLOAD[:50000])

    def test_configured_host_sends_gzip_frames_to_clients_that_accept_gzip(self):
        request = self.echo_request(message="zip me", payload=COMPRESSIBLE_PAYLOAD[:50000]).SerializeToString()
        raw = self.post_echo(
            shared_hosts.gzip_response_host(), raw_http2.frame(request), [("grpc-accept-encoding", "identity,gzip")]
        )
        self.assertEqual(raw.headers.get("grpc-encoding"), "gzip", raw.headers)
        self.assertTrue(raw.frames[0].compressed)
        self.assertEqual(self.echo_response(raw).message, "zip me")
        self.assertEqual(raw.trailers.get("grpc-status"), "0", raw)

    def test_configured_host_sends_identity_to_clients_that_do_not_accept_gzip(self):
        request = self.echo_request(message="plain").SerializeToString()
        raw = self.post_echo(shared_hosts.gzip_response_host(), raw_http2.frame(request), [("grpc-accept-encoding", "identity")])
        self.assertNotEqual(raw.headers.get("grpc-encoding", "identity"), "gzip")
        self.assertFalse(raw.frames[0].compressed)
        self.assertEqual(self.echo_response(raw).message, "plain")

    def test_default_host_answers_uncompressed(self):
        request = self.echo_request(message="plain").SerializeToString()
        raw = self.post_echo(self.server, raw_http2.frame(request), [("grpc-accept-encoding", "identity,gzip")])
        self.assertFalse(raw.frames[0].compressed)
        self.assertEqual(self.echo_response(raw).message, "plain")

    def test_unsupported_request_encoding_is_unimplemented_with_the_accepted_list(self):
        request = self.echo_request(message="brotli?").SerializeToString()
        raw = self.post_echo(self.server, raw_http2.frame(request, compress=True), [("grpc-encoding", "br")])
        status = raw.trailers or raw.headers
        self.assertEqual(status.get("grpc-status"), str(grpc.StatusCode.UNIMPLEMENTED.value[0]), raw)
        accepted = [e.strip() for e in status.get("grpc-accept-encoding", "").split(",")]
        self.assertIn("gzip", accepted, raw)
        self.assertEqual(raw.frames, [])
