using Grpc.Health.V1;
using ProfileHub.Grpc;
using ProfileHub.Grpc.Client;

namespace ProfileHub.Bench.Load;

/// <summary>Call helpers shared by the commands.</summary>
internal static class Calls
{
    private static readonly Method<HealthCheckRequest, HealthCheckResponse> HealthCheck =
        Method<HealthCheckRequest, HealthCheckResponse>.Create(HealthReflection.Descriptor.Services.Single(s => s.Name == "Health"), "Check");

    public static CallOptions Within(TimeSpan timeout) => new(Deadline: DateTime.UtcNow + timeout);

    /// <summary>Waits until grpc.health.v1 reports SERVING; false when <paramref name="limit"/> passes first.</summary>
    public static async Task<bool> WaitUntilServingAsync(GrpcChannel channel, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            try
            {
                var health = await channel.UnaryAsync(HealthCheck, new HealthCheckRequest(), Within(TimeSpan.FromSeconds(2))).ConfigureAwait(false);
                if (health.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return true;
                }
            }
            catch (RpcException)
            {
                // Not listening yet (UNAVAILABLE) or still starting: try again shortly.
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return false;
    }
}
