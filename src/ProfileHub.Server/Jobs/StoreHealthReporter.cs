using ProfileHub.Grpc;
using ProfileHub.Storage;

namespace ProfileHub.Server.Jobs;

/// <summary>
/// Reports a store that refuses writes (a write could not be made durable) in grpc.health.v1:
/// the services that write (ingest, admin) and <see cref="ServiceName"/> go NOT_SERVING, so
/// monitoring and ingest clients see it without sending a batch. The whole server ("") stays
/// SERVING: lookups, profiles and the change feed still answer, and only a restart (after the
/// volume is fixed) restores writes.
/// </summary>
internal sealed class StoreHealthReporter(IProfileStore store, GrpcHealthStatus health, TimeProvider time) : BackgroundService
{
    public const string ServiceName = "profilehub.storage.writes";

    private static readonly string[] WritingServices = ["profilehub.v1.IngestService", "profilehub.v1.AdminService", ServiceName];

    /// <summary>Sets the health of the writing services from the store's state; true when writes are refused.</summary>
    public static bool Report(IProfileStore store, GrpcHealthStatus health)
    {
        var refused = store.RefusesWrites;
        if (!health.IsShutDown)
        {
            foreach (var service in WritingServices)
            {
                // Only the refusal is reported here: SERVING is set once at start-up, and a refusal lasts until restart.
                if (refused || service == ServiceName)
                {
                    health.SetStatus(service, refused ? HealthStatus.NotServing : HealthStatus.Serving);
                }
            }
        }

        return refused;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            if (Report(store, health))
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
