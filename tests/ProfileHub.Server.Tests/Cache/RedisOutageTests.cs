using Grpc.Health.V1;
using ProfileHub.Contracts.V1;
using ProfileHub.Server.Tests.Infrastructure;
using static ProfileHub.Server.Tests.Infrastructure.Records;

namespace ProfileHub.Server.Tests.Cache;

/// <summary>Redis dies under lookup load and comes back: calls never fail, health tells the story.</summary>
public sealed class RedisOutageTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string CacheHealth = "profilehub.cache.redis";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Killing_redis_during_lookups_fails_no_call_flags_cache_health_and_a_restart_brings_redis_hits_back()
    {
        await using var server = await ProfileHubServerProcess.StartAsync([redis.ConfigurationArgument, "--ProfileHub:Redis:Cache:MemoryMaxEntries=0"]);
        var channel = server.Channel;
        var p = TestIds.NewPrefix();
        var lookups = Enumerable.Range(0, 20).Select(i => ByIdentifier("email", $"{p}.{i}@example.com")).ToList();
        await channel.IngestAsync([.. Enumerable.Range(0, 20).Select(i => Event("web", $"{p}-{i}", DateTimeOffset.UtcNow.AddMinutes(-5), "page_viewed", Id("email", $"{p}.{i}@example.com")))]);
        await Eventually.UntilAsync(() => HealthAsync(CacheHealth), s => s == HealthCheckResponse.Types.ServingStatus.Serving, Patience, "cache health serving");

        var failures = 0;
        var calls = 0;
        var loadUntil = DateTime.UtcNow.AddSeconds(2);
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; DateTime.UtcNow < loadUntil; i++)
            {
                try
                {
                    var stage = await channel.GetStageAsync(lookups[i % lookups.Count]);
                    Assert.Equal("awareness", stage.Stage);
                    Interlocked.Increment(ref calls);
                }
                catch (ProfileHub.Grpc.RpcException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        await Task.Delay(500);
        await redis.Server.KillAsync();
        await Task.WhenAll(load);

        Assert.Equal(0, failures);
        Assert.True(calls > 0);
        await Eventually.UntilAsync(() => HealthAsync(CacheHealth), s => s == HealthCheckResponse.Types.ServingStatus.NotServing, Patience, "cache health not serving");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await HealthAsync(string.Empty));
        Assert.Equal(ServedFrom.Store, (await channel.GetStageAsync(lookups[0])).ServedFrom);

        await redis.Server.StartAgainAsync();

        // The breaker half-opens on traffic, so lookups keep flowing while health is polled; none may fail.
        // The restarted Redis is empty: one read fills it, the next is a Redis hit.
        var hit = await Eventually.UntilAsync(() => channel.GetStageAsync(lookups[1]), s => s.ServedFrom == ServedFrom.Redis, Patience, "served from redis again", TimeSpan.FromMilliseconds(100));
        Assert.Equal("awareness", hit.Stage);
        await Eventually.UntilAsync(
            async () => (await channel.GetStageAsync(lookups[2]), await HealthAsync(CacheHealth)).Item2,
            s => s == HealthCheckResponse.Types.ServingStatus.Serving,
            Patience,
            "cache health serving again",
            TimeSpan.FromMilliseconds(100));

        async Task<HealthCheckResponse.Types.ServingStatus> HealthAsync(string service) =>
            (await channel.UnaryAsync(StandardMethods.HealthCheck, new HealthCheckRequest { Service = service }, ProfileHubCalls.Options())).Status;
    }
}
