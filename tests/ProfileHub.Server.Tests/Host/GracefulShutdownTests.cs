using Grpc.Health.V1;
using ProfileHub.Contracts;
using ProfileHub.Contracts.V1;
using ProfileHub.Grpc;
using ProfileHub.Server.Tests.Infrastructure;

namespace ProfileHub.Server.Tests.Host;

public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Sigterm_reports_not_serving_ends_streams_cleanly_completes_in_flight_ingest_and_exits_zero()
    {
        await using var server = await ProfileHubServerProcess.StartAsync();
        var channel = server.Channel;
        var prefix = TestIds.NewPrefix();

        using var health = channel.ServerStreaming(StandardMethods.HealthWatch, new HealthCheckRequest());
        Assert.True(await health.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.ResponseStream.Current.Status);

        using var watch = channel.ServerStreaming(ProfileHubMethods.WatchStageChanges, new WatchStageChangesRequest { HeartbeatSeconds = 1 });
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        // A bulk ingest stream is open too: its first batch is in, the sync job is still sending.
        using var ingest = channel.ClientStreaming(ProfileHubMethods.IngestStream);
        await ingest.RequestStream.WriteAsync(Batch(prefix, 0, 50));

        server.SendTerminate();

        Assert.True(await health.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, health.ResponseStream.Current.Status);
        Assert.False(server.HasExited);

        // Open streams end with a status (not a reset): UNAVAILABLE tells clients to resume elsewhere;
        // the ingest stream's committed batches are idempotent, so a sync job simply replays.
        var watchEnd = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        Assert.Equal(StatusCode.Unavailable, watchEnd.StatusCode);
        var ingestEnd = await Assert.ThrowsAsync<RpcException>(() => ingest.ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, ingestEnd.StatusCode);

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Sigterm_lets_an_in_flight_unary_ingest_finish_with_its_records_committed()
    {
        var prefix = TestIds.NewPrefix();
        IngestResponse response;
        var directory = Directory.CreateTempSubdirectory("profilehub-shutdown-");
        var databasePath = Path.Combine(directory.FullName, "profilehub.db");
        {
            await using var server = await ProfileHubServerProcess.StartAsync(databasePath: databasePath);
            var call = server.Channel.UnaryAsync(ProfileHubMethods.Ingest, Batch(prefix, 0, 1_000), ProfileHubCalls.Options());
            await Task.Delay(50);
            server.SendTerminate();

            // A call already accepted is drained, not dropped; one that arrived after the stop began
            // is refused by Kestrel before reaching the handler (and would say so).
            response = await call;
            Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(1_000, response.Results.Count);
        Assert.All(response.Results, r => Assert.Equal(IngestOutcome.Created, r.Outcome));

        // Acknowledged means durable: a new process on the same file finds every profile.
        await using var restarted = await ProfileHubServerProcess.StartAsync(databasePath: databasePath);
        foreach (var index in new[] { 0, 499, 999 })
        {
            var profile = await restarted.Channel.GetProfileAsync(Records.ByIdentifier("email", $"{prefix}-{index}@example.com"));
            Assert.Equal(response.Results[index].ProfileId, profile.ProfileId);
        }

        await restarted.DisposeAsync();
        directory.Delete(recursive: true);
    }

    private static IngestRequest Batch(string prefix, int start, int count)
    {
        var request = new IngestRequest();
        for (var i = start; i < start + count; i++)
        {
            request.Records.Add(Records.Event("web", $"{prefix}-{i}", DateTimeOffset.UtcNow.AddMinutes(-5), "page_viewed", Records.Id("email", $"{prefix}-{i}@example.com")));
        }

        return request;
    }
}
