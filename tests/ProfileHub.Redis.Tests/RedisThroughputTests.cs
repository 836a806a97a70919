using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ProfileHub.Redis.Caching;
using ProfileHub.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ProfileHub.Redis.Tests;

[Collection(MeasurementCollection.Name)]
public sealed partial class RedisThroughputTests(ITestOutputHelper output)
{
    private const int Callers = 64;
    private const int KeysPerCaller = 100;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Cache_redis_hits_under_many_callers_keep_up_with_redis_benchmark_get()
    {
        await using var server = await RedisServerProcess.StartAsync();
        var benchmark = await RunRedisBenchmarkAsync(server.Port);
        await using var replica = await CacheReplica.StartAsync(server.Endpoint, new TwoLevelCacheOptions { MemoryMaxEntries = 0, RedisCommandTimeout = TimeSpan.FromSeconds(2) });
        // Each caller reads its own keys, so single-flight never merges two callers' lookups and
        // every lookup below really is one Redis GET.
        var keys = Enumerable.Range(0, Callers * KeysPerCaller).Select(i => $"bench:{i}").ToArray();
        foreach (var key in keys)
        {
            await replica.Cache.GetOrLoadAsync(key, _ => Task.FromResult<CacheLoadResult?>(new CacheLoadResult(new byte[3])));
        }

        var clientGets = await MeasureAsync(async i => await replica.Connection.GetAsync("cache:v:" + keys[i]));
        var cacheRedisHits = await MeasureAsync(async i =>
        {
            var lookup = await replica.Cache.GetOrLoadAsync(keys[i], _ => throw new InvalidOperationException("every key is in Redis"));
            if (lookup.Layer != CacheLayer.Redis)
            {
                throw new InvalidOperationException($"expected a Redis hit, got {lookup.Layer}");
            }
        });

        output.WriteLine($"redis-benchmark -t get -c 64 -n 100000: {benchmark:N0} GET/s");
        output.WriteLine($"RedisConnection.GetAsync, {Callers} callers, {Duration.TotalSeconds:0} s: {clientGets:N0} GET/s ({clientGets / benchmark:0.00}x)");
        output.WriteLine($"TwoLevelCache Redis hits, {Callers} callers, {Duration.TotalSeconds:0} s: {cacheRedisHits:N0} lookups/s ({cacheRedisHits / benchmark:0.00}x)");

        // A loose floor (the machine is shared): far below it means pipelining is broken.
        Assert.True(cacheRedisHits > benchmark * 0.5, $"cache {cacheRedisHits:N0}/s vs redis-benchmark {benchmark:N0}/s");
    }

    private static async Task<double> MeasureAsync(Func<int, Task> operation)
    {
        using var stop = new CancellationTokenSource();
        var counts = new long[Callers];
        var watch = Stopwatch.StartNew();
        stop.CancelAfter(Duration);
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                await operation((caller * KeysPerCaller) + (i++ % KeysPerCaller));
                counts[caller]++;
            }
        })));
        return counts.Sum() / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> RunRedisBenchmarkAsync(int port)
    {
        var start = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t", "get", "-c", "64", "-n", "100000", "-q", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = RequestsPerSecond().Matches(text).LastOrDefault()
            ?? throw new InvalidOperationException("Unexpected redis-benchmark output: " + text);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"GET: ([0-9.]+) requests per second")]
    private static partial Regex RequestsPerSecond();
}
