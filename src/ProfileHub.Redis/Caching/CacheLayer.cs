namespace ProfileHub.Redis.Caching;

/// <summary>Which layer answered a cache lookup.</summary>
public enum CacheLayer
{
    /// <summary>The in-process L1 cache.</summary>
    Memory,

    /// <summary>Redis (L2).</summary>
    Redis,

    /// <summary>The loader (the source of truth).</summary>
    Source,
}
