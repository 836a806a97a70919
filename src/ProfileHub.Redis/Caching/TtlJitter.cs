namespace ProfileHub.Redis.Caching;

/// <summary>Spreads TTLs so that keys cached together do not all expire (and reload) together.</summary>
internal static class TtlJitter
{
    public static TimeSpan Apply(TimeSpan ttl, double percent)
    {
        var spread = Math.Clamp(percent, 0, 100) / 100;
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var factor = 1 + (spread * ((Random.Shared.NextDouble() * 2) - 1));
#pragma warning restore CA5394
        return ttl * factor;
    }
}
