using Microsoft.Extensions.Options;

namespace ProfileHub.Redis.Caching;

/// <summary>Checks <see cref="TwoLevelCacheOptions"/> at start-up; messages name the configuration key.</summary>
/// <param name="sectionPath">The configuration path the options were bound from.</param>
internal sealed class TwoLevelCacheOptionsValidator(string sectionPath) : IValidateOptions<TwoLevelCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, TwoLevelCacheOptions options)
    {
        var failures = new List<string>();
        Require(options.MemoryMaxEntries >= 0, "MemoryMaxEntries", "must be 0 (L1 off) or more");
        Require(options.MemoryMaxBytes >= 0, "MemoryMaxBytes", "must be 0 (L1 off) or more");
        Require(options.MemoryTtl > TimeSpan.Zero, "MemoryTtl", "must be positive");
        Require(options.RedisTtl >= TimeSpan.FromMilliseconds(1), "RedisTtl", "must be at least 1 ms");
        Require(options.TtlJitterPercent is >= 0 and < 100, "TtlJitterPercent", "must be from 0 to below 100");
        Require(options.RedisCommandTimeout > TimeSpan.Zero, "RedisCommandTimeout", "must be positive");
        Require(options.CircuitFailureThreshold >= 1, "CircuitFailureThreshold", "must be at least 1");
        Require(options.CircuitOpenDuration > TimeSpan.Zero, "CircuitOpenDuration", "must be positive");
        Require(!string.IsNullOrWhiteSpace(options.InvalidationChannel), "InvalidationChannel", "must not be empty");
        Require(options.RedisKeyPrefix != options.RedisGenerationPrefix, "RedisGenerationPrefix", "must differ from RedisKeyPrefix");
        Require(options.GenerationTtl >= TimeSpan.FromSeconds(1), "GenerationTtl", "must be at least 1 s");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(bool condition, string key, string rule)
        {
            if (!condition)
            {
                failures.Add($"{sectionPath}:{key} {rule}.");
            }
        }
    }
}
