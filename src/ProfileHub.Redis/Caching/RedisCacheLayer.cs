using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using ProfileHub.Redis.Internal;

namespace ProfileHub.Redis.Caching;

/// <summary>
/// The Redis side of <see cref="TwoLevelCache"/>: value and generation keys, the conditional write
/// and invalidation scripts, the circuit breaker, and invalidations remembered while Redis was
/// unreachable (replayed when it answers again).
/// </summary>
internal sealed class RedisCacheLayer : IDisposable
{
    private const int MaxRememberedInvalidations = 100_000;
    private const int ReplayBatchSize = 100;

    private readonly TwoLevelCacheOptions _options;
    private readonly RedisConnection _redis;
    private readonly ILogger _logger;
    private readonly string _instanceId;
    private readonly Action<IReadOnlyCollection<string>> _dropLocally;
    private readonly CancellationToken _lifetime;
    private readonly byte[] _valueSpace;
    private readonly byte[] _generationSpace;
    private readonly ConcurrentDictionary<string, byte> _missedInvalidations = new(StringComparer.Ordinal);
    private int _replaying;

    public RedisCacheLayer(
        TwoLevelCacheOptions options,
        RedisConnection redis,
        ILogger logger,
        string instanceId,
        Action<IReadOnlyCollection<string>> dropLocally,
        CancellationToken lifetime)
    {
        _options = options;
        _redis = redis;
        _logger = logger;
        _instanceId = instanceId;
        _dropLocally = dropLocally;
        _lifetime = lifetime;
        _valueSpace = Encoding.UTF8.GetBytes(options.RedisKeyPrefix);
        _generationSpace = Encoding.UTF8.GetBytes(options.RedisGenerationPrefix);
        Breaker = new RedisCircuitBreaker(options.CircuitFailureThreshold, options.CircuitOpenDuration, logger);
        Breaker.StateChanged += OnCircuitStateChanged;
        _redis.Connected += OnRedisConnected;
    }

    public RedisCircuitBreaker Breaker { get; }

    public int PendingInvalidations => _missedInvalidations.Count;

    /// <summary>
    /// A PING through the breaker, so an idle replica notices Redis coming back (the breaker only
    /// half-opens when a call asks). True when the circuit is closed afterwards.
    /// </summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        if (Breaker.State != RedisCircuitState.Closed && Breaker.TryAcquire())
        {
            try
            {
                await _redis.PingAsync(cancellationToken).WaitAsync(_options.RedisCommandTimeout, cancellationToken).ConfigureAwait(false);
                Breaker.RecordSuccess();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                RecordFailure("probe", ex);
            }
        }

