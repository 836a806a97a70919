"""grpc.reflection.v1alpha.ServerReflection, driven by the official C-core client."""

from google.protobuf import descriptor_pb2, descriptor_pool

import grpc

from conformance_case import CALL_TIMEOUT, ChannelTestCase
from stubs import ECHO_SERVICE, HEALTH_SERVICE, REFLECTION_SERVICE, ReflectionStub


class ReflectionTests(ChannelTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reflection = ReflectionStub(cls.channel)
        cls.reflection_pb2 = cls.messages.reflection_pb2

    def ask(self, *requests):
        """Sends every request on one reflection stream and returns the responses in order."""
        responses = list(self.reflection.server_reflection_info(iter(requests), timeout=CALL_TIMEOUT))
        self.assertEqual(len(responses), len(requests))
        for request, response in zip(requests, responses):
            self.assertEqual(response.original_request, request)
        return responses

    def request(self, **fields):
        return self.reflection_pb2.ServerReflectionRequest(**fields)

    def files_of(self, response):
        self.assertEqual(
            response.WhichOneof("message_response"),
            "file_descriptor_response",
            "expected files, got %s" % response,
        )
        return [
            descriptor_pb2.FileDescriptorProto.FromString(raw)
            for raw in response.file_descriptor_response.file_descriptor_proto
        ]

    def pool_from(self, files):
        """Adds the files to a fresh pool in dependency order, failing when a dependency is absent."""
        by_name = {f.name: f for f in files}
        pool = descriptor_pool.DescriptorPool()
        added = set()

        def add(name, chain):
            if name in added:
                return
            self.assertIn(name, by_name, "dependency %s of %s was not returned" % (name, chain))
            for dependency in by_name[name].dependency:
                add(dependency, chain + [name])
            pool.Add(by_name[name])
            added.add(name)

        for name in by_name:
            add(name, [])
        return pool

    def test_list_services_names_echo_health_and_reflection(self):
        (response,) = self.ask(self.request(list_services=""))
        names = {service.name for service in response.list_services_response.service}
        self.assertTrue({ECHO_SERVICE, HEALTH_SERVICE, REFLECTION_SERVICE} <= names, names)

    def test_file_containing_the_service_describes_its_methods(self):
        (response,) = self.ask(self.request(file_containing_symbol=ECHO_SERVICE))
        pool = self.pool_from(self.files_of(response))
        service = pool.FindServiceByName(ECHO_SERVICE)
        self.assertEqual(
            {m.name for m in service.methods},
            {"Echo", "ServerStream", "ClientStream", "Bidi", "Lookup"},
        )
        bidi = service.FindMethodByName("Bidi")
        self.assertEqual(bidi.input_type.full_name, "profilehub.testing.v1.EchoRequest")
        self.assertEqual(bidi.output_type.full_name, "profilehub.testing.v1.EchoResponse")

    def test_file_containing_a_message_describes_its_fields(self):
        (response,) = self.ask(self.request(file_containing_symbol="profilehub.testing.v1.EchoRequest"))
        pool = self.pool_from(self.files_of(response))
        message = pool.FindMessageTypeByName("profilehub.testing.v1.EchoRequest")
        self.assertEqual(message.fields_by_name["status_code"].number, 3)
        self.assertEqual(message.fields_by_name["payload"].type, message.fields_by_name["payload"].TYPE_BYTES)

    def test_file_containing_a_method_is_the_services_file(self):
        (by_method, by_service) = self.ask(
            self.request(file_containing_symbol=ECHO_SERVICE + ".Echo"),
            self.request(file_containing_symbol=ECHO_SERVICE),
        )
        self.assertEqual(self.files_of(by_method)[0].name, self.files_of(by_service)[0].name)
        pool = self.pool_from(self.files_of(by_method))
        method = pool.FindMethodByName(ECHO_SERVICE + ".Echo")
        self.assertEqual(method.output_type.full_name, "profilehub.testing.v1.EchoResponse")

    def test_file_by_filename_returns_that_file_first(self):
        (by_symbol,) = self.ask(self.request(file_containing_symbol=ECHO_SERVICE))
        filename = self.files_of(by_symbol)[0].name
        (by_name,) = self.ask(self.request(file_by_filename=filename))
        files = self.files_of(by_name)
        self.assertEqual(files[0].name, filename)
        self.assertEqual(files[0].package, "profilehub.testing.v1")
        self.pool_from(files)

    def test_standard_services_are_described_too(self):
        health, reflection = self.ask(
            self.request(file_containing_symbol=HEALTH_SERVICE),
            self.request(file_containing_symbol=REFLECTION_SERVICE),
        )
        health_pool = self.pool_from(self.files_of(health))
        check = health_pool.FindMethodByName(HEALTH_SERVICE + ".Check")
        self.assertEqual(check.input_type.full_name, "grpc.health.v1.HealthCheckRequest")
        reflection_pool = self.pool_from(self.files_of(reflection))
        info = reflection_pool.FindMethodByName(REFLECTION_SERVICE + ".ServerReflectionInfo")
        self.assertTrue(info.client_streaming and info.server_streaming)

    def test_every_returned_file_comes_with_its_transitive_dependencies(self):
        (services,) = self.ask(self.request(list_services=""))
        for service in services.list_services_response.service:
            with self.subTest(service=service.name):
                (response,) = self.ask(self.request(file_containing_symbol=service.name))
                pool = self.pool_from(self.files_of(response))
                self.assertEqual(pool.FindServiceByName(service.name).full_name, service.name)

    def test_unknown_symbol_is_an_error_response_not_found(self):
        (response,) = self.ask(self.request(file_containing_symbol="no.such.Symbol"))
        self.assertEqual(response.WhichOneof("message_response"), "error_response")
        self.assertEqual(response.error_response.error_code, grpc.StatusCode.NOT_FOUND.value[0])

    def test_unknown_filename_is_an_error_response_not_found(self):
        (response,) = self.ask(self.request(file_by_filename="no/such/file.proto"))
        self.assertEqual(response.WhichOneof("message_response"), "error_response")
        self.assertEqual(response.error_response.error_code, grpc.StatusCode.NOT_FOUND.value[0])

    def test_error_does_not_end_the_stream(self):
        missing, services = self.ask(
            self.request(file_containing_symbol="no.such.Symbol"),
            self.request(list_services=""),
        )
        self.assertEqual(missing.WhichOneof("message_response"), "error_response")
        self.assertEqual(services.WhichOneof("message_response"), "list_services_response")
