"""Conformance of the real ProfileHub server (not the TestHost) with Python's C-core gRPC client.

Starts the Release build of src/ProfileHub.Server on a free loopback port with a SQLite file in a
temporary directory, compiles protos/profilehub/v1/*.proto with protoc, and drives health,
reflection, unary, client-streaming and server-streaming calls through grpcio. test.sh builds the
solution in Release before the suite runs.
"""

import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid

import grpc
from google.protobuf import descriptor_pb2

import generated_messages
from generated_messages import REPO_ROOT
from stubs import HealthStub, ReflectionStub

SERVER_DLL = os.path.join(REPO_ROOT, "src", "ProfileHub.Server", "bin", "Release", "net10.0", "ProfileHub.Server.dll")
PROTO_DIR = os.path.join(REPO_ROOT, "protos")
START_TIMEOUT_SECONDS = float(os.environ.get("PROFILEHUB_SERVER_START_TIMEOUT", "90"))
CALL_TIMEOUT = 15.0
SERVICES = ("profilehub.v1.IngestService", "profilehub.v1.ProfileService", "profilehub.v1.AnalyticsService")


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _compile_protos(output_dir):
    protos = sorted(
        os.path.join("profilehub", "v1", name)
        for name in os.listdir(os.path.join(PROTO_DIR, "profilehub", "v1"))
        if name.endswith(".proto")
    )
    os.makedirs(output_dir, exist_ok=True)
    subprocess.run(["protoc", "-I", PROTO_DIR, "--python_out=" + output_dir] + protos, check=True, timeout=60)
    # The generated modules import each other as profilehub.v1.*: a package name nothing else uses.
    sys.path.insert(0, output_dir)
    try:
        return (
            importlib.import_module("profilehub.v1.ingest_pb2"),
            importlib.import_module("profilehub.v1.profile_pb2"),
            importlib.import_module("profilehub.v1.common_pb2"),
        )
    finally:
        sys.path.remove(output_dir)


