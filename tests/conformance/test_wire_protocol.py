"""What the gRPC HTTP/2 spec fixes on the wire, seen with a raw HTTP/2 client (nghttp): the C-core
client hides these details behind its API."""

import tempfile

import grpc

import raw_http2
from conformance_case import ChannelTestCase
from stubs import ECHO_SERVICE

ECHO_PATH = "/" + ECHO_SERVICE + "/Echo"
GRPC_HEADERS = [("content-type", "application/grpc"), ("te", "trailers")]


class WireProtocolTests(ChannelTestCase):
    def setUp(self):
        work_dir = tempfile.TemporaryDirectory(prefix="profilehub-conformance-h2-")
        self.addCleanup(work_dir.cleanup)
        self.work_dir = work_dir.name

    def post(self, path, request, headers=GRPC_HEADERS):
        return raw_http2.post(self.server.target, path, raw_http2.frame(request.SerializeToString()), headers, self.work_dir)

    def test_success_sends_headers_then_message_then_trailers(self):
        raw = self.post(ECHO_PATH, self.echo_request(message="hi"))
        self.assertEqual(raw.headers.get(":status"), "200")
        self.assertTrue(raw.headers.get("content-type", "").startswith("application/grpc"), raw.headers)
        self.assertNotIn("grpc-status", raw.headers)
        self.assertEqual(raw.trailers.get("grpc-status"), "0")
        self.assertEqual(len(raw.frames), 1)

    def test_error_without_messages_is_a_trailers_only_response(self):
        raw = self.post(ECHO_PATH, self.echo_request(status_code=grpc.StatusCode.NOT_FOUND.value[0], status_message="gone"))
        self.assertEqual(raw.headers.get(":status"), "200")
        self.assertEqual(raw.headers.get("grpc-status"), "5", raw)
        self.assertEqual(raw.headers.get("grpc-message"), "gone")
        self.assertEqual(raw.trailers, {})
        self.assertEqual(raw.frames, [])

    def test_grpc_message_is_percent_encoded_on_the_wire(self):
        raw = self.post(ECHO_PATH, self.echo_request(status_code=9, status_message="100% ✓"))
        self.assertEqual((raw.trailers or raw.headers).get("grpc-message"), "100%25 %E2%9C%93")

    def test_unknown_method_is_trailers_only_unimplemented(self):
        raw = self.post("/" + ECHO_SERVICE + "/NoSuchMethod", self.echo_request())
        self.assertEqual(raw.headers.get(":status"), "200")
        self.assertEqual(raw.headers.get("grpc-status"), str(grpc.StatusCode.UNIMPLEMENTED.value[0]), raw)
        self.assertEqual(raw.frames, [])

    def test_non_grpc_content_type_is_http_415(self):
        raw = self.post(ECHO_PATH, self.echo_request(), headers=[("content-type", "text/plain"), ("te", "trailers")])
        self.assertEqual(raw.headers.get(":status"), "415", raw)
