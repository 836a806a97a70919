"""grpc-timeout deadlines and client cancellation."""

import time

import grpc

from conformance_case import CALL_TIMEOUT, ChannelTestCase


class DeadlineAndCancellationTests(ChannelTestCase):
    def assert_still_serving(self):
        response = self.echo.echo(self.echo_request(message="still here"), timeout=CALL_TIMEOUT)
        self.assertEqual(response.message, "still here")

    def test_call_past_its_deadline_fails_with_deadline_exceeded(self):
        started = time.monotonic()
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.echo(self.echo_request(message="slow", delay_ms=2000), timeout=0.2)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertLess(time.monotonic() - started, 1.5)
        self.assert_still_serving()

    def test_call_within_its_deadline_succeeds(self):
        response = self.echo.echo(self.echo_request(message="quick", delay_ms=50), timeout=5.0)
        self.assertEqual(response.message, "quick")

    def test_server_stream_past_its_deadline_keeps_the_messages_already_sent(self):
        stream_request = self.messages.echo_pb2.StreamRequest(count=100, payload_size=1, interval_ms=100)
        received = 0
        with self.assertRaises(grpc.RpcError) as raised:
            for _ in self.echo.server_stream(stream_request, timeout=0.5):
                received += 1
        self.assertEqual(raised.exception.code(), grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertGreater(received, 0)
        self.assertLess(received, 100)

    def test_cancelled_future_reports_cancelled_and_server_keeps_serving(self):
        future = self.echo.echo.future(self.echo_request(message="slow", delay_ms=5000), timeout=CALL_TIMEOUT)
        time.sleep(0.3)
        self.assertTrue(future.cancel())
        self.assertTrue(future.cancelled())
        self.assertEqual(future.code(), grpc.StatusCode.CANCELLED)
        with self.assertRaises(grpc.FutureCancelledError):
            future.result()
        self.assert_still_serving()

    def test_cancelled_server_stream_stops_and_server_keeps_serving(self):
        stream_request = self.messages.echo_pb2.StreamRequest(count=1000, payload_size=10, interval_ms=20)
        responses = self.echo.server_stream(stream_request, timeout=CALL_TIMEOUT)
        next(responses)
        responses.cancel()
        with self.assertRaises(grpc.RpcError) as raised:
            for _ in responses:
                pass
        self.assertEqual(raised.exception.code(), grpc.StatusCode.CANCELLED)
        self.assert_still_serving()

    def test_many_cancellations_leave_the_server_healthy(self):
        futures = [
            self.echo.echo.future(self.echo_request(delay_ms=5000), timeout=CALL_TIMEOUT)
            for _ in range(50)
        ]
        time.sleep(0.3)
        for future in futures:
            future.cancel()
        self.assertTrue(all(f.code() == grpc.StatusCode.CANCELLED for f in futures))
        self.assert_still_serving()
