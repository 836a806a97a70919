using Microsoft.Extensions.Logging;

namespace ProfileHub.Redis.Caching;

/// <summary>
/// Counts consecutive Redis failures; after the threshold it opens and callers skip Redis without
/// waiting. After the open period one probe call is let through (half-open): success closes the
/// circuit, failure opens it again. Lock-free on the closed path.
/// </summary>
internal sealed class RedisCircuitBreaker(int failureThreshold, TimeSpan openDuration, ILogger logger)
{
    private readonly long _openTicks = (long)openDuration.TotalMilliseconds;
    private int _state = (int)RedisCircuitState.Closed;
    private int _consecutiveFailures;
    private long _retryAt;

    public event Action<RedisCircuitState>? StateChanged;

    public RedisCircuitState State => (RedisCircuitState)Volatile.Read(ref _state);

    /// <summary>True when the caller may use Redis now (and, when half-open, becomes the probe).</summary>
    public bool TryAcquire()
    {
        var state = (RedisCircuitState)Volatile.Read(ref _state);
        if (state == RedisCircuitState.Closed)
        {
            return true;
        }

        var now = Environment.TickCount64;
        if (now < Volatile.Read(ref _retryAt))
        {
            return false;
        }

        // One probe per open period; if the probe never reports back, the next period allows another.
        var retryAt = Volatile.Read(ref _retryAt);
        if (now >= retryAt && Interlocked.CompareExchange(ref _retryAt, now + _openTicks, retryAt) == retryAt)
        {
            SetState(RedisCircuitState.HalfOpen);
            return true;
        }

        return false;
    }

    public void RecordSuccess()
    {
        if (Volatile.Read(ref _consecutiveFailures) != 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
        }

        if (Volatile.Read(ref _state) != (int)RedisCircuitState.Closed)
        {
            SetState(RedisCircuitState.Closed);
            RedisLog.CircuitClosed(logger);
        }
    }

    public void RecordFailure(Exception failure)
    {
        var failures = Interlocked.Increment(ref _consecutiveFailures);
        var state = (RedisCircuitState)Volatile.Read(ref _state);
        if (state == RedisCircuitState.HalfOpen || (state == RedisCircuitState.Closed && failures >= failureThreshold))
        {
            Volatile.Write(ref _retryAt, Environment.TickCount64 + _openTicks);
            if (SetState(RedisCircuitState.Open) && state == RedisCircuitState.Closed)
            {
                RedisLog.CircuitOpened(logger, failures, _openTicks, failure);
            }
        }
    }

    private bool SetState(RedisCircuitState next)
    {
        if (Interlocked.Exchange(ref _state, (int)next) == (int)next)
        {
            return false;
        }

        StateChanged?.Invoke(next);
        return true;
    }
}
