"""Client-side method callables built with grpc's generic API (no grpc_tools code generation)."""

import generated_messages

ECHO_SERVICE = "profilehub.testing.v1.EchoService"
HEALTH_SERVICE = "grpc.health.v1.Health"
REFLECTION_SERVICE = "grpc.reflection.v1alpha.ServerReflection"


def _serializer(message):
    return message.SerializeToString()


class EchoStub:
    """profilehub.testing.v1.EchoService, as in tests/ProfileHub.Grpc.TestHost/echo.proto."""

    def __init__(self, channel):
        echo_pb2 = generated_messages.load().echo_pb2
        prefix = "/" + ECHO_SERVICE + "/"
        self.echo = channel.unary_unary(
            prefix + "Echo",
            request_serializer=_serializer,
            response_deserializer=echo_pb2.EchoResponse.FromString,
        )
        self.server_stream = channel.unary_stream(
            prefix + "ServerStream",
            request_serializer=_serializer,
            response_deserializer=echo_pb2.EchoResponse.FromString,
        )
        self.client_stream = channel.stream_unary(
            prefix + "ClientStream",
            request_serializer=_serializer,
            response_deserializer=echo_pb2.EchoResponse.FromString,
        )
        self.bidi = channel.stream_stream(
            prefix + "Bidi",
            request_serializer=_serializer,
            response_deserializer=echo_pb2.EchoResponse.FromString,
        )
        self.lookup = channel.unary_unary(
            prefix + "Lookup",
            request_serializer=_serializer,
            response_deserializer=echo_pb2.LookupResponse.FromString,
        )


class HealthStub:
    """grpc.health.v1.Health."""

    def __init__(self, channel):
        health_pb2 = generated_messages.load().health_pb2
        prefix = "/" + HEALTH_SERVICE + "/"
        self.check = channel.unary_unary(
            prefix + "Check",
            request_serializer=_serializer,
            response_deserializer=health_pb2.HealthCheckResponse.FromString,
        )
        self.watch = channel.unary_stream(
            prefix + "Watch",
            request_serializer=_serializer,
            response_deserializer=health_pb2.HealthCheckResponse.FromString,
        )


class ReflectionStub:
    """grpc.reflection.v1alpha.ServerReflection."""

    def __init__(self, channel):
        reflection_pb2 = generated_messages.load().reflection_pb2
        self.server_reflection_info = channel.stream_stream(
            "/" + REFLECTION_SERVICE + "/ServerReflectionInfo",
            request_serializer=_serializer,
            response_deserializer=reflection_pb2.ServerReflectionResponse.FromString,
        )
