namespace ProfileHub.Redis;

/// <summary>The RESP2 type of a reply.</summary>
public enum RedisReplyKind
{
    /// <summary>A null bulk string (<c>$-1</c>) or null array (<c>*-1</c>).</summary>
    Null,

    /// <summary>A simple string such as <c>+OK</c>.</summary>
    SimpleString,

    /// <summary>An error reply such as <c>-WRONGTYPE …</c>.</summary>
    Error,

    /// <summary>A RESP integer (64-bit signed).</summary>
    Number,

    /// <summary>A binary-safe bulk string.</summary>
    BulkString,

    /// <summary>An array of replies.</summary>
    Array,
}
