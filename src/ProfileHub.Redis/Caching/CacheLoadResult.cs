namespace ProfileHub.Redis.Caching;

/// <summary>What a loader returns for a key the source has: the serialised value.</summary>
/// <param name="Value">The bytes to cache. The cache keeps this array: do not change it afterwards.</param>
public sealed record CacheLoadResult(byte[] Value);
