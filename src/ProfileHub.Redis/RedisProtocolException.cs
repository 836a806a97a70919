namespace ProfileHub.Redis;

/// <summary>
/// The peer sent bytes that are not valid RESP2, or a reply nobody asked for. The connection is
/// dropped and re-established because the reply stream can no longer be trusted.
/// </summary>
public sealed class RedisProtocolException : RedisException
{
    /// <summary>Creates an exception with a default message.</summary>
    public RedisProtocolException()
        : base("Invalid RESP data received.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public RedisProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public RedisProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
