using ProfileHub.Redis.Caching;
using ProfileHub.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ProfileHub.Redis.Tests;

/// <summary>Guards the allocation budget of the hot paths; runs alone so other tests' allocations do not count.</summary>
[Collection(MeasurementCollection.Name)]
public sealed class HotPathAllocationTests(ITestOutputHelper output)
{
    private const int Operations = 20_000;

    [Fact]
    public async Task Hot_paths_allocate_little_more_than_the_value_per_operation()
    {
        await using var server = await RedisServerProcess.StartAsync();
        await using var redisOnly = await CacheReplica.StartAsync(server.Endpoint, new TwoLevelCacheOptions { MemoryMaxEntries = 0, RedisCommandTimeout = TimeSpan.FromSeconds(2) });
        await using var withMemory = await CacheReplica.StartAsync(server.Endpoint, new TwoLevelCacheOptions { RedisCommandTimeout = TimeSpan.FromSeconds(2) });
        Func<CancellationToken, Task<CacheLoadResult?>> mustNotLoad = _ => throw new InvalidOperationException("the key is cached");
        await redisOnly.Cache.GetOrLoadAsync("k", _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult(new byte[3])));
        await withMemory.Cache.GetOrLoadAsync("k", mustNotLoad);
        await redisOnly.Connection.SetAsync("raw", new byte[3]);

        var get = await BytesPerOperationAsync(() => redisOnly.Connection.GetAsync("raw"));
        var redisHit = await BytesPerOperationAsync(() => redisOnly.Cache.GetOrLoadAsync("k", mustNotLoad).AsTask());
        var memoryHit = MemoryHitBytesPerOperation(withMemory.Cache, mustNotLoad);
        output.WriteLine($"GET {get:N0} B/op, cache Redis hit {redisHit:N0} B/op, cache L1 hit {memoryHit:N0} B/op");

        // Measured: GET ≈ 170 (completion + task + 3-byte value), Redis hit ≈ 430, L1 hit 0.
        Assert.InRange(get, 0, 400);
        Assert.InRange(redisHit, 0, 900);
        Assert.InRange(memoryHit, 0, 8);
    }

    private static double MemoryHitBytesPerOperation(TwoLevelCache cache, Func<CancellationToken, Task<CacheLoadResult?>> mustNotLoad)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Operations; i++)
        {
            var lookup = cache.GetOrLoadAsync("k", mustNotLoad);
            Assert.True(lookup.IsCompletedSuccessfully && lookup.Result.Layer == CacheLayer.Memory);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Operations;
    }

    private static async Task<double> BytesPerOperationAsync(Func<Task> operation)
    {
        for (var i = 0; i < 1_000; i++)
        {
            await operation();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Operations; i++)
        {
            await operation();
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Operations;
    }
}
