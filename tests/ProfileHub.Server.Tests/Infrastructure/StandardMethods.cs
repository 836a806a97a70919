using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Server.Tests.Infrastructure;

/// <summary>The standard gRPC services every ProfileHub host exposes, as callable methods.</summary>
public static class StandardMethods
{
    public static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Check");

    public static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthWatch =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services[0], "Watch");

    public static readonly Method<ServerReflectionRequest, ServerReflectionResponse> ReflectionInfo =
        Method<ServerReflectionRequest, ServerReflectionResponse>.Create(ReflectionReflection.Descriptor.Services[0], "ServerReflectionInfo");
}
