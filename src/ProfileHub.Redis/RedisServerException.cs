namespace ProfileHub.Redis;

/// <summary>
/// The server answered a command with an error reply (for example <c>WRONGTYPE</c>, <c>NOAUTH</c>,
/// <c>WRONGPASS</c>, <c>NOSCRIPT</c>). The connection stays usable.
/// </summary>
public sealed class RedisServerException : RedisException
{
    /// <summary>Creates an exception with a default message.</summary>
    public RedisServerException()
        : this("ERR unknown error")
    {
    }

    /// <summary>Creates an exception from the full error line sent by the server.</summary>
    /// <param name="message">The error line, e.g. <c>WRONGTYPE Operation against a key holding the wrong kind of value</c>.</param>
    public RedisServerException(string message)
        : base(message)
    {
        Prefix = ExtractPrefix(message);
    }

    /// <summary>Creates an exception from the error line and a cause.</summary>
    /// <param name="message">The error line sent by the server.</param>
    /// <param name="innerException">The underlying cause.</param>
    public RedisServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Prefix = ExtractPrefix(message);
    }

    /// <summary>The first word of the error line (<c>ERR</c>, <c>WRONGTYPE</c>, <c>NOAUTH</c>, <c>WRONGPASS</c>, …).</summary>
    public string Prefix { get; }

    private static string ExtractPrefix(string message)
    {
        var space = message.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? message : message[..space];
    }
}
