"""Server streaming, client streaming and interleaved bidirectional streaming."""

import queue

import grpc

from conformance_case import CALL_TIMEOUT, ChannelTestCase


class StreamingTests(ChannelTestCase):
    def stream_request(self, **fields):
        return self.messages.echo_pb2.StreamRequest(**fields)

    def test_server_stream_sends_count_messages_with_their_payload_size(self):
        responses = list(self.echo.server_stream(self.stream_request(count=25, payload_size=100), timeout=CALL_TIMEOUT))
        self.assertEqual(len(responses), 25)
        self.assertTrue(all(len(r.payload) == 100 for r in responses))

    def test_server_stream_of_zero_messages_ends_ok(self):
        call = self.echo.server_stream(self.stream_request(count=0), timeout=CALL_TIMEOUT)
        self.assertEqual(list(call), [])
        self.assertEqual(call.code(), grpc.StatusCode.OK)

    def test_server_stream_messages_arrive_before_the_stream_ends(self):
        call = self.echo.server_stream(self.stream_request(count=3, payload_size=1, interval_ms=300), timeout=CALL_TIMEOUT)
        next(call)
        self.assertTrue(call.is_active())
        self.assertEqual(len(list(call)), 2)

    def test_failure_after_n_messages_delivers_them_then_the_status(self):
        call = self.echo.server_stream(
            self.stream_request(count=10, payload_size=8, fail_after=3, status_code=9, status_message="stopped ✗ 30%"),
            timeout=CALL_TIMEOUT,
        )
        received = []
        with self.assertRaises(grpc.RpcError) as raised:
            for response in call:
                received.append(response)
        self.assertEqual(len(received), 3)
        self.assertTrue(all(len(r.payload) == 8 for r in received))
        self.assertEqual(raised.exception.code(), grpc.StatusCode.FAILED_PRECONDITION)
        self.assertEqual(raised.exception.details(), "stopped ✗ 30%")

    def test_large_server_stream(self):
        total = 0
        for response in self.echo.server_stream(self.stream_request(count=200, payload_size=64 * 1024), timeout=CALL_TIMEOUT):
            total += len(response.payload)
        self.assertEqual(total, 200 * 64 * 1024)

    def test_client_stream_joins_the_messages_and_counts_them(self):
        requests = [self.echo_request(message=m) for m in ["alpha", "béta", "γ", "100%"]]
        response = self.echo.client_stream(iter(requests), timeout=CALL_TIMEOUT)
        self.assertEqual(response.message, "alpha,béta,γ,100%")
        self.assertEqual(response.count, 4)

    def test_client_stream_of_zero_messages(self):
        response = self.echo.client_stream(iter([]), timeout=CALL_TIMEOUT)
        self.assertEqual(response.message, "")
        self.assertEqual(response.count, 0)

    def test_client_stream_of_many_messages(self):
        requests = (self.echo_request(message=str(i), payload=b"x" * 1000) for i in range(2000))
        response = self.echo.client_stream(requests, timeout=CALL_TIMEOUT)
        self.assertEqual(response.count, 2000)
        self.assertEqual(response.message.split(","), [str(i) for i in range(2000)])

    def test_bidi_answers_each_message_before_the_next_is_sent(self):
        outgoing = queue.Queue()

        def requests():
            while True:
                request = outgoing.get()
                if request is None:
                    return
                yield request

        responses = self.echo.bidi(requests(), timeout=CALL_TIMEOUT)
        try:
            for i in range(20):
                outgoing.put(self.echo_request(message="ping %d" % i, payload=bytes([i])))
                response = next(responses)
                self.assertEqual(response.message, "ping %d" % i)
                self.assertEqual(response.payload, bytes([i]))
        finally:
            outgoing.put(None)
        self.assertEqual(list(responses), [])
        self.assertEqual(responses.code(), grpc.StatusCode.OK)

    def test_bidi_with_no_messages_ends_ok(self):
        responses = self.echo.bidi(iter([]), timeout=CALL_TIMEOUT)
        self.assertEqual(list(responses), [])
        self.assertEqual(responses.code(), grpc.StatusCode.OK)
