namespace ProfileHub.Redis.Internal;

/// <summary>Cached conversions from a raw reply to each command's result type (no per-call delegate allocation).</summary>
internal static class RedisReplyConverters
{
    public static readonly Func<RedisReply, RedisReply> Reply = static reply => reply;

    public static readonly Func<RedisReply, bool> Ok = static reply => reply.Kind switch
    {
        RedisReplyKind.SimpleString => true,
        RedisReplyKind.Null => false,
        _ => throw Unexpected("a status", reply),
    };

    public static readonly Func<RedisReply, byte[]?> Bytes = static reply => reply.Kind switch
    {
        RedisReplyKind.BulkString or RedisReplyKind.Null => reply.Bytes,
        _ => throw Unexpected("a bulk string", reply),
    };

    public static readonly Func<RedisReply, long> Integer = static reply => reply.Kind == RedisReplyKind.Number
        ? reply.Number
        : throw Unexpected("an integer", reply);

    public static readonly Func<RedisReply, bool> IntegerIsOne = static reply => Integer(reply) == 1;

    public static readonly Func<RedisReply, byte[]?[]> BytesArray = static reply =>
    {
        if (reply.Kind != RedisReplyKind.Array)
        {
            throw Unexpected("an array", reply);
        }

        var elements = reply.Elements;
        var values = new byte[]?[elements.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Bytes(elements[i]);
        }

        return values;
    };

    private static RedisProtocolException Unexpected(string expected, in RedisReply reply) =>
        new($"Expected {expected} reply but got {reply.Kind}.");
}
