"""grpc.health.v1.Health Check and Watch, driven by the official C-core client."""

import grpc

from conformance_case import CALL_TIMEOUT, ChannelTestCase
from stubs import ECHO_SERVICE, HealthStub


class HealthTests(ChannelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.health = HealthStub(cls.channel)
        cls.health_pb2 = cls.messages.health_pb2

    def check(self, service):
        request = self.health_pb2.HealthCheckRequest(service=service)
        return self.health.check(request, timeout=CALL_TIMEOUT)

    def test_overall_server_health_is_serving(self):
        response = self.check("")
        self.assertEqual(response.status, self.health_pb2.HealthCheckResponse.SERVING)

    def test_echo_service_health_is_serving(self):
        response = self.check(ECHO_SERVICE)
        self.assertEqual(response.status, self.health_pb2.HealthCheckResponse.SERVING)

    def test_check_of_unknown_service_is_not_found(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.check("no.such.Service")
        self.assertEqual(raised.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_watch_sends_serving_first(self):
        request = self.health_pb2.HealthCheckRequest(service="")
        updates = self.health.watch(request, timeout=CALL_TIMEOUT)
        try:
            first = next(updates)
            self.assertEqual(first.status, self.health_pb2.HealthCheckResponse.SERVING)
        finally:
            updates.cancel()

    def test_watch_of_named_service_sends_serving_first(self):
        request = self.health_pb2.HealthCheckRequest(service=ECHO_SERVICE)
        updates = self.health.watch(request, timeout=CALL_TIMEOUT)
        try:
            first = next(updates)
            self.assertEqual(first.status, self.health_pb2.HealthCheckResponse.SERVING)
        finally:
            updates.cancel()

    def test_watch_of_unknown_service_reports_service_unknown_and_stays_open(self):
        # The health protocol says Watch must not fail for an unknown service: it reports
        # SERVICE_UNKNOWN and keeps the stream open for a later registration.
        request = self.health_pb2.HealthCheckRequest(service="no.such.Service")
        updates = self.health.watch(request, timeout=CALL_TIMEOUT)
        try:
            first = next(updates)
            self.assertEqual(first.status, self.health_pb2.HealthCheckResponse.SERVICE_UNKNOWN)
            self.assertTrue(updates.is_active())
        finally:
            updates.cancel()
