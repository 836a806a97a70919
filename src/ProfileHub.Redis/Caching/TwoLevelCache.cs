using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProfileHub.Redis.Caching;

/// <summary>
/// A read-through cache of byte values: in-process L1 (<see cref="MemoryCacheLayer"/>) in front of
/// Redis (L2) in front of the caller's loader. Concurrent misses of one key share one load;
/// invalidations bump per-key generations (in L1 and in Redis) so a load that started before an
/// invalidation can never write its stale result back, and are published so every replica drops
/// the keys from its L1. Redis is optional and guarded by a circuit breaker: with Redis down or
/// slow every lookup still succeeds from the loader.
/// </summary>
public sealed class TwoLevelCache : IAsyncDisposable
{
    private readonly TwoLevelCacheOptions _options;
    private readonly RedisCacheLayer? _redis;
    private readonly RedisSubscriber? _subscriber;
    private readonly ILogger _logger;
    private readonly CacheMetrics _metrics;
    private readonly ConcurrentDictionary<string, SharedLoad> _inflight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly string _instanceId = Guid.NewGuid().ToString("N");
    private readonly Lock _subscriptionGate = new();
    private Task? _subscription;

    /// <summary>Creates the cache.</summary>
    /// <param name="options">Sizes, TTLs, timeouts and breaker settings.</param>
    /// <param name="redis">The Redis connection, or null for an L1-only cache.</param>
    /// <param name="subscriber">The subscriber used to receive invalidations from other replicas (null: none).</param>
    /// <param name="logger">Logger.</param>
    /// <param name="meterFactory">Meter factory for the "ProfileHub.Redis" meter (null: a standalone meter).</param>
    public TwoLevelCache(
        TwoLevelCacheOptions options,
        RedisConnection? redis = null,
        RedisSubscriber? subscriber = null,
        ILogger<TwoLevelCache>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger<TwoLevelCache>.Instance;
        Memory = new MemoryCacheLayer(options.MemoryMaxEntries, options.MemoryMaxBytes);
        if (redis is not null)
        {
            _redis = new RedisCacheLayer(options, redis, _logger, _instanceId, InvalidateLocally, _lifetime.Token);
            _redis.Breaker.StateChanged += state => CircuitStateChanged?.Invoke(this, state);
            _subscriber = subscriber;
        }

        _metrics = new CacheMetrics(meterFactory, () => CircuitState);
    }

    /// <summary>Raised when the circuit breaker around Redis changes state (for health reporting).</summary>
    public event EventHandler<RedisCircuitState>? CircuitStateChanged;

    /// <summary>The in-process layer (L1).</summary>
    public MemoryCacheLayer Memory { get; }

    /// <summary>True when a Redis connection is configured.</summary>
    public bool UsesRedis => _redis is not null;

    /// <summary>State of the circuit breaker around Redis (always closed without Redis).</summary>
    public RedisCircuitState CircuitState => _redis?.Breaker.State ?? RedisCircuitState.Closed;

    /// <summary>
    /// Probes Redis when the circuit is open and its retry delay has passed, so the breaker closes
    /// without waiting for traffic. Returns true when Redis is usable (always true without Redis).
    /// </summary>
    public Task<bool> ProbeRedisAsync(CancellationToken cancellationToken = default) =>
        _redis?.ProbeAsync(cancellationToken) ?? Task.FromResult(true);

    /// <summary>Invalidations that could not reach Redis yet; they are replayed when Redis is back.</summary>
    public int PendingRedisInvalidations => _redis?.PendingInvalidations ?? 0;

    /// <summary>Subscribes to invalidations from other replicas (idempotent). A failure is logged, not thrown:
    /// the subscription is made as soon as Redis is reachable.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when subscribed or when the attempt failed.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_subscriber is null)
        {
            return Task.CompletedTask;
        }

        lock (_subscriptionGate)
        {
            if (_subscription is null)
            {
                _subscriber.Connected += OnSubscriberReconnected;
                _subscription = SubscribeAsync();
            }
        }

        return _subscription.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Returns the value of <paramref name="key"/> from L1, else Redis, else <paramref name="load"/>
    /// (whose result is then cached in both). Concurrent misses share one load: a caller that cancels
    /// stops waiting at once, and the load itself is cancelled when every caller waiting for it has.
    /// </summary>
    /// <param name="key">The cache key.</param>
    /// <param name="load">Reads the source; returns null when the source has no value (nothing is cached).</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The value and the layer that produced it.</returns>
    public ValueTask<CacheLookup> GetOrLoadAsync(string key, Func<CancellationToken, Task<CacheLoadResult?>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        return GetOrLoadAsync(key, load, static (source, ct) => source(ct), cancellationToken);
    }

