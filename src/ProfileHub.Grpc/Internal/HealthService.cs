using Grpc.Health.V1;

namespace ProfileHub.Grpc.Internal;

/// <summary>grpc.health.v1.Health over <see cref="GrpcHealthStatus"/>.</summary>
internal sealed class HealthService(GrpcHealthStatus health)
{
    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        var status = health.GetStatus(request.Service)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"Unknown service '{request.Service}'."));
        return Task.FromResult(new HealthCheckResponse { Status = ToProto(status) });
    }

    public async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        using var watch = health.Watch(request.Service);
        HealthCheckResponse.Types.ServingStatus? last = null;
        // The subscription completes on shutdown (after NOT_SERVING), ending the call with OK.
        await foreach (var status in watch.Updates.ReadAllAsync(context.CancellationToken))
        {
            var proto = ToProto(status);
            if (proto != last)
            {
                await responseStream.WriteAsync(new HealthCheckResponse { Status = proto }, context.CancellationToken);
                last = proto;
            }
        }
    }

    private static HealthCheckResponse.Types.ServingStatus ToProto(HealthStatus status) => status switch
    {
        HealthStatus.Serving => HealthCheckResponse.Types.ServingStatus.Serving,
        HealthStatus.NotServing => HealthCheckResponse.Types.ServingStatus.NotServing,
        HealthStatus.ServiceUnknown => HealthCheckResponse.Types.ServingStatus.ServiceUnknown,
        _ => HealthCheckResponse.Types.ServingStatus.Unknown,
    };
}
