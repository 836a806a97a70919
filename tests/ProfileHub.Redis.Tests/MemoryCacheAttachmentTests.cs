using ProfileHub.Redis.Caching;

namespace ProfileHub.Redis.Tests;

public sealed class MemoryCacheAttachmentTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void A_key_given_as_characters_finds_the_entry_and_its_attachment()
    {
        var layer = new MemoryCacheLayer(10, 10_000);
        byte[] value = [1, 2];
        layer.Set("ref:p:abc", value, Minute);

        Assert.True(layer.TryAttach("ref:p:abc", value, "answer", 10));
        Span<char> key = stackalloc char[16];
        "ref:p:abcdef".AsSpan(0, 9).CopyTo(key);

        Assert.True(layer.TryGet(key[..9], out var found, out var attachment));
        Assert.Same(value, found);
        Assert.Equal("answer", attachment);
        Assert.False(layer.TryGet("ref:p:ab".AsSpan(), out _, out _));
    }

    [Fact]
    public void An_attachment_is_refused_for_bytes_the_entry_no_longer_holds()
    {
        var layer = new MemoryCacheLayer(10, 10_000);
        byte[] old = [1];
        layer.Set("k", old, Minute);
        layer.Set("k", [1], Minute);

        Assert.False(layer.TryAttach("k", old, "built from the old bytes", 10));
        Assert.False(layer.TryAttach("missing", old, "x", 10));
        Assert.True(layer.TryGet("k".AsSpan(), out _, out var attachment));
        Assert.Null(attachment);
    }

    [Fact]
    public void Replacing_or_invalidating_the_entry_drops_its_attachment()
    {
        var layer = new MemoryCacheLayer(10, 10_000);
        byte[] first = [1];
        layer.Set("k", first, Minute);
        layer.TryAttach("k", first, "first", 10);

        layer.Set("k", [2], Minute);
        Assert.True(layer.TryGet("k".AsSpan(), out _, out var afterReplace));
        Assert.Null(afterReplace);

        layer.Invalidate("k");
        Assert.False(layer.TryGet("k".AsSpan(), out _, out _));
        byte[] reloaded = [3];
        layer.Set("k", reloaded, Minute);
        Assert.True(layer.TryGet("k".AsSpan(), out var value, out var afterReload));
        Assert.Same(reloaded, value);
        Assert.Null(afterReload);
    }

    [Fact]
    public async Task An_attachment_expires_with_its_entry()
    {
        var layer = new MemoryCacheLayer(10, 10_000);
        byte[] value = [1];
        layer.Set("k", value, TimeSpan.FromMilliseconds(30));
        Assert.True(layer.TryAttach("k", value, "answer", 10));

        await Task.Delay(60);

        Assert.False(layer.TryGet("k".AsSpan(), out _, out var attachment));
        Assert.Null(attachment);
        Assert.False(layer.TryAttach("k", value, "answer", 10));
    }

    [Fact]
    public void Attachment_bytes_count_while_attached_and_are_given_back_with_the_entry()
    {
        var layer = new MemoryCacheLayer(10, 100_000);
        byte[] value = [1, 2, 3];
        layer.Set("k", value, Minute);
        var bare = layer.SizeBytes;

        Assert.True(layer.TryAttach("k", value, "answer", 500));
        Assert.Equal(bare + 500, layer.SizeBytes);
        Assert.True(layer.TryAttach("k", value, "smaller answer", 200));
        Assert.Equal(bare + 200, layer.SizeBytes);

        layer.Invalidate("k");
        Assert.Equal(0, layer.SizeBytes);

        byte[] again = [4];
        layer.Set("k", again, Minute);
        layer.TryAttach("k", again, "answer", 300);
        layer.Set("k", [5], Minute);
        Assert.Equal(1, layer.Count);
        Assert.True(layer.SizeBytes < 300);
    }

    [Fact]
    public void Attachments_that_overflow_the_byte_budget_evict_entries()
    {
        var layer = new MemoryCacheLayer(1_000, 10_000);
        for (var i = 0; i < 50; i++)
        {
            byte[] value = [1];
            layer.Set($"k{i}", value, Minute);
            layer.TryAttach($"k{i}", value, "answer", 1_000);
        }

        Assert.InRange(layer.SizeBytes, 0, 10_000);
        Assert.InRange(layer.Count, 1, 10);
    }

    [Fact]
    public async Task Concurrent_attaches_and_invalidations_leave_the_accounting_exact()
    {
        var layer = new MemoryCacheLayer(100_000, long.MaxValue);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var key = $"k{i % 64}";
                byte[] value = [(byte)worker];
                layer.Set(key, value, Minute);
                layer.TryAttach(key, value, "answer", 100);
                if (i % 3 == worker % 3)
                {
                    layer.Invalidate(key);
                }
            }
        })));

        for (var i = 0; i < 64; i++)
        {
            layer.Invalidate($"k{i}");
        }

        Assert.Equal(0, layer.Count);
        Assert.Equal(0, layer.SizeBytes);
    }
}
