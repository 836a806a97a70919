namespace ProfileHub.Redis;

/// <summary>Base type of every failure raised by the ProfileHub Redis client.</summary>
public class RedisException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public RedisException()
        : base("Redis operation failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What went wrong.</param>
    public RedisException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
