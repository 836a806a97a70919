"""Request metadata, response headers and trailers, including binary (-bin) values."""

import base64
import unittest

import grpc

from conformance_case import CALL_TIMEOUT, ChannelTestCase

BINARY_VALUE = bytes([0, 1, 2, 0x7F, 0x80, 0xFE, 0xFF]) + "é".encode("utf-8")


class MetadataTests(ChannelTestCase):
    def test_request_metadata_is_seen_by_the_server(self):
        metadata = (("x-custom-text", "hello world"), ("x-custom-bin", BINARY_VALUE))
        response = self.echo.echo(self.echo_request(), timeout=CALL_TIMEOUT, metadata=metadata)
        seen = response.received_metadata
        self.assertEqual(seen["x-custom-text"], "hello world")
        self.assertEqual(base64.b64decode(seen["x-custom-bin"] + "=" * (-len(seen["x-custom-bin"]) % 4)), BINARY_VALUE)
        self.assertIn("grpc-python", seen["user-agent"])

    def test_echo_headers_and_trailers_round_trip_with_call(self):
        metadata = (
            ("x-echo-text", "header value"),
            ("x-echo-data-bin", BINARY_VALUE),
            ("x-trailer-text", "trailer value"),
            ("x-trailer-data-bin", BINARY_VALUE[::-1]),
            ("x-ignored", "not echoed"),
        )
        response, call = self.echo.echo.with_call(self.echo_request(message="m"), timeout=CALL_TIMEOUT, metadata=metadata)
        self.assertEqual(response.message, "m")
        headers = dict(call.initial_metadata())
        trailers = dict(call.trailing_metadata())
        self.assertEqual(headers["x-echo-text"], "header value")
        self.assertEqual(headers["x-echo-data-bin"], BINARY_VALUE)
        self.assertEqual(trailers["x-trailer-text"], "trailer value")
        self.assertEqual(trailers["x-trailer-data-bin"], BINARY_VALUE[::-1])
        self.assertNotIn("x-ignored", headers)
        self.assertNotIn("x-ignored", trailers)
        self.assertNotIn("x-trailer-text", headers)
        self.assertNotIn("x-echo-text", trailers)

    def test_all_byte_values_survive_a_binary_header(self):
        every_byte = bytes(range(256))
        _, call = self.echo.echo.with_call(
            self.echo_request(), timeout=CALL_TIMEOUT, metadata=(("x-echo-all-bin", every_byte),)
        )
        self.assertEqual(dict(call.initial_metadata())["x-echo-all-bin"], every_byte)

    def test_empty_values_round_trip_in_headers_and_trailers(self):
        metadata = (
            ("x-echo-empty", ""),
            ("x-echo-empty-bin", b""),
            ("x-trailer-empty", ""),
            ("x-trailer-empty-bin", b""),
        )
        _, call = self.echo.echo.with_call(self.echo_request(), timeout=CALL_TIMEOUT, metadata=metadata)
        headers = dict(call.initial_metadata())
        trailers = dict(call.trailing_metadata())
        self.assertEqual(headers.get("x-echo-empty"), "")
        self.assertEqual(headers.get("x-echo-empty-bin"), b"")
        self.assertEqual(trailers.get("x-trailer-empty"), "")
        self.assertEqual(trailers.get("x-trailer-empty-bin"), b"")

    def test_empty_values_reach_the_server(self):
        metadata = (("x-plain-empty", ""), ("x-plain-empty-bin", b""))
        response = self.echo.echo(self.echo_request(), timeout=CALL_TIMEOUT, metadata=metadata)
        self.assertEqual(response.received_metadata["x-plain-empty"], "")
        self.assertEqual(response.received_metadata["x-plain-empty-bin"], "")

    def test_headers_and_trailers_on_a_server_stream(self):
        stream_request = self.messages.echo_pb2.StreamRequest(count=3, payload_size=4)
        metadata = (("x-echo-stream", "s"), ("x-trailer-stream-bin", BINARY_VALUE))
        responses = self.echo.server_stream(stream_request, timeout=CALL_TIMEOUT, metadata=metadata)
        self.assertEqual(dict(responses.initial_metadata())["x-echo-stream"], "s")
        self.assertEqual(len(list(responses)), 3)
        self.assertEqual(dict(responses.trailing_metadata())["x-trailer-stream-bin"], BINARY_VALUE)

    def test_trailers_accompany_an_error_status(self):
        request = self.echo_request(status_code=grpc.StatusCode.PERMISSION_DENIED.value[0], status_message="no")
        metadata = (("x-trailer-why-bin", BINARY_VALUE),)
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.echo(request, timeout=CALL_TIMEOUT, metadata=metadata)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.PERMISSION_DENIED)
        self.assertEqual(dict(raised.exception.trailing_metadata())["x-trailer-why-bin"], BINARY_VALUE)

    def test_repeated_keys_keep_every_value(self):
        metadata = (("x-echo-multi", "one"), ("x-echo-multi", "two"))
        _, call = self.echo.echo.with_call(self.echo_request(), timeout=CALL_TIMEOUT, metadata=metadata)
        values = [value for key, value in call.initial_metadata() if key == "x-echo-multi"]
        self.assertEqual(sorted(values), ["one", "two"])