        return Breaker.State == RedisCircuitState.Closed;
    }

    /// <summary>GET of the value; the caller reports the outcome to <see cref="Breaker"/> (keeps the hot path to one state machine).</summary>
    public Task<byte[]?> GetValue(string key, CancellationToken cancellationToken) =>
        _redis.Send(RedisCommandName.Get, RedisReplyConverters.Bytes, _options.RedisCommandTimeout, cancellationToken, RedisArg.Key(_valueSpace, key));

    /// <summary>The key's generation ('' when never invalidated), or null when Redis is unavailable (then nothing may be written).</summary>
    public async Task<byte[]?> TryGetGenerationAsync(string key, CancellationToken cancellationToken)
    {
        if (!Breaker.TryAcquire())
        {
            return null;
        }

        try
        {
            var generation = await _redis.Send(RedisCommandName.Get, RedisReplyConverters.Bytes, _options.RedisCommandTimeout, cancellationToken, RedisArg.Key(_generationSpace, key));
            Breaker.RecordSuccess();
            return generation ?? [];
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            RecordFailure("read generation", ex);
            return null;
        }
    }

    /// <summary>Stores the value unless the key was invalidated since <paramref name="generation"/> was read.</summary>
    public async Task WriteIfGenerationAsync(string key, byte[] value, byte[] generation, CancellationToken cancellationToken)
    {
        if (!Breaker.TryAcquire())
        {
            return;
        }

        try
        {
            RedisArg[] args =
            [
                RedisArg.Value(CacheScripts.SetIfGeneration.Sha1),
                RedisArg.Value(2),
                RedisArg.Key(_valueSpace, key),
                RedisArg.Key(_generationSpace, key),
                RedisArg.Value(value),
                RedisArg.Value(generation),
                RedisArg.Value((long)Math.Max(1, TtlJitter.Apply(_options.RedisTtl, _options.TtlJitterPercent).TotalMilliseconds)),
            ];
            await _redis.EvalScriptAsync(CacheScripts.SetIfGeneration, args, _options.RedisCommandTimeout, cancellationToken);
            Breaker.RecordSuccess();
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            RecordFailure("write", ex);
        }
    }

    /// <summary>Deletes the values, bumps their generations and tells the other replicas; never throws for Redis failures.</summary>
    public async Task InvalidateAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (!Breaker.TryAcquire())
        {
            Remember(keys);
            return;
        }

        try
        {
            await InvalidateInRedisAsync(keys, cancellationToken);
            Breaker.RecordSuccess();
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            Remember(keys);
            RecordFailure("invalidate", ex);
        }
    }

    public void RecordFailure(string operation, Exception failure)
    {
        Breaker.RecordFailure(failure);
        RedisLog.CacheRedisFailed(_logger, operation, failure);
    }

    public void Dispose()
    {
        _redis.Connected -= OnRedisConnected;
        Breaker.StateChanged -= OnCircuitStateChanged;
    }

    private async Task InvalidateInRedisAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var args = new RedisArg[3 + (2 * keys.Count)];
        args[0] = RedisArg.Value(CacheScripts.Invalidate.Sha1);
        args[1] = RedisArg.Value(2L * keys.Count);
        var i = 2;
        foreach (var key in keys)
        {
            args[i++] = RedisArg.Key(_valueSpace, key);
            args[i++] = RedisArg.Key(_generationSpace, key);
        }

        args[i] = RedisArg.Value((long)_options.GenerationTtl.TotalMilliseconds);
        await _redis.EvalScriptAsync(CacheScripts.Invalidate, args, _options.RedisCommandTimeout, cancellationToken);

        // A lookup that read Redis between the caller's local drop and the Redis delete may have
        // put the old value back into L1; now that Redis is clean, drop it again.
        _dropLocally(keys);
        var message = new InvalidationMessage(_instanceId, keys).ToUtf8();
        await _redis.Send(
            RedisCommandName.Publish, RedisReplyConverters.Integer, _options.RedisCommandTimeout, cancellationToken,
            RedisArg.Key(_options.InvalidationChannel), RedisArg.Value(message));
    }

    private void Remember(IReadOnlyCollection<string> keys)
    {
        // Bounded: past the limit the Redis TTL is what bounds staleness.
        foreach (var key in keys)
        {
            if (_missedInvalidations.Count >= MaxRememberedInvalidations)
            {
                return;
            }

            _missedInvalidations.TryAdd(key, 0);
        }
    }

    private void OnRedisConnected(object? sender, EventArgs e) => _ = ReplayMissedInvalidationsAsync();

    private void OnCircuitStateChanged(RedisCircuitState state)
    {
        if (state == RedisCircuitState.Closed)
        {
            _ = ReplayMissedInvalidationsAsync();
        }
    }

    private async Task ReplayMissedInvalidationsAsync()
    {
        if (_missedInvalidations.IsEmpty || Interlocked.Exchange(ref _replaying, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var batch in _missedInvalidations.Keys.Chunk(ReplayBatchSize))
            {
                await InvalidateInRedisAsync(batch, _lifetime);
                foreach (var key in batch)
                {
                    _missedInvalidations.TryRemove(key, out _);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or OperationCanceledException)
        {
            RedisLog.CacheRedisFailed(_logger, "replay invalidations", ex);
        }
        finally
        {
            Volatile.Write(ref _replaying, 0);
        }
    }
}
