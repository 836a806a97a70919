using System.Globalization;
using System.Text;

namespace ProfileHub.Redis;

/// <summary>
/// One RESP2 reply: simple string, error, integer, bulk string (possibly null) or array.
/// A value type so that a reply costs no allocation beyond its payload.
/// </summary>
public readonly struct RedisReply : IEquatable<RedisReply>
{
    private static readonly RedisReply[] EmptyElements = [];

    // byte[] for bulk strings, string for simple strings and errors, RedisReply[] for arrays.
    private readonly object? _payload;
    private readonly long _integer;

    private RedisReply(RedisReplyKind kind, object? payload, long integer)
    {
        Kind = kind;
        _payload = payload;
        _integer = integer;
    }

    /// <summary>The null reply (<c>$-1</c> / <c>*-1</c>).</summary>
    public static RedisReply Null => default;

    /// <summary>The RESP type of this reply.</summary>
    public RedisReplyKind Kind { get; }

    /// <summary>True for a null bulk string or null array.</summary>
    public bool IsNull => Kind == RedisReplyKind.Null;

    /// <summary>True when the server answered with an error.</summary>
    public bool IsError => Kind == RedisReplyKind.Error;

    /// <summary>The RESP integer value; valid when <see cref="Kind"/> is <see cref="RedisReplyKind.Number"/>.</summary>
    public long Number => Kind == RedisReplyKind.Number
        ? _integer
        : throw new InvalidOperationException($"Reply is {Kind}, not Number.");

    /// <summary>The bytes of a bulk string (null for a null reply; UTF-8 of a simple string).</summary>
    public byte[]? Bytes => Kind switch
    {
        RedisReplyKind.BulkString => (byte[])_payload!,
        RedisReplyKind.Null => null,
        RedisReplyKind.SimpleString => Encoding.UTF8.GetBytes((string)_payload!),
        RedisReplyKind.Number => Encoding.ASCII.GetBytes(_integer.ToString(CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"Reply is {Kind}, not a string."),
    };

    /// <summary>The elements of an array reply (empty for any other kind).</summary>
    public IReadOnlyList<RedisReply> Elements => _payload as RedisReply[] ?? EmptyElements;

    /// <summary>The error line of an error reply; null for other kinds.</summary>
    public string? ErrorMessage => Kind == RedisReplyKind.Error ? (string)_payload! : null;

    /// <summary>Creates a simple-string reply.</summary>
    /// <param name="value">The status text, e.g. <c>OK</c>.</param>
    public static RedisReply SimpleString(string value) => new(RedisReplyKind.SimpleString, value, 0);

    /// <summary>Creates an error reply.</summary>
    /// <param name="message">The full error line.</param>
    public static RedisReply Error(string message) => new(RedisReplyKind.Error, message, 0);

    /// <summary>Creates an integer reply.</summary>
    /// <param name="value">The integer.</param>
    public static RedisReply FromInteger(long value) => new(RedisReplyKind.Number, null, value);

    /// <summary>Creates a bulk-string reply; the array is not copied.</summary>
    /// <param name="value">The bytes.</param>
    public static RedisReply BulkString(byte[] value) => new(RedisReplyKind.BulkString, value, 0);

    /// <summary>Creates an array reply; the array is not copied.</summary>
    /// <param name="elements">The elements.</param>
    public static RedisReply FromArray(RedisReply[] elements) => new(RedisReplyKind.Array, elements, 0);

    /// <summary>The value as text: UTF-8 decoded bulk, simple string, error line or integer.</summary>
    /// <returns>The text, or null for a null reply.</returns>
    public string? AsString() => Kind switch
    {
        RedisReplyKind.Null => null,
        RedisReplyKind.BulkString => Encoding.UTF8.GetString((byte[])_payload!),
        RedisReplyKind.SimpleString or RedisReplyKind.Error => (string)_payload!,
        RedisReplyKind.Number => _integer.ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException("An array reply has no single string value."),
    };

    /// <summary>Throws <see cref="RedisServerException"/> when this is an error reply.</summary>
    /// <returns>This reply.</returns>
    public RedisReply ThrowIfError() =>
        Kind == RedisReplyKind.Error ? throw new RedisServerException((string)_payload!) : this;

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        RedisReplyKind.Null => "(nil)",
        RedisReplyKind.Array => $"Array[{Elements.Count}]",
        RedisReplyKind.BulkString => $"Bulk[{((byte[])_payload!).Length}]",
        _ => $"{Kind}: {AsString()}",
    };

    /// <inheritdoc/>
    public bool Equals(RedisReply other) =>
        Kind == other.Kind && _integer == other._integer && Equals(_payload, other._payload);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RedisReply other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _integer, _payload);

    /// <summary>Compares two replies (payloads by reference).</summary>
    /// <param name="left">A reply.</param>
    /// <param name="right">Another reply.</param>
    public static bool operator ==(RedisReply left, RedisReply right) => left.Equals(right);

    /// <summary>Compares two replies (payloads by reference).</summary>
    /// <param name="left">A reply.</param>
    /// <param name="right">Another reply.</param>
    public static bool operator !=(RedisReply left, RedisReply right) => !left.Equals(right);
}
