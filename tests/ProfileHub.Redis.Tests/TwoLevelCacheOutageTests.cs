using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ProfileHub.Redis.Caching;
using ProfileHub.Redis.Tests.Infrastructure;

namespace ProfileHub.Redis.Tests;

public sealed class TwoLevelCacheOutageTests
{
    private static readonly TwoLevelCacheOptions RedisOnlyOptions = new()
    {
        MemoryMaxEntries = 0,
        CircuitFailureThreshold = 3,
        CircuitOpenDuration = TimeSpan.FromMilliseconds(100),
        RedisCommandTimeout = TimeSpan.FromMilliseconds(250),
    };

    [Fact]
    public async Task Lookups_keep_succeeding_while_redis_is_killed_and_redis_hits_resume_after_restart()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var replica = await CacheReplica.StartAsync(server.Endpoint, RedisOnlyOptions);
        var layers = new ConcurrentDictionary<CacheLayer, int>();
        var failures = 0;
        var calls = 0;
        var sawOpen = false;
        using var stop = new CancellationTokenSource();
        var load = (CancellationToken _) => Task.FromResult<CacheLoadResult?>(new CacheLoadResult([1, 2, 3]));
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var lookup = await replica.Cache.GetOrLoadAsync($"outage:{worker}:{i++ % 20}", load);
                    layers.AddOrUpdate(lookup.Layer, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref calls);
                    sawOpen |= replica.Cache.CircuitState == RedisCircuitState.Open;
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }

                await Task.Yield();
            }
        })).ToList();
        await Eventually.TrueAsync(() => layers.ContainsKey(CacheLayer.Redis), TimeSpan.FromSeconds(5), "Redis hits before the outage");

        await server.KillAsync();
        await Eventually.TrueAsync(() => sawOpen, TimeSpan.FromSeconds(5), "breaker opens while Redis is down");
        var callsWhileDown = Volatile.Read(ref calls);
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) > callsWhileDown + 100, TimeSpan.FromSeconds(5), "lookups continue from the source");
        layers.Clear();
        await server.StartAgainAsync();
        await Eventually.TrueAsync(() => replica.Cache.CircuitState == RedisCircuitState.Closed && layers.ContainsKey(CacheLayer.Redis), TimeSpan.FromSeconds(10), "breaker closes and Redis hits resume");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task Invalidation_with_redis_down_still_clears_memory_and_does_not_throw()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var replica = await CacheReplica.StartAsync(server.Endpoint);
        await replica.Cache.GetOrLoadAsync("k", _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult([1])));
        await server.KillAsync();

        await replica.Cache.InvalidateAsync(["k"]);

        Assert.False(replica.Cache.Memory.TryGet("k", out _));
        var reloaded = await replica.Cache.GetOrLoadAsync("k", _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult([2])));
        Assert.Equal(CacheLayer.Source, reloaded.Layer);
    }

    [Fact]
    public async Task Memory_is_cleared_when_the_invalidation_subscription_comes_back()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var replica = await CacheReplica.StartAsync(server.Endpoint);
        var resubscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        replica.Subscriber.Connected += (_, _) => resubscribed.TrySetResult();
        await replica.Cache.GetOrLoadAsync("k", _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult([1])));

        await server.RestartAsync();
        await resubscribed.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(replica.Cache.Memory.TryGet("k", out _));
    }

    [Fact]
    public async Task Hits_misses_and_circuit_state_are_published_as_metrics()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var replica = await CacheReplica.StartAsync(server.Endpoint);
        var measurements = new ConcurrentBag<(string Instrument, long Value, string? Level)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "ProfileHub.Redis")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, tags.ToArray().FirstOrDefault(t => t.Key == "level").Value as string)));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => measurements.Add((instrument.Name, value, null)));
        listener.Start();
        await using var other = await CacheReplica.StartAsync(server.Endpoint);
        var load = (CancellationToken _) => Task.FromResult<CacheLoadResult?>(new CacheLoadResult([1]));

        await other.Cache.GetOrLoadAsync("m", load);
        await other.Cache.GetOrLoadAsync("m", load);
        await replica.Cache.GetOrLoadAsync("m", load);
        listener.RecordObservableInstruments();

        Assert.Contains(measurements, m => m is ("cache_misses", 1, null));
        Assert.Contains(measurements, m => m is ("cache_hits", 1, "memory"));
        Assert.Contains(measurements, m => m is ("cache_hits", 1, "redis"));
        Assert.Contains(measurements, m => m is ("redis_circuit_state", 0, null));
    }

    [Fact]
    public async Task An_invalidation_that_could_not_reach_redis_is_replayed_when_redis_answers_again()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var replica = await CacheReplica.StartAsync(server.Endpoint, new TwoLevelCacheOptions
        {
            RedisCommandTimeout = TimeSpan.FromMilliseconds(200),
            CircuitFailureThreshold = 1,
            CircuitOpenDuration = TimeSpan.FromMilliseconds(100),
        });
        await using var admin = await RedisConnection.ConnectAsync(new RedisOptions { Configuration = server.Endpoint });
        await replica.Cache.GetOrLoadAsync("k", _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult([1])));
        Assert.NotNull(await admin.GetAsync("cache:v:k"));
        // Long enough that the replay cannot have happened yet when the first assertions run; a
        // command that was queued on the socket the client closed is discarded by the server.
        await admin.ExecuteAsync("CLIENT", ["PAUSE", "1500", "ALL"]);

        await replica.Cache.InvalidateAsync(["k"]);

        Assert.Equal(1, replica.Cache.PendingRedisInvalidations);
        Assert.Equal(RedisCircuitState.Open, replica.Cache.CircuitState);
        await Eventually.TrueAsync(() => replica.Cache.PendingRedisInvalidations == 0, TimeSpan.FromSeconds(5), "missed invalidation replayed");
        Assert.Null(await admin.GetAsync("cache:v:k"));
    }
}
