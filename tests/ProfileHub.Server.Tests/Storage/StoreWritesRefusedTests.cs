using ProfileHub.Grpc;
using ProfileHub.Server.Errors;
using ProfileHub.Server.Jobs;
using ProfileHub.Storage;

namespace ProfileHub.Server.Tests.Storage;

public sealed class StoreWritesRefusedTests
{
    [Fact]
    public void A_store_that_refuses_writes_is_answered_with_unavailable_and_the_stores_reason()
    {
        var refused = new StoreWritesRefusedException("The profile store refuses writes: an earlier write could not be flushed to disk.");

        Assert.True(new ProfileHubExceptionMapper().TryMap(refused, out var status));

        Assert.Equal(StatusCode.Unavailable, status.Code);
        Assert.Equal(refused.Message, status.Detail);
    }

    [Fact]
    public void A_store_that_refuses_writes_takes_the_writing_services_out_of_service_and_leaves_reads_serving()
    {
        var health = new GrpcHealthStatus();
        foreach (var service in (string[])["profilehub.v1.IngestService", "profilehub.v1.AdminService", "profilehub.v1.ProfileService"])
        {
            health.SetStatus(service, HealthStatus.Serving);
        }

        Assert.True(StoreHealthReporter.Report(StoreWithWriteState.Create(refusesWrites: true), health));

        Assert.Equal(HealthStatus.NotServing, health.GetStatus("profilehub.v1.IngestService"));
        Assert.Equal(HealthStatus.NotServing, health.GetStatus("profilehub.v1.AdminService"));
        Assert.Equal(HealthStatus.NotServing, health.GetStatus(StoreHealthReporter.ServiceName));
        Assert.Equal(HealthStatus.Serving, health.GetStatus("profilehub.v1.ProfileService"));
        Assert.Equal(HealthStatus.Serving, health.GetStatus(string.Empty));
    }

    [Fact]
    public void A_store_that_accepts_writes_is_reported_serving()
    {
        var health = new GrpcHealthStatus();
        Assert.False(StoreHealthReporter.Report(StoreWithWriteState.Create(refusesWrites: false), health));

        Assert.Equal(HealthStatus.Serving, health.GetStatus(StoreHealthReporter.ServiceName));
        Assert.Null(health.GetStatus("profilehub.v1.IngestService"));
    }
}