    /// <summary>
    /// <see cref="GetOrLoadAsync(string, Func{CancellationToken, Task{CacheLoadResult}}, CancellationToken)"/>
    /// with the loader's state passed in, so a hit allocates no closure.
    /// </summary>
    /// <typeparam name="TState">What the loader needs (for example the lookup it resolves).</typeparam>
    /// <param name="key">The cache key.</param>
    /// <param name="state">Passed to <paramref name="load"/>.</param>
    /// <param name="load">Reads the source; returns null when the source has no value (nothing is cached).</param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    /// <returns>The value and the layer that produced it.</returns>
    public ValueTask<CacheLookup> GetOrLoadAsync<TState>(string key, TState state, Func<TState, CancellationToken, Task<CacheLoadResult?>> load, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(load);
        if (Memory.TryGet(key, out var cached))
        {
            _metrics.MemoryHit();
            return new ValueTask<CacheLookup>(new CacheLookup(true, cached, CacheLayer.Memory));
        }

        return _redis is null
            ? new ValueTask<CacheLookup>(WaitForLoadAsync(key, state, load, cancellationToken))
            : ReadRedisThenLoadAsync(_redis, key, state, load, cancellationToken);
    }

    /// <summary>
    /// Counts lookups answered by L1 entries read directly through <see cref="Memory"/> (for example
    /// through an entry's attachment), so the hit counters cover them like <see cref="GetOrLoadAsync"/> hits.
    /// </summary>
    /// <param name="entries">How many L1 entries answered.</param>
    public void RecordMemoryHits(int entries) => _metrics.MemoryHits(entries);

