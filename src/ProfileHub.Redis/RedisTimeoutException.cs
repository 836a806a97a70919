namespace ProfileHub.Redis;

/// <summary>
/// The reply to a command did not arrive within the command timeout. When the oldest command on a
/// connection times out the connection is considered broken and is re-established.
/// </summary>
public sealed class RedisTimeoutException : RedisException
{
    /// <summary>Creates an exception with a default message.</summary>
    public RedisTimeoutException()
        : base("Redis did not reply in time.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public RedisTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public RedisTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
