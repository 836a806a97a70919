"""Calls to methods and services the server does not have are UNIMPLEMENTED."""

import grpc

from conformance_case import CALL_TIMEOUT, ChannelTestCase
from stubs import ECHO_SERVICE


class UnknownMethodTests(ChannelTestCase):
    def call_raw(self, path):
        method = self.channel.unary_unary(path)
        with self.assertRaises(grpc.RpcError) as raised:
            method(b"", timeout=CALL_TIMEOUT)
        return raised.exception

    def test_unknown_method_of_a_known_service_is_unimplemented(self):
        self.assertEqual(self.call_raw("/" + ECHO_SERVICE + "/NoSuchMethod").code(), grpc.StatusCode.UNIMPLEMENTED)

    def test_unknown_service_is_unimplemented(self):
        self.assertEqual(self.call_raw("/no.such.Service/Echo").code(), grpc.StatusCode.UNIMPLEMENTED)

    def test_unknown_streaming_method_is_unimplemented(self):
        method = self.channel.stream_stream("/" + ECHO_SERVICE + "/NoSuchStream")
        with self.assertRaises(grpc.RpcError) as raised:
            list(method(iter([b"", b""]), timeout=CALL_TIMEOUT))
        self.assertEqual(raised.exception.code(), grpc.StatusCode.UNIMPLEMENTED)

    def test_server_keeps_serving_after_unknown_calls(self):
        self.call_raw("/no.such.Service/Echo")
        response = self.echo.echo(self.echo_request(message="ok"), timeout=CALL_TIMEOUT)
        self.assertEqual(response.message, "ok")