class ProfileHubServerProcess:
    """The server binary on a free port; `target` is host:port for grpc.insecure_channel."""

    def __init__(self, directory):
        self.port = _free_port()
        self.target = "127.0.0.1:%d" % self.port
        self.args = [
            "dotnet", SERVER_DLL,
            "--urls", "http://" + self.target,
            "--environment", "Development",
            "--ProfileHub:Storage:ConnectionString=Data Source=%s" % os.path.join(directory, "ph.db"),
            "--ProfileHub:Metrics:Port=0",
            "--ProfileHub:Auth:Mode=none",
        ]
        self._directory = directory
        self._output = []
        self._process = None

    def start(self):
        env = dict(os.environ)
        for name in ("ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"):
            env.pop(name, None)
        self._process = subprocess.Popen(
            self.args, cwd=self._directory, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        # Drained for the server's whole life so a full pipe never blocks it.
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for raw in self._process.stdout:
            self._output.append(raw.decode("utf-8", "replace").rstrip())
            del self._output[:-300]

    def wait_until_serving(self, health_stub, health_pb2):
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("server exited with %s: %s" % (self._process.returncode, self.output()))
            try:
                reply = health_stub.check(health_pb2.HealthCheckRequest(service=""), timeout=1.0)
                if reply.status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            time.sleep(0.2)
        raise RuntimeError("server not SERVING within %ss: %s" % (START_TIMEOUT_SECONDS, self.output()))

    def stop(self):
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(15)

    def output(self):
        return "\n".join(self._output[-60:])


class ProfileHubServerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not os.path.isfile(SERVER_DLL):
            raise RuntimeError("missing %s: build src/ProfileHub.Server in Release first (test.sh does)" % SERVER_DLL)
        cls.directory = tempfile.mkdtemp(prefix="profilehub-conformance-server-")
        cls.ingest_pb2, cls.profile_pb2, cls.common_pb2 = _compile_protos(os.path.join(cls.directory, "protos"))
        cls.standard = generated_messages.load()
        cls.server = ProfileHubServerProcess(cls.directory)
        cls.server.start()
        try:
            cls.channel = grpc.insecure_channel(cls.server.target)
            cls.health = HealthStub(cls.channel)
            cls.server.wait_until_serving(cls.health, cls.standard.health_pb2)
        except Exception:
            cls.server.stop()
            shutil.rmtree(cls.directory, True)
            raise
        cls.reflection = ReflectionStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.server.stop()
        shutil.rmtree(cls.directory, True)
        super().tearDownClass()

    # -- helpers -----------------------------------------------------------------------------

    def unary(self, service, method, request, response_type, **kwargs):
        call = self.channel.unary_unary(
            "/profilehub.v1.%s/%s" % (service, method),
            request_serializer=lambda message: message.SerializeToString(),
            response_deserializer=response_type.FromString,
        )
        return call(request, timeout=kwargs.pop("timeout", CALL_TIMEOUT), **kwargs)

    def ingest(self, *records):
        return self.unary("IngestService", "Ingest", self.ingest_pb2.IngestRequest(records=records), self.ingest_pb2.IngestResponse)

    def record(self, event, *identifiers):
        record = self.ingest_pb2.Record(source="web", record_id=uuid.uuid4().hex, event=event)
        record.occurred_at.GetCurrentTime()
        for kind, value in identifiers:
            record.identifiers.add(type=kind, value=value)
        return record

    def lookup_identifier(self, kind, value):
        return self.common_pb2.ProfileLookup(identifier=self.common_pb2.Identifier(type=kind, value=value))

    def reflect(self, **request_fields):
        request = self.standard.reflection_pb2.ServerReflectionRequest(**request_fields)
        (response,) = list(self.reflection.server_reflection_info(iter([request]), timeout=CALL_TIMEOUT))
        return response

    # -- health and reflection ---------------------------------------------------------------

    def test_health_reports_the_server_and_the_profile_service_serving(self):
        health_pb2 = self.standard.health_pb2
        for service in ("", "profilehub.v1.ProfileService"):
            reply = self.health.check(health_pb2.HealthCheckRequest(service=service), timeout=CALL_TIMEOUT)
            self.assertEqual(reply.status, health_pb2.HealthCheckResponse.SERVING, service)

    def test_reflection_lists_every_profilehub_service(self):
        response = self.reflect(list_services="")
        names = {service.name for service in response.list_services_response.service}
        for service in SERVICES:
            self.assertIn(service, names)

    def test_reflection_returns_the_profile_service_file_with_its_transitive_dependencies(self):
        response = self.reflect(file_containing_symbol="profilehub.v1.ProfileService")
        files = [
            descriptor_pb2.FileDescriptorProto.FromString(raw)
            for raw in response.file_descriptor_response.file_descriptor_proto
        ]
        names = {descriptor.name for descriptor in files}
        self.assertIn("profilehub/v1/profile.proto", names)
        self.assertIn("profilehub/v1/common.proto", names)
        self.assertIn("google/protobuf/timestamp.proto", names)
        profile_file = next(f for f in files if f.name == "profilehub/v1/profile.proto")
        self.assertIn("ProfileService", [service.name for service in profile_file.service])

    # -- unary calls -------------------------------------------------------------------------

    def test_ingest_answers_created_and_rejected_with_the_field_path(self):
        good = self.record("page_viewed", ("email", "grace.%s@example.com" % uuid.uuid4().hex[:8]))
        bad = self.record("page_viewed", ("emial", "x@example.com"))
        response = self.ingest(good, bad)
        outcome = self.ingest_pb2.IngestOutcome
        self.assertEqual([result.outcome for result in response.results], [outcome.INGEST_OUTCOME_CREATED, outcome.INGEST_OUTCOME_REJECTED])
        self.assertTrue(response.results[0].profile_id)
        self.assertTrue(response.results[1].error.startswith("records[1].identifiers[0].type"), response.results[1].error)
        self.assertIn("emial", response.results[1].error)
        self.assertEqual((response.created, response.rejected), (1, 1))

    def test_journey_stage_is_found_by_an_email_in_another_case(self):
        local = "ada.%s" % uuid.uuid4().hex[:8]
        created = self.ingest(self.record("product_viewed", ("email", "%s@Example.com" % local.capitalize())))
        profile_id = created.results[0].profile_id
        request = self.profile_pb2.GetJourneyStageRequest(lookup=self.lookup_identifier("email", "%s@EXAMPLE.COM" % local.upper()))
        stage = self.unary("ProfileService", "GetJourneyStage", request, self.profile_pb2.JourneyStageResponse)
        self.assertEqual(stage.profile_id, profile_id)
        self.assertEqual(stage.stage, "consideration")
        self.assertGreater(stage.stage_order, 0)

    def test_an_unknown_identifier_is_not_found_with_a_detail(self):
        request = self.profile_pb2.GetJourneyStageRequest(lookup=self.lookup_identifier("email", "nobody-%s@example.com" % uuid.uuid4().hex))
        with self.assertRaises(grpc.RpcError) as raised:
            self.unary("ProfileService", "GetJourneyStage", request, self.profile_pb2.JourneyStageResponse)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.NOT_FOUND)
        self.assertTrue(raised.exception.details())

    def test_an_invalid_lookup_is_invalid_argument_naming_the_field(self):
        request = self.profile_pb2.GetJourneyStageRequest(lookup=self.lookup_identifier("emial", "x@example.com"))
        with self.assertRaises(grpc.RpcError) as raised:
            self.unary("ProfileService", "GetJourneyStage", request, self.profile_pb2.JourneyStageResponse)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("lookup", raised.exception.details())

    def test_a_lookup_without_a_key_is_invalid_argument(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.unary("ProfileService", "GetJourneyStage", self.profile_pb2.GetJourneyStageRequest(), self.profile_pb2.JourneyStageResponse)
        self.assertEqual(raised.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("lookup", raised.exception.details())

    # -- streaming calls ---------------------------------------------------------------------

    def test_ingest_stream_sums_the_results_of_every_request(self):
        call = self.channel.stream_unary(
            "/profilehub.v1.IngestService/IngestStream",
            request_serializer=lambda message: message.SerializeToString(),
            response_deserializer=self.ingest_pb2.IngestResponse.FromString,
        )
        requests = [
            self.ingest_pb2.IngestRequest(records=[self.record("page_viewed", ("device_id", "dev-%s" % uuid.uuid4().hex))])
            for _ in range(3)
        ]
        response = call(iter(requests), timeout=CALL_TIMEOUT)
        self.assertEqual(response.created, 3)
        self.assertEqual(len(response.results), 3)

    def watch(self, request, timeout):
        call = self.channel.unary_stream(
            "/profilehub.v1.ProfileService/WatchStageChanges",
            request_serializer=lambda message: message.SerializeToString(),
            response_deserializer=self.profile_pb2.StageChangeEvent.FromString,
        )
        return call(request, timeout=timeout)

    def test_a_live_watch_receives_the_stage_change_of_a_new_record(self):
        stream = self.watch(self.profile_pb2.WatchStageChangesRequest(cursor="", heartbeat_seconds=1), timeout=30)
        try:
            first = next(stream)
            self.assertTrue(first.heartbeat, "a live-only watch starts with a heartbeat")
            self.assertTrue(first.cursor)
            created = self.ingest(self.record("cart_added", ("device_id", "watch-%s" % uuid.uuid4().hex)))
            profile_id = created.results[0].profile_id
            change = None
            for event in stream:
                if not event.heartbeat and event.change.profile_id == profile_id:
                    change = event
                    break
            self.assertIsNotNone(change)
            self.assertEqual(change.change.type, self.profile_pb2.CHANGE_TYPE_STAGE_CHANGED)
            self.assertEqual(change.change.to_stage, "decision")
            self.assertTrue(change.cursor)
        finally:
            stream.cancel()

    def test_a_watch_ends_with_deadline_exceeded_at_its_deadline(self):
        stream = self.watch(self.profile_pb2.WatchStageChangesRequest(heartbeat_seconds=1), timeout=1.5)
        started = time.monotonic()
        with self.assertRaises(grpc.RpcError) as raised:
            for _ in stream:
                pass
        self.assertEqual(raised.exception.code(), grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertLess(time.monotonic() - started, 10)


if __name__ == "__main__":
    unittest.main()
