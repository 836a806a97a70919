using System.Text;
using ProfileHub.Redis.Caching;
using ProfileHub.Redis.Tests.Infrastructure;

namespace ProfileHub.Redis.Tests;

public sealed class TwoLevelCacheTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static string NewKey() => "profile:" + Guid.NewGuid().ToString("N");

    private static Func<CancellationToken, Task<CacheLoadResult?>> Returns(string value) =>
        _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult(Encoding.UTF8.GetBytes(value)));

    private static string Text(CacheLookup lookup) => Encoding.UTF8.GetString(lookup.Value.Span);

    [Fact]
    public async Task Layers_are_reported_source_then_memory_then_redis_for_a_fresh_replica()
    {
        await using var a = await CacheReplica.StartAsync(redis.Endpoint);
        await using var b = await CacheReplica.StartAsync(redis.Endpoint);
        var key = NewKey();

        var first = await a.Cache.GetOrLoadAsync(key, Returns("v1"));
        var second = await a.Cache.GetOrLoadAsync(key, Returns("unused"));
        var fromOtherReplica = await b.Cache.GetOrLoadAsync(key, Returns("unused"));
        var thenFromItsMemory = await b.Cache.GetOrLoadAsync(key, Returns("unused"));

        Assert.Equal((CacheLayer.Source, "v1"), (first.Layer, Text(first)));
        Assert.Equal((CacheLayer.Memory, "v1"), (second.Layer, Text(second)));
        Assert.Equal((CacheLayer.Redis, "v1"), (fromOtherReplica.Layer, Text(fromOtherReplica)));
        Assert.Equal(CacheLayer.Memory, thenFromItsMemory.Layer);
    }

    [Fact]
    public async Task With_l1_disabled_every_repeat_is_a_redis_hit()
    {
        await using var replica = await CacheReplica.StartAsync(redis.Endpoint, new TwoLevelCacheOptions { MemoryMaxEntries = 0, RedisCommandTimeout = TimeSpan.FromSeconds(2) });
        var key = NewKey();

        await replica.Cache.GetOrLoadAsync(key, Returns("v"));
        var again = await replica.Cache.GetOrLoadAsync(key, Returns("unused"));
        var andAgain = await replica.Cache.GetOrLoadAsync(key, Returns("unused"));

        Assert.Equal(CacheLayer.Redis, again.Layer);
        Assert.Equal(CacheLayer.Redis, andAgain.Layer);
        Assert.Equal(0, replica.Cache.Memory.Count);
    }

    [Fact]
    public async Task Without_redis_the_cache_runs_on_l1_alone()
    {
        await using var cache = new TwoLevelCache(new TwoLevelCacheOptions());
        var key = NewKey();

        var first = await cache.GetOrLoadAsync(key, Returns("v"));
        var second = await cache.GetOrLoadAsync(key, Returns("unused"));
        await cache.InvalidateAsync([key]);
        var third = await cache.GetOrLoadAsync(key, Returns("v2"));

        Assert.Equal(CacheLayer.Source, first.Layer);
        Assert.Equal(CacheLayer.Memory, second.Layer);
        Assert.Equal((CacheLayer.Source, "v2"), (third.Layer, Text(third)));
        Assert.False(cache.UsesRedis);
    }

    [Fact]
    public async Task A_missing_source_value_is_reported_and_not_cached()
    {
        await using var replica = await CacheReplica.StartAsync(redis.Endpoint);
        var key = NewKey();

        var missing = await replica.Cache.GetOrLoadAsync(key, _ => Task.FromResult<CacheLoadResult?>(null));
        var later = await replica.Cache.GetOrLoadAsync(key, Returns("now exists"));

        Assert.False(missing.Found);
        Assert.Equal((CacheLayer.Source, "now exists"), (later.Layer, Text(later)));
    }

    [Fact]
    public async Task Invalidation_on_one_replica_drops_the_key_from_another_replicas_memory()
    {
        await using var a = await CacheReplica.StartAsync(redis.Endpoint);
        await using var b = await CacheReplica.StartAsync(redis.Endpoint);
        var key = NewKey();
        await b.Cache.GetOrLoadAsync(key, Returns("old"));
        Assert.Equal(CacheLayer.Memory, (await b.Cache.GetOrLoadAsync(key, Returns("unused"))).Layer);

        await a.Cache.InvalidateAsync([key]);

        await Eventually.TrueAsync(() => !b.Cache.Memory.TryGet(key, out _), Wait, "replica B dropped the key after A's invalidation message");
        var reread = await b.Cache.GetOrLoadAsync(key, Returns("new"));
        Assert.Equal((CacheLayer.Source, "new"), (reread.Layer, Text(reread)));
    }

    [Fact]
    public async Task A_slow_load_started_before_an_invalidation_cannot_reinsert_its_stale_value()
    {
        await using var replica = await CacheReplica.StartAsync(redis.Endpoint);
        var key = NewKey();
        var loadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var slow = replica.Cache.GetOrLoadAsync(key, async _ =>
        {
            loadStarted.SetResult();
            await releaseLoad.Task;
            return new CacheLoadResult(Encoding.UTF8.GetBytes("stale"));
        }).AsTask();
        await loadStarted.Task.WaitAsync(Wait);
        await replica.Cache.InvalidateAsync([key]);
        releaseLoad.SetResult();
        var slowResult = await slow.WaitAsync(Wait);

        Assert.Equal("stale", Text(slowResult));
        Assert.False(replica.Cache.Memory.TryGet(key, out _));
        Assert.Null(await replica.Connection.GetAsync("cache:v:" + key));
        var fresh = await replica.Cache.GetOrLoadAsync(key, Returns("fresh"));
        Assert.Equal((CacheLayer.Source, "fresh"), (fresh.Layer, Text(fresh)));
    }

    [Fact]
    public async Task A_slow_load_on_another_replica_cannot_write_its_stale_value_to_redis()
    {
        await using var a = await CacheReplica.StartAsync(redis.Endpoint);
        await using var b = await CacheReplica.StartAsync(redis.Endpoint, new TwoLevelCacheOptions { MemoryMaxEntries = 0, RedisCommandTimeout = TimeSpan.FromSeconds(2) });
        var key = NewKey();
        var loadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseLoad = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var slow = b.Cache.GetOrLoadAsync(key, async _ =>
        {
            loadStarted.SetResult();
            await releaseLoad.Task;
            return new CacheLoadResult(Encoding.UTF8.GetBytes("stale"));
        }).AsTask();
        await loadStarted.Task.WaitAsync(Wait);
        await a.Cache.InvalidateAsync([key]);
        releaseLoad.SetResult();
        await slow.WaitAsync(Wait);

        Assert.Null(await a.Connection.GetAsync("cache:v:" + key));
        var fromA = await a.Cache.GetOrLoadAsync(key, Returns("fresh"));
        Assert.Equal((CacheLayer.Source, "fresh"), (fromA.Layer, Text(fromA)));
    }

    [Fact]
    public async Task A_caller_arriving_after_an_invalidation_does_not_join_the_older_load()
    {
        await using var cache = new TwoLevelCache(new TwoLevelCacheOptions());
        var key = NewKey();
        var releaseOld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var old = cache.GetOrLoadAsync(key, async _ =>
        {
            await releaseOld.Task;
            return new CacheLoadResult(Encoding.UTF8.GetBytes("old"));
        }).AsTask();

        await cache.InvalidateAsync([key]);
        var after = await cache.GetOrLoadAsync(key, Returns("new"));
        releaseOld.SetResult();
        await old.WaitAsync(Wait);

        Assert.Equal("new", Text(after));
        Assert.Equal("new", Text(await cache.GetOrLoadAsync(key, Returns("unused"))));
    }

    [Fact]
    public async Task One_hundred_concurrent_misses_for_one_key_make_one_load()
    {
        await using var replica = await CacheReplica.StartAsync(redis.Endpoint);
        var key = NewKey();
        var loads = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var lookups = Enumerable.Range(0, 100).Select(_ => replica.Cache.GetOrLoadAsync(key, async _ =>
        {
            Interlocked.Increment(ref loads);
            await release.Task;
            return new CacheLoadResult(Encoding.UTF8.GetBytes("once"));
        }).AsTask()).ToList();
        release.SetResult();
        var results = await Task.WhenAll(lookups).WaitAsync(Wait);

        Assert.Equal(1, loads);
        Assert.All(results, r => Assert.Equal("once", Text(r)));
    }

    [Fact]
    public async Task A_cancelled_caller_does_not_cancel_the_shared_load()
    {
        await using var cache = new TwoLevelCache(new TwoLevelCacheOptions());
        var key = NewKey();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var first = cache.GetOrLoadAsync(key, async _ =>
        {
            await release.Task;
            return new CacheLoadResult([7]);
        }, cancel.Token).AsTask();
        var second = cache.GetOrLoadAsync(key, Returns("unused")).AsTask();

        cancel.Cancel();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(new byte[] { 7 }, (await second).Value.ToArray());
    }

    [Fact]
    public async Task The_load_is_cancelled_once_every_caller_waiting_for_it_has_cancelled()
    {
        await using var cache = new TwoLevelCache(new TwoLevelCacheOptions());
        var key = NewKey();
        var loadCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var firstCancel = new CancellationTokenSource();
        using var secondCancel = new CancellationTokenSource();
        var load = WaitsUntilCancelled(loadStarted, loadCancelled);
        var first = cache.GetOrLoadAsync(key, load, firstCancel.Token).AsTask();
        var second = cache.GetOrLoadAsync(key, load, secondCancel.Token).AsTask();
        await loadStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));

        firstCancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(loadCancelled.Task.IsCompleted);

        secondCancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        await loadCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_caller_after_an_abandoned_load_gets_a_fresh_load()
    {
        await using var cache = new TwoLevelCache(new TwoLevelCacheOptions());
        var key = NewKey();
        var loadCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        var abandoned = cache.GetOrLoadAsync(key, WaitsUntilCancelled(new TaskCompletionSource(), loadCancelled), cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        var fresh = await cache.GetOrLoadAsync(key, Returns("fresh"));

        Assert.Equal("fresh", Text(fresh));
        Assert.Equal(CacheLayer.Source, fresh.Layer);
        await loadCancelled.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    // A loader that never finishes by itself: it reports that it started, then that its token was cancelled.
    private static Func<CancellationToken, Task<CacheLoadResult?>> WaitsUntilCancelled(TaskCompletionSource started, TaskCompletionSource cancelled) =>
        async token =>
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            return new CacheLoadResult([1]);
        };

    [Fact]
    public async Task Redis_ttl_is_the_base_ttl_spread_by_the_jitter()
    {
        await using var replica = await CacheReplica.StartAsync(redis.Endpoint, new TwoLevelCacheOptions { RedisTtl = TimeSpan.FromSeconds(100), TtlJitterPercent = 20, RedisCommandTimeout = TimeSpan.FromSeconds(2) });
        var ttls = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var key = NewKey();
            await replica.Cache.GetOrLoadAsync(key, Returns("v"));
            ttls.Add((await replica.Connection.ExecuteAsync("PTTL", ["cache:v:" + key])).Number);
        }

        Assert.All(ttls, ttl => Assert.InRange(ttl, 79_000, 120_000));
        Assert.True(ttls.Distinct().Count() > 5, "TTLs are spread, not identical");
    }

    [Fact]
    public async Task A_loader_failure_reaches_every_waiting_caller_and_is_not_cached()
    {
        await using var cache = new TwoLevelCache(new TwoLevelCacheOptions());
        var key = NewKey();

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrLoadAsync(key, _ => throw new InvalidOperationException("store down")).AsTask());
        var next = await cache.GetOrLoadAsync(key, Returns("ok"));

        Assert.Equal(CacheLayer.Source, next.Layer);
    }
}
