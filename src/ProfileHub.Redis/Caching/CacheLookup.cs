namespace ProfileHub.Redis.Caching;

/// <summary>The result of <see cref="TwoLevelCache.GetOrLoadAsync"/>: the bytes and which layer produced them.</summary>
/// <param name="Found">False when the loader reported that the source has no value (nothing is cached then).</param>
/// <param name="Value">The cached bytes; shared with other callers, so treat them as read-only.</param>
/// <param name="Layer">Which layer answered.</param>
public readonly record struct CacheLookup(bool Found, ReadOnlyMemory<byte> Value, CacheLayer Layer)
{
    /// <summary>A lookup the source answered with "no such value".</summary>
    public static CacheLookup NotFound => new(false, ReadOnlyMemory<byte>.Empty, CacheLayer.Source);
}
