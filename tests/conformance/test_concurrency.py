"""Many concurrent calls multiplexed on one channel (one HTTP/2 connection)."""

import concurrent.futures

import grpc

from conformance_case import CALL_TIMEOUT, ChannelTestCase


class ConcurrencyTests(ChannelTestCase):
    def test_five_hundred_concurrent_unary_calls_each_get_their_own_answer(self):
        futures = [
            self.echo.echo.future(self.echo_request(message="call %d" % i, delay_ms=i % 50), timeout=CALL_TIMEOUT)
            for i in range(500)
        ]
        self.assertEqual([f.result().message for f in futures], ["call %d" % i for i in range(500)])

    def test_concurrent_lookups_return_the_dictionary_values(self):
        lookup_request = self.messages.echo_pb2.LookupRequest
        futures = [self.echo.lookup.future(lookup_request(key="key:%d" % i), timeout=CALL_TIMEOUT) for i in range(1000)]
        self.assertEqual([f.result().value for f in futures], ["value:%d" % i for i in range(1000)])

    def test_lookup_of_a_missing_key_is_not_found(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.echo.lookup(self.messages.echo_pb2.LookupRequest(key="key:1000"), timeout=CALL_TIMEOUT)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_mixed_streams_and_unary_calls_in_parallel_threads(self):
        stream_request = self.messages.echo_pb2.StreamRequest(count=50, payload_size=1000, interval_ms=1)

        def stream_total(_):
            return sum(len(r.payload) for r in self.echo.server_stream(stream_request, timeout=CALL_TIMEOUT))

        def bidi_messages(n):
            requests = [self.echo_request(message="%d-%d" % (n, i)) for i in range(30)]
            return [r.message for r in self.echo.bidi(iter(requests), timeout=CALL_TIMEOUT)]

        def failing_status(n):
            request = self.echo_request(status_code=1 + n % 16, status_message="m%d" % n)
            try:
                self.echo.echo(request, timeout=CALL_TIMEOUT)
            except grpc.RpcError as error:
                return error.code().value[0], error.details()
            return None

        with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
            totals = list(pool.map(stream_total, range(16)))
            bidis = list(pool.map(bidi_messages, range(16)))
            failures = list(pool.map(failing_status, range(64)))
        self.assertEqual(totals, [50 * 1000] * 16)
        self.assertEqual(bidis, [["%d-%d" % (n, i) for i in range(30)] for n in range(16)])
        self.assertEqual(failures, [(1 + n % 16, "m%d" % n) for n in range(64)])
