namespace ProfileHub.Redis.Caching;

/// <summary>Options of <see cref="TwoLevelCache"/>, bound from <c>ProfileHub:Redis:Cache</c>.</summary>
public sealed class TwoLevelCacheOptions
{
    /// <summary>Most entries in the in-process L1; 0 disables L1.</summary>
    public int MemoryMaxEntries { get; set; } = 100_000;

    /// <summary>Most bytes in the in-process L1; 0 disables L1.</summary>
    public long MemoryMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Base time to live in L1. Keep it short: it bounds how long a replica can serve a value
    /// whose invalidation it missed (Redis down while the change was published).
    /// </summary>
    public TimeSpan MemoryTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Base time to live in Redis; bounds staleness when an invalidation could not reach Redis.</summary>
    public TimeSpan RedisTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Each TTL is spread by ± this percentage so that keys cached together do not expire together.</summary>
    public double TtlJitterPercent { get; set; } = 10;

    /// <summary>Timeout of the Redis reads and writes the cache makes (short: the source is the fallback).</summary>
    public TimeSpan RedisCommandTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Consecutive Redis failures or timeouts after which the circuit opens.</summary>
    public int CircuitFailureThreshold { get; set; } = 5;

    /// <summary>How long the circuit stays open before one probe call is tried.</summary>
    public TimeSpan CircuitOpenDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pub/sub channel carrying invalidated keys between replicas (key prefix applied).</summary>
    public string InvalidationChannel { get; set; } = "cache:invalidate";

    /// <summary>Namespace of cached values in Redis.</summary>
    public string RedisKeyPrefix { get; set; } = "cache:v:";

    /// <summary>Namespace of per-key generation counters in Redis (the stale-write guard).</summary>
    public string RedisGenerationPrefix { get; set; } = "cache:g:";

    /// <summary>
    /// How long a generation counter outlives its last invalidation; a load running longer than
    /// this could write a stale value to Redis (bounded again by <see cref="RedisTtl"/>).
    /// </summary>
    public TimeSpan GenerationTtl { get; set; } = TimeSpan.FromMinutes(10);
}
