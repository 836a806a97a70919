namespace ProfileHub.Redis;

/// <summary>
/// The command could not be sent or its reply could not be received because the connection is
/// down, broken or being re-established. Raised immediately (fail fast) while disconnected.
/// </summary>
public sealed class RedisConnectionException : RedisException
{
    /// <summary>Creates an exception with a default message.</summary>
    public RedisConnectionException()
        : base("Redis connection is not available.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public RedisConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public RedisConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
