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

        Assert.True(layer.TryAttach("ref:p:abc", value, "answer"));
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

        Assert.False(layer.TryAttach("k", old, "built from the old bytes"));
        Assert.False(layer.TryAttach("missing", old, "x"));
        Assert.True(layer.TryGet("k".AsSpan(), out _, out var attachment));
        Assert.Null(attachment);
    }

    [Fact]
    public void Replacing_or_invalidating_the_entry_drops_its_attachment()
    {
        var layer = new MemoryCacheLayer(10, 10_000);
        byte[] first = [1];
        layer.Set("k", first, Minute);
        layer.TryAttach("k", first, "first");

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
        Assert.True(layer.TryAttach("k", value, "answer"));

        await Task.Delay(60);

        Assert.False(layer.TryGet("k".AsSpan(), out _, out var attachment));
        Assert.Null(attachment);
        Assert.False(layer.TryAttach("k", value, "answer"));
    }
}
