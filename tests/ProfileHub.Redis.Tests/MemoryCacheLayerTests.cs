using ProfileHub.Redis.Caching;

namespace ProfileHub.Redis.Tests;

public sealed class MemoryCacheLayerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Entry_count_stays_within_the_limit()
    {
        var layer = new MemoryCacheLayer(maxEntries: 100, maxBytes: long.MaxValue);

        for (var i = 0; i < 1_000; i++)
        {
            layer.Set($"k{i}", [1, 2, 3], Minute);
        }

        Assert.InRange(layer.Count, 1, 100);
        Assert.True(layer.TryGet("k999", out _));
    }

    [Fact]
    public void Total_bytes_stay_within_the_limit()
    {
        var layer = new MemoryCacheLayer(maxEntries: 10_000, maxBytes: 64 * 1024);

        for (var i = 0; i < 200; i++)
        {
            layer.Set($"k{i}", new byte[1024], Minute);
        }

        Assert.InRange(layer.SizeBytes, 1, 64 * 1024);
        Assert.InRange(layer.Count, 1, 64);
    }

    [Fact]
    public void A_value_larger_than_the_byte_budget_is_not_cached()
    {
        var layer = new MemoryCacheLayer(maxEntries: 10, maxBytes: 1024);
        layer.Set("big", new byte[4096], Minute);
        Assert.False(layer.TryGet("big", out _));
        Assert.Equal(0, layer.SizeBytes);
    }

    [Fact]
    public void Recently_read_entries_survive_eviction_of_unread_ones()
    {
        var layer = new MemoryCacheLayer(maxEntries: 10, maxBytes: long.MaxValue);
        for (var i = 0; i < 10; i++)
        {
            layer.Set($"k{i}", [1], Minute);
        }

        Assert.True(layer.TryGet("k0", out _));
        for (var i = 10; i < 15; i++)
        {
            layer.Set($"k{i}", [1], Minute);
        }

        Assert.True(layer.TryGet("k0", out _));
        Assert.False(layer.TryGet("k1", out _));
    }

    [Fact]
    public async Task Expired_entries_are_not_returned()
    {
        var layer = new MemoryCacheLayer(10, 10_000);
        layer.Set("short", [1], TimeSpan.FromMilliseconds(30));
        Assert.True(layer.TryGet("short", out _));

        await Task.Delay(60);

        Assert.False(layer.TryGet("short", out _));
        Assert.Equal(0, layer.Count);
    }

    [Fact]
    public void A_value_loaded_before_an_invalidation_is_not_stored()
    {
        var layer = new MemoryCacheLayer(10, 10_000);
        var generation = layer.GetGeneration("k");

        layer.Invalidate("k");

        Assert.False(layer.SetIfGeneration("k", [1], Minute, generation));
        Assert.False(layer.TryGet("k", out _));
        Assert.True(layer.SetIfGeneration("k", [2], Minute, layer.GetGeneration("k")));
    }

    [Fact]
    public void Clear_drops_everything_and_blocks_loads_in_progress()
    {
        var layer = new MemoryCacheLayer(10, 10_000);
        layer.Set("a", [1], Minute);
        var generation = layer.GetGeneration("b");

        layer.Clear();

        Assert.False(layer.TryGet("a", out _));
        Assert.False(layer.SetIfGeneration("b", [1], Minute, generation));
        Assert.Equal(0, layer.Count);
        Assert.Equal(0, layer.SizeBytes);
    }

    [Fact]
    public void Zero_limits_disable_the_layer()
    {
        var layer = new MemoryCacheLayer(0, 0);
        layer.Set("k", [1], Minute);
        Assert.False(layer.IsEnabled);
        Assert.False(layer.TryGet("k", out _));
    }

    [Fact]
    public async Task Concurrent_writers_readers_and_invalidations_keep_the_accounting_exact()
    {
        var layer = new MemoryCacheLayer(maxEntries: 500, maxBytes: 200_000);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            for (var i = 0; i < 20_000; i++)
            {
                var key = $"k{random.Next(2_000)}";
                switch (random.Next(4))
                {
                    case 0:
                        layer.Invalidate(key);
                        break;
                    case 1:
                        layer.TryGet(key, out _);
                        break;
                    default:
                        layer.Set(key, new byte[random.Next(1, 400)], Minute);
                        break;
                }
            }
        })));

        layer.Set("final", [1], Minute);
        Assert.InRange(layer.Count, 1, 500);
        Assert.InRange(layer.SizeBytes, 1, 200_000);
        var survivors = Enumerable.Range(0, 2_000).Count(i => layer.TryGet($"k{i}", out _)) + (layer.TryGet("final", out _) ? 1 : 0);
        Assert.Equal(layer.Count, survivors);
    }
}