    /// <summary>
    /// Drops <paramref name="keys"/> from L1 and Redis, stops loads in progress from caching stale
    /// results, and tells the other replicas to drop them from their L1. Redis steps are best
    /// effort and never throw: with Redis down or the circuit open, L1 is still cleared and the
    /// Redis part is remembered (up to 100 000 keys) and replayed when Redis is back; beyond
    /// that, Redis entries expire by their TTL.
    /// </summary>
    /// <param name="keys">Keys whose source data changed.</param>
    /// <param name="cancellationToken">Cancels the Redis steps.</param>
    /// <returns>A task that completes when done.</returns>
    public async Task InvalidateAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        InvalidateLocally(keys);
        if (_redis is not null)
        {
            await _redis.InvalidateAsync(keys, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (_subscriber is not null)
        {
            _subscriber.Connected -= OnSubscriberReconnected;
        }

        _redis?.Dispose();
        _lifetime.Cancel();
        _lifetime.Dispose();
        _metrics.Dispose();
        return ValueTask.CompletedTask;
    }

    // Pooled state machines: a Redis hit suspends here once per lookup, and the box would be garbage at once.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CacheLookup> ReadRedisThenLoadAsync<TState>(RedisCacheLayer redis, string key, TState state, Func<TState, CancellationToken, Task<CacheLoadResult?>> load, CancellationToken cancellationToken)
    {
        // Redis reads are cheap and not shared between callers; only source loads are.
        if (!_inflight.ContainsKey(key) && redis.Breaker.TryAcquire())
        {
            var memoryGeneration = Memory.GetGeneration(key);
            try
            {
                var stored = await redis.GetValue(key, cancellationToken);
                redis.Breaker.RecordSuccess();
                if (stored is not null)
                {
                    Memory.SetIfGeneration(key, stored, TtlJitter.Apply(_options.MemoryTtl, _options.TtlJitterPercent), memoryGeneration);
                    _metrics.RedisHit();
                    return new CacheLookup(true, stored, CacheLayer.Redis);
                }
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                redis.RecordFailure("read", ex);
            }
        }

        return await WaitForLoadAsync(key, state, load, cancellationToken);
    }

    private async Task<CacheLookup> WaitForLoadAsync<TState>(string key, TState state, Func<TState, CancellationToken, Task<CacheLoadResult?>> load, CancellationToken cancellationToken)
    {
        while (true)
        {
            var shared = JoinOrStartLoad(key, state, load, out var finished);
            if (shared is null)
            {
                return finished;
            }

            try
            {
                return await shared.Completion.Task.WaitAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && shared.Abandoned && !_lifetime.IsCancellationRequested)
            {
                // Joined a load its other waiters had just given up on: start a fresh one.
            }
            finally
            {
                shared.Leave();
            }
        }
    }

    /// <summary>
    /// The load in progress for <paramref name="key"/>, joined, or a new one started (the caller must
    /// <see cref="SharedLoad.Leave"/> it); or null with <paramref name="finished"/> set when a load
    /// that just ended left the value in L1.
    /// </summary>
    private SharedLoad? JoinOrStartLoad<TState>(string key, TState state, Func<TState, CancellationToken, Task<CacheLoadResult?>> load, out CacheLookup finished)
    {
        finished = default;
        while (true)
        {
            if (_inflight.TryGetValue(key, out var running))
            {
                if (running.TryJoin())
                {
                    return running;
                }

                // Abandoned and being cancelled: take its place.
                _inflight.TryRemove(new KeyValuePair<string, SharedLoad>(key, running));
                continue;
            }

            // A caller whose Redis read missed while a load was finishing arrives after it left
            // _inflight; the load put its value in L1 before leaving, so look there before loading again.
            if (Memory.TryGet(key, out var cached))
            {
                _metrics.MemoryHit();
                finished = new CacheLookup(true, cached, CacheLayer.Memory);
                return null;
            }

            var started = new SharedLoad(_lifetime.Token);
            started.TryJoin();
            if (_inflight.TryAdd(key, started))
            {
                _ = LoadFromSourceAsync(key, state, load, started);
                return started;
            }

            started.Dispose();
        }
    }

    private async Task LoadFromSourceAsync<TState>(string key, TState state, Func<TState, CancellationToken, Task<CacheLoadResult?>> load, SharedLoad shared)
    {
        try
        {
            _metrics.Miss();
            var loadToken = shared.Cancellation.Token;

            // Both generations are taken before the source is read: an invalidation after this
            // point changes them, and the value read below is then not cached anywhere.
            var memoryGeneration = Memory.GetGeneration(key);
            var redisGeneration = _redis is null ? null : await _redis.TryGetGenerationAsync(key, loadToken);
            var loaded = await load(state, loadToken);
            if (loaded is null)
            {
                shared.Completion.TrySetResult(CacheLookup.NotFound);
                return;
            }

            Memory.SetIfGeneration(key, loaded.Value, TtlJitter.Apply(_options.MemoryTtl, _options.TtlJitterPercent), memoryGeneration);

            // Written before the callers resume, so that once a lookup returned, every replica
            // finds the value in Redis (bounded by the short cache command timeout).
            if (redisGeneration is not null)
            {
                await _redis!.WriteIfGenerationAsync(key, loaded.Value, redisGeneration, loadToken);
            }

            shared.Completion.TrySetResult(new CacheLookup(true, loaded.Value, CacheLayer.Source));
        }
        catch (Exception ex)
        {
            // Every waiter (there is at least the caller that started the load) sees the failure.
            shared.Completion.TrySetException(ex);
        }
        finally
        {
            _inflight.TryRemove(new KeyValuePair<string, SharedLoad>(key, shared));
            shared.Dispose();
        }
    }

    private void InvalidateLocally(IReadOnlyCollection<string> keys)
    {
        foreach (var key in keys)
        {
            Memory.Invalidate(key);

            // Callers arriving from now on start a fresh load instead of joining one that may have
            // read the old data.
            if (_inflight.TryGetValue(key, out var running))
            {
                _inflight.TryRemove(new KeyValuePair<string, SharedLoad>(key, running));
            }
        }
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await _subscriber!.SubscribeAsync(_options.InvalidationChannel, OnInvalidationMessage, _lifetime.Token);
        }
        catch (Exception ex) when (ex is RedisException or OperationCanceledException)
        {
            // Not a breaker failure: reads may still work. The subscriber subscribes on reconnect.
            RedisLog.CacheRedisFailed(_logger, "subscribe", ex);
        }
    }

    private void OnInvalidationMessage(string channel, ReadOnlyMemory<byte> payload)
    {
        var message = InvalidationMessage.Parse(payload.Span);
        if (message is null || message.Sender == _instanceId)
        {
            return;
        }

        InvalidateLocally(message.Keys);
    }

    private void OnSubscriberReconnected(object? sender, EventArgs e)
    {
        // Invalidations published while the subscription was down are lost; L1 may hold values
        // they would have dropped.
        Memory.Clear();
        RedisLog.LocalCacheClearedAfterResubscribe(_logger);
    }
}
