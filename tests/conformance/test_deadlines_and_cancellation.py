"""grpc-timeout deadlines and client cancellation."""

import tempfile
import time

import grpc

import raw_http2
from conformance_case import CALL_TIMEOUT, ChannelTestCase
from stubs import ECHO_SERVICE


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

    def test_server_enforces_grpc_timeout_itself(self):
        # C-core ends a call locally at its deadline, so send grpc-timeout raw to see the server's
        # own answer: DEADLINE_EXCEEDED on every one of many concurrent streams (a race between the
        # deadline and the handler's cancelled token must never turn into another status).
        with tempfile.TemporaryDirectory(prefix="profilehub-conformance-h2-") as work_dir:
            body = raw_http2.frame(self.echo_request(message="slow", delay_ms=3000).SerializeToString())
            statuses = []
            for timeout in ("100m", "200m", "300m", "200000u"):
                headers = [("content-type", "application/grpc"), ("te", "trailers"), ("grpc-timeout", timeout)]
                started = time.monotonic()
                responses = raw_http2.post_concurrently(
                    self.server.target, "/" + ECHO_SERVICE + "/Echo", body, headers, work_dir, 50
                )
                self.assertLess(time.monotonic() - started, 2.9, "calls with grpc-timeout %s" % timeout)
                self.assertEqual(len(responses), 50)
                statuses += [(timeout, (r.trailers or r.headers).get("grpc-status")) for r in responses]
        deadline_exceeded = str(grpc.StatusCode.DEADLINE_EXCEEDED.value[0])
        self.assertEqual([s for s in statuses if s[1] != deadline_exceeded], [], "(grpc-timeout, grpc-status) of calls past their deadline")
        self.assert_still_serving()

    def test_call_within_its_deadline_succeeds(self):
        response = self.echo.echo(self.echo_request(message="quick", delay_ms=50), timeout=5.0)
        self.assertEqual(response.message, "quick")

    def test_server_stream_past_its_deadline_keeps_the_messages_already_sent(self):
        stream_request = self.messages.echo_pb2.StreamRequest(count=100, payload_size=1, interval_ms=100)
        received = 0
        with self.assertRaises(grpc.RpcError) as raised:
            for _ in self.echo.server_stream(stream_request, timeout=1.0):
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
