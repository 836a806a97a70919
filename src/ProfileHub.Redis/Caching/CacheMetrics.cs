using System.Diagnostics.Metrics;

namespace ProfileHub.Redis.Caching;

/// <summary>Instruments of the cache on the "ProfileHub.Redis" meter.</summary>
internal sealed class CacheMetrics : IDisposable
{
    public const string MeterName = "ProfileHub.Redis";

    private static readonly KeyValuePair<string, object?> MemoryLevel = new("level", "memory");
    private static readonly KeyValuePair<string, object?> RedisLevel = new("level", "redis");

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;

    public CacheMetrics(IMeterFactory? meterFactory, Func<RedisCircuitState> circuitState)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _hits = _meter.CreateCounter<long>("cache_hits", description: "Cache lookups answered by a cache level (tag level = memory | redis).");
        _misses = _meter.CreateCounter<long>("cache_misses", description: "Cache lookups that went to the source.");
        _meter.CreateObservableGauge(
            "redis_circuit_state",
            () => (int)circuitState(),
            description: "Redis circuit breaker: 0 closed, 1 half-open, 2 open.");
    }

    public void MemoryHit() => _hits.Add(1, MemoryLevel);

    public void MemoryHits(int count) => _hits.Add(count, MemoryLevel);

    public void RedisHit() => _hits.Add(1, RedisLevel);

    public void Miss() => _misses.Add(1);

    public void Dispose()
    {
        // A factory-created meter belongs to the factory, which disposes it with the container.
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
