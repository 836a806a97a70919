using Microsoft.Extensions.Logging;

namespace ProfileHub.Redis;

/// <summary>Source-generated log messages of the Redis client and cache (no keys or values are logged).</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Redis {Role} connected to {Endpoint}")]
    public static partial void Connected(ILogger logger, string role, string endpoint);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Redis {Role} connection to {Endpoint} lost")]
    public static partial void ConnectionLost(ILogger logger, string role, string endpoint, Exception reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Redis {Role} reconnect attempt {Attempt} to {Endpoint} failed; next try in {DelayMs} ms")]
    public static partial void ReconnectFailed(ILogger logger, string role, int attempt, string endpoint, long delayMs, Exception reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Redis {Role} connection event handler failed")]
    public static partial void EventHandlerFailed(ILogger logger, string role, Exception reason);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Redis subscription handler for a message on channel {Channel} failed")]
    public static partial void SubscriptionHandlerFailed(ILogger logger, string channel, Exception reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Redis subscriber re-subscribed {Count} channels")]
    public static partial void Resubscribed(ILogger logger, int count);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Redis circuit breaker opened after {Failures} consecutive failures; cache reads go to the source for {OpenMs} ms")]
    public static partial void CircuitOpened(ILogger logger, int failures, long openMs, Exception? lastFailure);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Redis circuit breaker closed; Redis answers again")]
    public static partial void CircuitClosed(ILogger logger);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Redis cache {Operation} failed; continuing without Redis")]
    public static partial void CacheRedisFailed(ILogger logger, string operation, Exception reason);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Redis invalidation subscription (re)established; local cache cleared because messages may have been missed")]
    public static partial void LocalCacheClearedAfterResubscribe(ILogger logger);
}
