"""Max receive/send message sizes: a message of exactly the limit passes, one byte more is
RESOURCE_EXHAUSTED, on the request and on the response side."""

import grpc

import shared_hosts
from conformance_case import CALL_TIMEOUT, ChannelTestCase

LIMIT = shared_hosts.SMALL_MESSAGE_LIMIT


class MessageLimitTests(ChannelTestCase):
    @classmethod
    def host(cls):
        return shared_hosts.small_limit_host()

    def request_of_size(self, size):
        """An EchoRequest whose serialized form is exactly size bytes."""
        request = self.echo_request(payload=b"\x01" * size)
        # The length prefix of the payload shrinks with it, so trim until the total fits exactly.
        while request.ByteSize() > size:
            request.payload = request.payload[: len(request.payload) - (request.ByteSize() - size)]
        self.assertEqual(request.ByteSize(), size)
        return request

    def streamed_response(self, payload_size):
        stream_request = self.messages.echo_pb2.StreamRequest(count=1, payload_size=payload_size)
        (response,) = list(self.echo.server_stream(stream_request, timeout=CALL_TIMEOUT))
        return response

    def payload_size_for_response_of(self, size):
        """The payload_size that makes the server's single ServerStream message exactly size bytes."""
        probe = size - 64
        overhead = self.streamed_response(probe).ByteSize() - probe
        return size - overhead

    def test_request_of_exactly_the_limit_is_accepted(self):
        response = self.echo.client_stream(iter([self.request_of_size(LIMIT)]), timeout=CALL_TIMEOUT)
        self.assertEqual(response.count, 1)

    def test_request_one_byte_over_the_limit_is_resource_exhausted(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.client_stream(iter([self.request_of_size(LIMIT + 1)]), timeout=CALL_TIMEOUT)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)

    def test_unary_request_far_over_the_limit_is_resource_exhausted(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.echo(self.request_of_size(4 * LIMIT), timeout=CALL_TIMEOUT)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)

    def test_response_of_exactly_the_limit_is_sent(self):
        response = self.streamed_response(self.payload_size_for_response_of(LIMIT))
        self.assertEqual(response.ByteSize(), LIMIT)

    def test_response_one_byte_over_the_limit_is_resource_exhausted(self):
        payload_size = self.payload_size_for_response_of(LIMIT) + 1
        with self.assertRaises(grpc.RpcError) as raised:
            self.streamed_response(payload_size)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)

    def test_unary_response_over_the_limit_is_resource_exhausted(self):
        # The request fits, but the echo adds the received metadata and so crosses the send limit.
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.echo(self.request_of_size(LIMIT), timeout=CALL_TIMEOUT)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)

    def test_server_keeps_serving_after_limit_errors(self):
        with self.assertRaises(grpc.RpcError):
            self.echo.echo(self.request_of_size(2 * LIMIT), timeout=CALL_TIMEOUT)
        response = self.echo.echo(self.echo_request(message="after"), timeout=CALL_TIMEOUT)
        self.assertEqual(response.message, "after")


class LargeMessageTests(ChannelTestCase):
    """The default host (4 MiB limits) carries multi-megabyte messages both ways."""

    def test_three_mebibyte_payload_round_trips(self):
        payload = bytes(range(256)) * (3 * 1024 * 4)
        response = self.echo.echo(self.echo_request(payload=payload), timeout=CALL_TIMEOUT)
        self.assertEqual(response.payload, payload)

    def test_five_mebibyte_request_is_resource_exhausted_by_default(self):
        payload = b"\x02" * (5 * 1024 * 1024)
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.echo(self.echo_request(payload=payload), timeout=CALL_TIMEOUT)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.RESOURCE_EXHAUSTED)
