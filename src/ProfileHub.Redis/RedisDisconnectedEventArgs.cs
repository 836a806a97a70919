namespace ProfileHub.Redis;

/// <summary>Says why a Redis connection dropped.</summary>
/// <param name="failure">The failure that broke the connection.</param>
public sealed class RedisDisconnectedEventArgs(Exception failure) : EventArgs
{
    /// <summary>The failure that broke the connection.</summary>
    public Exception Failure { get; } = failure;
}
