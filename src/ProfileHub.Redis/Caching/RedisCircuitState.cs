namespace ProfileHub.Redis.Caching;

/// <summary>State of the circuit breaker the cache keeps around Redis.</summary>
public enum RedisCircuitState
{
    /// <summary>Redis is used normally.</summary>
    Closed = 0,

    /// <summary>One trial call is allowed to find out whether Redis is back.</summary>
    HalfOpen = 1,

    /// <summary>Redis failed repeatedly; calls skip it and go to the source.</summary>
    Open = 2,
}
