"""Every gRPC status code travels from the server to the C-core client with its message intact."""

import grpc

from conformance_case import CALL_TIMEOUT, ChannelTestCase

STATUS_BY_NUMBER = {code.value[0]: code for code in grpc.StatusCode}

# Characters that grpc-message must percent-encode (%, non-ASCII, control characters) next to
# ones it must leave alone; the client decodes, so details() must equal what the server was given.
AWKWARD_MESSAGES = [
    "plain ascii message",
    "100% done, 50%% twice, %41 is not an escape",
    "résumé naïve — ünïcödé ✓ 日本語 🚀",
    "line one\nline two\ttabbed\r",
    "   spaces at both ends   ",
    "",
]


class StatusCodeTests(ChannelTestCase):
    def call_failing_with(self, number, message):
        request = self.echo_request(message="ignored", status_code=number, status_message=message)
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.echo(request, timeout=CALL_TIMEOUT)
        return raised.exception

    def test_every_status_code_from_1_to_16_reaches_the_client_with_its_message(self):
        for number in range(1, 17):
            with self.subTest(code=STATUS_BY_NUMBER[number].name):
                message = "failed with %d: ünïcödé 100%%" % number
                error = self.call_failing_with(number, message)
                self.assertEqual(error.code(), STATUS_BY_NUMBER[number])
                self.assertEqual(error.details(), message)

    def test_status_messages_survive_percent_encoding(self):
        for message in AWKWARD_MESSAGES:
            with self.subTest(message=message):
                error = self.call_failing_with(grpc.StatusCode.FAILED_PRECONDITION.value[0], message)
                self.assertEqual(error.code(), grpc.StatusCode.FAILED_PRECONDITION)
                self.assertEqual(error.details(), message)

    def test_long_status_message_arrives_whole(self):
        # About 4.5 KB once percent-encoded: under the 8 KiB header-list limit C-core enforces by default.
        message = "é%" * 500
        error = self.call_failing_with(grpc.StatusCode.INVALID_ARGUMENT.value[0], message)
        self.assertEqual(error.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual(error.details(), message)

    def test_status_ok_echoes_message_and_payload(self):
        request = self.echo_request(message="hello ✓ 100%", payload=bytes(range(256)))
        response, call = self.echo.echo.with_call(request, timeout=CALL_TIMEOUT)
        self.assertEqual(response.message, "hello ✓ 100%")
        self.assertEqual(response.payload, bytes(range(256)))
        self.assertEqual(call.code(), grpc.StatusCode.OK)

    def test_errors_carry_trailing_metadata_with_the_call(self):
        request = self.echo_request(status_code=grpc.StatusCode.NOT_FOUND.value[0], status_message="gone")
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.echo.with_call(
                request, timeout=CALL_TIMEOUT, metadata=(("x-trailer-reason", "missing"),)
            )
        error = raised.exception
        self.assertEqual(error.code(), grpc.StatusCode.NOT_FOUND)
        self.assertIn(("x-trailer-reason", "missing"), tuple(error.trailing_metadata()))
