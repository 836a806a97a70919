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
        if (health.IsShutDown)
        {
            return refused;
        }

        if (!refused)
        {
            // Ingest and admin were set SERVING at start-up; only this part's own status is kept here.
            health.SetStatus(ServiceName, HealthStatus.Serving);
            return false;
        }

        // A refusal lasts until restart.
        foreach (var service in WritingServices)
        {
            health.SetStatus(service, HealthStatus.NotServing);
        }

        return true;
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
